-- Identity and access: units, staff, memberships (roles with dates), sessions, login throttling,
-- service accounts and the append-only, hash-chained audit trail (ADR 0005, 0006).

-- Units: agency → region/department → unit/office. Never hard-deleted while referenced:
-- deactivation keeps history, and foreign keys refuse a delete.
create table units (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  parent_id uuid references units (id),
  level text not null check (level in ('region', 'department', 'unit')),
  name text not null check (length(name) between 1 and 200),
  county_code char(2) references counties (code),
  municipality_code char(4) references municipalities (code),
  active boolean not null default true,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (municipality_code is null or county_code = left(municipality_code, 2))
);
create index units_tenant on units (tenant_id);
create index units_parent on units (parent_id);

create table unit_changes (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null references units (id),
  changed_at timestamptz not null default now(),
  changed_by uuid,
  change text not null check (change in ('created', 'renamed', 'moved', 'deactivated', 'reactivated', 'updated')),
  before jsonb,
  after jsonb
);
create index unit_changes_unit on unit_changes (unit_id, changed_at);

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  email text not null,
  display_name text not null check (length(display_name) between 1 and 200),
  password_hash text,
  totp_secret_encrypted text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  recovery_code_hashes text[] not null default '{}',
  active boolean not null default true,
  -- Bumped by password change, role change and deactivation: sessions carrying an older value
  -- end on their next request.
  security_version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (email = lower(email))
);
create unique index users_email on users (email);
create index users_tenant on users (tenant_id);

-- A membership is a role held in a unit between two dates. It both grants permissions and is
-- the staff denominator for follow-up ("share of caseworkers who asked", "share trained").
create table memberships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  unit_id uuid not null references units (id),
  role text not null check (role in (
    'caseworker', 'manager', 'agency_coordinator', 'national_coordinator', 'knowledge_editor',
    'county_strategist', 'directory_editor', 'auditor', 'system_admin')),
  starts_on date not null,
  ends_on date,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);
create index memberships_user on memberships (user_id);
create index memberships_unit on memberships (unit_id, role);

-- Sessions are authentication infrastructure, read only by the system (never by the
-- restricted roles). The cookie carries a random token; only its SHA-256 is stored.
create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id),
  acting_unit_id uuid references units (id),
  csrf_token text not null,
  security_version integer not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  absolute_expires_at timestamptz not null,
  -- 'full' once every required factor is proven; 'totp_enrolment' may only enrol a second factor.
  stage text not null default 'full' check (stage in ('full', 'totp_enrolment')),
  revoked_at timestamptz
);
create index sessions_user on sessions (user_id);

-- Failed logins keyed by a keyed hash of the submitted email and of the client address.
create table login_failures (
  key_hash text not null,
  failed_at timestamptz not null default now()
);
create index login_failures_key on login_failures (key_hash, failed_at);

create table service_accounts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null references units (id),
  name text not null check (length(name) between 1 and 200),
  token_hash text not null unique,
  token_hint text not null,
  actions text[] not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Row-level security. Owner maintenance goes through app_is_system(); requests run as
-- upptack_app scoped to one tenant.
alter table units enable row level security;
alter table units force row level security;
create policy units_system on units using (app_is_system()) with check (app_is_system());
-- Unit names are organisational facts shown across agencies (e.g. in collaboration bodies).
create policy units_read on units for select to upptack_app using (true);
create policy units_write on units for insert to upptack_app with check (tenant_id = app_tenant());
create policy units_update on units for update to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on units to upptack_app;

alter table unit_changes enable row level security;
alter table unit_changes force row level security;
create policy unit_changes_system on unit_changes using (app_is_system()) with check (app_is_system());
create policy unit_changes_tenant on unit_changes to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert on unit_changes to upptack_app;

alter table users enable row level security;
alter table users force row level security;
create policy users_system on users using (app_is_system()) with check (app_is_system());
create policy users_tenant on users to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select (id, tenant_id, email, display_name, active, totp_enabled_at, demo, created_at, updated_at),
  insert, update (display_name, active, security_version, updated_at) on users to upptack_app;

alter table memberships enable row level security;
alter table memberships force row level security;
create policy memberships_system on memberships using (app_is_system()) with check (app_is_system());
create policy memberships_tenant on memberships to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (ends_on) on memberships to upptack_app;

alter table sessions enable row level security;
alter table sessions force row level security;
create policy sessions_system on sessions using (app_is_system()) with check (app_is_system());

alter table login_failures enable row level security;
alter table login_failures force row level security;
create policy login_failures_system on login_failures using (app_is_system()) with check (app_is_system());

alter table service_accounts enable row level security;
alter table service_accounts force row level security;
create policy service_accounts_system on service_accounts using (app_is_system()) with check (app_is_system());
create policy service_accounts_tenant on service_accounts to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select (id, tenant_id, unit_id, name, token_hint, actions, created_by, created_at, last_used_at, revoked_at),
  insert, update (revoked_at) on service_accounts to upptack_app;

-- The audit trail. Append-only for everyone: no role is granted UPDATE or DELETE, and a
-- trigger refuses them even for the owner. Each event carries the hash of the previous one.
create table audit_events (
  seq bigint primary key,
  occurred_at timestamptz not null,
  tenant_id uuid,
  actor_kind text not null check (actor_kind in ('user', 'service', 'anonymous', 'system')),
  actor_id uuid,
  acting_unit_id uuid,
  acting_roles text[] not null default '{}',
  action text not null,
  outcome text not null check (outcome in ('allowed', 'denied')),
  record_type text,
  record_id text,
  record_tenant_id uuid,
  reason text,
  break_glass boolean not null default false,
  source_ip text,
  request_id text,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_events_actor on audit_events (actor_id, occurred_at);
create index audit_events_record on audit_events (record_type, record_id);
create index audit_events_time on audit_events (occurred_at);
create index audit_events_tenant on audit_events (tenant_id, occurred_at);

-- The canonical text of an event that its hash covers; verification recomputes it.
create or replace function audit_canonical(e audit_events) returns text
  language sql immutable as $$
    select concat_ws('|',
      e.seq::text,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      coalesce(e.tenant_id::text, '-'), e.actor_kind, coalesce(e.actor_id::text, '-'),
      coalesce(e.acting_unit_id::text, '-'), array_to_string(e.acting_roles, ','), e.action, e.outcome,
      coalesce(e.record_type, '-'), coalesce(e.record_id, '-'), coalesce(e.record_tenant_id::text, '-'),
      coalesce(e.reason, '-'), e.break_glass::text, coalesce(e.source_ip, '-'),
      coalesce(e.request_id, '-'), e.details::text, e.prev_hash)
  $$;

create or replace function audit_refuse_change() returns trigger
  language plpgsql as $$
  begin
    raise exception 'audit_events is append-only';
  end
  $$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function audit_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_refuse_change();

-- The only way to write an event. Runs as the owner (SECURITY DEFINER) with app.system set for
-- its own duration; a transaction-scoped advisory lock orders concurrent writers so the chain
-- stays linear.
create or replace function audit_append(
  p_tenant_id uuid, p_actor_kind text, p_actor_id uuid, p_acting_unit_id uuid, p_acting_roles text[],
  p_action text, p_outcome text, p_record_type text, p_record_id text, p_record_tenant_id uuid,
  p_reason text, p_break_glass boolean, p_source_ip text, p_request_id text, p_details jsonb
) returns bigint
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  declare
    previous audit_events;
    event audit_events;
  begin
    perform pg_advisory_xact_lock(726200002);
    select * into previous from audit_events order by seq desc limit 1;
    event.seq := coalesce(previous.seq, 0) + 1;
    event.occurred_at := date_trunc('milliseconds', clock_timestamp());
    event.tenant_id := p_tenant_id;
    event.actor_kind := p_actor_kind;
    event.actor_id := p_actor_id;
    event.acting_unit_id := p_acting_unit_id;
    event.acting_roles := coalesce(p_acting_roles, '{}');
    event.action := p_action;
    event.outcome := p_outcome;
    event.record_type := p_record_type;
    event.record_id := p_record_id;
    event.record_tenant_id := p_record_tenant_id;
    event.reason := p_reason;
    event.break_glass := coalesce(p_break_glass, false);
    event.source_ip := p_source_ip;
    event.request_id := p_request_id;
    event.details := coalesce(p_details, '{}'::jsonb);
    event.prev_hash := coalesce(previous.hash, repeat('0', 64));
    event.hash := encode(sha256(convert_to(audit_canonical(event), 'UTF8')), 'hex');
    insert into audit_events values (event.*);
    return event.seq;
  end
  $$;
revoke all on function audit_append(uuid, text, uuid, uuid, text[], text, text, text, text, uuid, text, boolean, text, text, jsonb) from public;
grant execute on function audit_append(uuid, text, uuid, uuid, text[], text, text, text, text, uuid, text, boolean, text, text, jsonb)
  to upptack_app, upptack_public;

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy audit_events_system on audit_events using (app_is_system()) with check (app_is_system());
-- Auditors read their own organisation's trail; the route checks the permission.
create policy audit_events_tenant_read on audit_events for select to upptack_app using (tenant_id = app_tenant());
grant select on audit_events to upptack_app;

-- Reviews of flagged (break-the-glass) reads live beside the trail, never in it.
create table audit_reviews (
  seq bigint primary key references audit_events (seq),
  tenant_id uuid not null references organisations (id),
  reviewed_by uuid not null,
  reviewed_at timestamptz not null default now(),
  note text
);
alter table audit_reviews enable row level security;
alter table audit_reviews force row level security;
create policy audit_reviews_system on audit_reviews using (app_is_system()) with check (app_is_system());
create policy audit_reviews_tenant on audit_reviews to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert on audit_reviews to upptack_app;
