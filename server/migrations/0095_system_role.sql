-- The system role (ADR 0081): `database.system()` switches to `upptack_system` instead of acting
-- as the connection's login role, so the runtime login (`upptack_runtime`, which owns nothing)
-- can do the platform's cross-tenant maintenance — authentication, sessions, jobs, demo seeding,
-- the admin CLI — without being the owner. `upptack_system` owns nothing, is no superuser and has
-- no BYPASSRLS: it reads and writes rows, passing the `*_system` policies through app_is_system(),
-- but cannot change the schema, a policy or a trigger, and cannot rewrite the audit trail.

-- Roles are cluster-wide. On a managed server the DBA has created it (print-database-setup),
-- since the owner may not create roles; elsewhere the migrating superuser creates it here.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'upptack_system') then
    create role upptack_system nologin noinherit;
  end if;
  -- An owner that is no superuser switches to it when it serves requests itself (one URL).
  if not pg_has_role(current_user, 'upptack_system', 'member') then
    execute format('grant upptack_system to %I', current_user);
  end if;
end
$$;

grant usage on schema public to upptack_system;
-- Rows only: no TRUNCATE (it ignores row-level security), REFERENCES or TRIGGER.
grant select, insert, update, delete on all tables in schema public to upptack_system;
grant usage, select, update on all sequences in schema public to upptack_system;
-- Functions revoked from PUBLIC (audit_append, app_may_open, …) are the system's to call too.
grant execute on all functions in schema public to upptack_system;
-- Later migrations run as the same owner, so their tables and functions follow without a grant.
alter default privileges in schema public grant select, insert, update, delete on tables to upptack_system;
alter default privileges in schema public grant usage, select, update on sequences to upptack_system;
alter default privileges in schema public grant execute on functions to upptack_system;

-- The audit trail is append-only (ADR 0006): events are written by audit_append alone.
revoke update, delete on audit_events from upptack_system;

-- The migrations' bookkeeping is the owner's: the system role only reads it (readiness, and a
-- start-up without the owner's connection).
revoke insert, update, delete on schema_migrations from upptack_system;

-- The runtime login role is no restricted role by name, but after a RESET ROLE it must not pass
-- for the system either by setting app.system itself.
create or replace function app_is_system() returns boolean
  language sql stable as $$
    select coalesce(current_setting('app.system', true), '') = 'on'
       and current_user not in ('upptack_app', 'upptack_public', 'upptack_runtime')
  $$;
