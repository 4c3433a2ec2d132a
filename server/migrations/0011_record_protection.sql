-- Core protection rules nobody can override (issue 3, ADR 0010) and break-the-glass (ADR 0014).
-- They apply to every individual-level record type; a feature's row-level policy calls
-- app_may_open('<record type>', id) so the database enforces them, not only the service.

-- Per record: protected identity (skyddade personuppgifter: location fields are never shown)
-- and a designated unit (only users acting in that unit may open the record, e.g. when the
-- client is a member of the agency's own staff).
create table record_protections (
  tenant_id uuid not null references organisations (id),
  record_type text not null check (record_type ~ '^[a-z][a-z0-9_]{0,39}$'),
  record_id uuid not null,
  protected_identity boolean not null default false,
  designated_unit_id uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (record_type, record_id),
  foreign key (designated_unit_id, tenant_id) references units (id, tenant_id)
);
create index record_protections_tenant on record_protections (tenant_id);

-- Staff connected to a record (e.g. they are the client, or related to the client): they can
-- never open it, whatever their role, scope or break-the-glass.
create table record_connections (
  tenant_id uuid not null references organisations (id),
  record_type text not null check (record_type ~ '^[a-z][a-z0-9_]{0,39}$'),
  record_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  created_by uuid,
  primary key (record_type, record_id, user_id),
  foreign key (user_id, tenant_id) references users (id, tenant_id)
);
create index record_connections_tenant on record_connections (tenant_id);
create index record_connections_user on record_connections (user_id);

-- True when the caller (app.user_id acting in app.unit_id) may open the record as far as the
-- protection rules go; scope and permissions are checked besides. SECURITY DEFINER with
-- app.system on, so it can read the protection tables even where their own policies call it.
create or replace function app_may_open(p_record_type text, p_record_id uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select not exists (
             select 1 from record_connections c
              where c.record_type = p_record_type and c.record_id = p_record_id
                and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)
       and not exists (
             select 1 from record_protections p
              where p.record_type = p_record_type and p.record_id = p_record_id
                and p.designated_unit_id is not null
                and p.designated_unit_id is distinct from nullif(current_setting('app.unit_id', true), '')::uuid)
  $$;
revoke all on function app_may_open(text, uuid) from public;
grant execute on function app_may_open(text, uuid) to upptack_app;

alter table record_protections enable row level security;
alter table record_protections force row level security;
create policy record_protections_system on record_protections using (app_is_system()) with check (app_is_system());
create policy record_protections_tenant on record_protections to upptack_app
  using (tenant_id = app_tenant() and app_may_open(record_type, record_id))
  with check (tenant_id = app_tenant());
grant select, insert, update (protected_identity, designated_unit_id, updated_at, updated_by) on record_protections to upptack_app;

alter table record_connections enable row level security;
alter table record_connections force row level security;
create policy record_connections_system on record_connections using (app_is_system()) with check (app_is_system());
-- A connected user sees none of the record's connections, so cannot remove their own.
create policy record_connections_tenant on record_connections to upptack_app
  using (tenant_id = app_tenant() and app_may_open(record_type, record_id))
  with check (tenant_id = app_tenant());
grant select, insert, delete on record_connections to upptack_app;

-- Break-the-glass: a time-limited grant to open one record outside the user's normal scope,
-- with a reason. The grant and every read under it are audited and flagged for review.
create table break_glass_grants (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  user_id uuid not null,
  record_type text not null check (record_type ~ '^[a-z][a-z0-9_]{0,39}$'),
  record_id uuid not null,
  -- The reason is also in the audit event; kept here so the user's own reads under the grant
  -- can carry it without the user reading the audit trail.
  reason text not null check (length(reason) between 10 and 500),
  granted_at timestamptz not null,
  expires_at timestamptz not null,
  audit_seq bigint not null references audit_events (seq),
  check (expires_at > granted_at),
  foreign key (user_id, tenant_id) references users (id, tenant_id)
);
create index break_glass_grants_lookup on break_glass_grants (user_id, record_type, record_id, expires_at);
create index break_glass_grants_tenant on break_glass_grants (tenant_id);

alter table break_glass_grants enable row level security;
alter table break_glass_grants force row level security;
create policy break_glass_grants_system on break_glass_grants using (app_is_system()) with check (app_is_system());
-- Only the user's own grants, in the organisation they act in.
create policy break_glass_grants_own on break_glass_grants to upptack_app
  using (tenant_id = app_tenant() and user_id = app_user())
  with check (tenant_id = app_tenant() and user_id = app_user());
grant select, insert on break_glass_grants to upptack_app;
