-- Identity administration (issue 3, ADR 0005): organisations created by administrators, one
-- organisation per membership, password set-up links, TOTP enrolment, and the database-side
-- guards that keep secrets out of reach of the application role.

-- Unit and organisation names are shared across organisations (migration 0001, 0003), but only
-- with a signed-in caller acting in one: with no tenant context the policies admit nothing.
drop policy organisations_read on organisations;
create policy organisations_read on organisations for select to upptack_app using (app_tenant() is not null);
drop policy units_read on units;
create policy units_read on units for select to upptack_app using (app_tenant() is not null);

-- Organisations: administrators add non-agency participants (coordination associations,
-- shelters, …) and rename or deactivate them. A request may only write the organisation it acts
-- in: a system administrator's `all` grant acts in the target organisation (ADR 0016).
alter table organisations add column version integer not null default 1;
alter table organisations add column updated_at timestamptz not null default now();
alter table organisations add constraint organisations_name_length check (length(name) between 1 and 200);
alter table organisations add constraint organisations_code_format check (code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$');
create policy organisations_insert on organisations for insert to upptack_app with check (id = app_tenant());
create policy organisations_update on organisations for update to upptack_app
  using (id = app_tenant()) with check (id = app_tenant());
grant insert (id, kind, code, name, short_name, county_code, municipality_code),
  update (name, short_name, active, version, updated_at) on organisations to upptack_app;

-- A membership, a sub-unit and a service account always belong to the organisation of their
-- unit and user: composite keys make a cross-organisation link impossible, whatever the code does.
alter table units add constraint units_id_tenant unique (id, tenant_id);
alter table users add constraint users_id_tenant unique (id, tenant_id);
alter table units add constraint units_parent_same_tenant
  foreign key (parent_id, tenant_id) references units (id, tenant_id);
alter table memberships add constraint memberships_unit_same_tenant
  foreign key (unit_id, tenant_id) references units (id, tenant_id);
alter table memberships add constraint memberships_user_same_tenant
  foreign key (user_id, tenant_id) references users (id, tenant_id);
alter table service_accounts add constraint service_accounts_unit_same_tenant
  foreign key (unit_id, tenant_id) references units (id, tenant_id);
alter table unit_changes add constraint unit_changes_unit_same_tenant
  foreign key (unit_id, tenant_id) references units (id, tenant_id);
-- A membership's ends_on is the first day without the role: the role holds on [starts_on,
-- ends_on). Ending a role "today" therefore takes effect on the very next request, and a role
-- withdrawn on the day it started has starts_on = ends_on and never took effect.
comment on column memberships.ends_on is 'First day without the role (half-open interval); null = until further notice';

-- A unit is never its own ancestor (checked by the service for longer cycles).
alter table units add constraint units_not_own_parent check (parent_id is distinct from id);

-- Password set-up: an administrator issues a one-time link (shown once, stored as SHA-256) and
-- the person chooses their own password. No administrator ever knows a password.
alter table users add column password_setup_hash text;
alter table users add column password_setup_expires_at timestamptz;
alter table users add column password_changed_at timestamptz;
create unique index users_password_setup on users (password_setup_hash) where password_setup_hash is not null;

-- The application role creates users without any secret and may change only harmless columns;
-- secrets (password hash, TOTP secret, recovery codes, set-up links) change through the
-- functions below or through authentication code running as the owner.
revoke insert on users from upptack_app;
grant insert (id, tenant_id, email, display_name) on users to upptack_app;
-- Deactivation bumps security_version = security_version + 1, which reads the column.
grant select (security_version) on users to upptack_app;

-- The functions below run as the owner (SECURITY DEFINER) with app.system on for their own
-- duration, so they work when the owner is subject to FORCE ROW LEVEL SECURITY (a non-superuser
-- owner in production); each limits itself to the organisation the caller acts in.

-- Resets a user's second factor: the TOTP secret and every recovery code are removed and all
-- sessions end (security_version).
create or replace function app_reset_second_factor(p_user uuid) returns boolean
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  declare
    changed integer;
  begin
    if app_tenant() is null then
      return false;
    end if;
    update users
       set totp_secret_encrypted = null, totp_enabled_at = null, totp_last_step = null,
           recovery_code_hashes = '{}', security_version = security_version + 1, updated_at = now()
     where id = p_user and tenant_id = app_tenant();
    get diagnostics changed = row_count;
    return changed = 1;
  end
  $$;

-- Issues a password set-up link: the current password stops working and all sessions end.
create or replace function app_issue_password_setup(p_user uuid, p_hash text, p_expires timestamptz) returns boolean
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  declare
    changed integer;
  begin
    if app_tenant() is null or p_hash is null or length(p_hash) <> 64 then
      return false;
    end if;
    update users
       set password_hash = null, password_setup_hash = p_hash, password_setup_expires_at = p_expires,
           security_version = security_version + 1, updated_at = now()
     where id = p_user and tenant_id = app_tenant();
    get diagnostics changed = row_count;
    return changed = 1;
  end
  $$;

-- The organisation of a user or a service account, for system administrators whose `all` grant
-- must act in that organisation. Reveals nothing but an organisation id for an unguessable id.
create or replace function app_user_tenant(p_user uuid) returns uuid
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select tenant_id from users where id = p_user
  $$;

create or replace function app_service_account_tenant(p_account uuid) returns uuid
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select tenant_id from service_accounts where id = p_account
  $$;

-- What an administrator may know about a user's credentials: whether they exist, never them.
create or replace function app_credential_status(p_user uuid)
  returns table (password_set boolean, setup_expires_at timestamptz, recovery_codes_left integer)
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select password_hash is not null, password_setup_expires_at, coalesce(cardinality(recovery_code_hashes), 0)
      from users where id = p_user and tenant_id = app_tenant()
  $$;

revoke all on function app_reset_second_factor(uuid), app_issue_password_setup(uuid, text, timestamptz), app_user_tenant(uuid),
  app_service_account_tenant(uuid), app_credential_status(uuid) from public;
grant execute on function app_reset_second_factor(uuid), app_issue_password_setup(uuid, text, timestamptz), app_user_tenant(uuid),
  app_service_account_tenant(uuid), app_credential_status(uuid) to upptack_app;

-- TOTP enrolment: the secret waits on the session until the first code confirms it.
alter table sessions add column totp_pending_encrypted text;

-- Auditors of an organisation also see what others (e.g. a system administrator) did to its
-- records: the event's record organisation is theirs. And only transactions of an actor who
-- holds `audit.read` (app.audit_reader, set from the permission table) see the trail at all, so
-- a mistake in any other feature's query cannot expose it.
drop policy audit_events_tenant_read on audit_events;
create policy audit_events_tenant_read on audit_events for select to upptack_app
  using ((tenant_id = app_tenant() or record_tenant_id = app_tenant())
         and coalesce(current_setting('app.audit_reader', true), '') = 'on');
create index audit_events_record_tenant on audit_events (record_tenant_id, occurred_at);
create index audit_events_flagged on audit_events (seq) where break_glass;
