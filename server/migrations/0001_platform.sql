-- Platform kernel: database roles, the access-context functions row-level policies use,
-- reference tables, participating organisations (tenants) and the background job queue.
-- Keep SQL within PostgreSQL 15 (PGlite is 18 and accepts more).

-- Roles the application switches to per transaction (ADR 0003). Roles are cluster-wide, so
-- creation is idempotent: a second database in the same cluster reuses them.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'upptack_app') then
    create role upptack_app nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'upptack_public') then
    create role upptack_public nologin noinherit;
  end if;
  -- A non-superuser owner must be a member to SET ROLE; superusers may always.
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant upptack_app, upptack_public to %I', current_user);
  end if;
end
$$;

grant usage on schema public to upptack_app, upptack_public;

-- The access context. Settings are transaction-local (set_config(..., true)); an unset setting
-- reads as '' after a reset, so every function maps '' to null and policies deny on null.
create or replace function app_tenant() returns uuid
  language sql stable as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
create or replace function app_user() returns uuid
  language sql stable as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
create or replace function app_unit() returns uuid
  language sql stable as $$ select nullif(current_setting('app.unit_id', true), '')::uuid $$;
-- Owner access for migrations, seeding and maintenance. The restricted roles can never be
-- "system", whatever settings they manage to set.
create or replace function app_is_system() returns boolean
  language sql stable as $$
    select coalesce(current_setting('app.system', true), '') = 'on'
       and current_user not in ('upptack_app', 'upptack_public')
  $$;
grant execute on function app_tenant(), app_user(), app_unit(), app_is_system() to upptack_app, upptack_public;

-- Reference data (public facts; no tenant).
create table counties (
  code char(2) primary key check (code ~ '^[0-9]{2}$'),
  name text not null
);
create table municipalities (
  code char(4) primary key check (code ~ '^[0-9]{4}$'),
  name text not null,
  county_code char(2) not null references counties (code),
  check (left(code, 2) = county_code)
);
grant select on counties, municipalities to upptack_app, upptack_public;

-- Participating organisations: each is a tenant that owns data (`tenant_id` elsewhere).
-- Not to be confused with providers in the support directory.
create table organisations (
  id uuid primary key,
  kind text not null check (kind in (
    'agency', 'county_board', 'municipality', 'region', 'coordination_association',
    'shelter', 'barnahus', 'other')),
  code text not null unique,
  name text not null,
  short_name text,
  county_code char(2) references counties (code),
  municipality_code char(4) references municipalities (code),
  active boolean not null default true,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);
-- Organisation names are not secret: every signed-in user may list them; only the system adds.
alter table organisations enable row level security;
alter table organisations force row level security;
create policy organisations_system on organisations using (app_is_system()) with check (app_is_system());
create policy organisations_read on organisations for select to upptack_app using (true);
grant select on organisations to upptack_app;

-- Background jobs (imports, exports, report compilation, demo history): stored so they survive
-- a restart; the user who started one sees its progress and result.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references organisations (id),
  created_by uuid,
  kind text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  payload jsonb not null default '{}'::jsonb,
  progress_done integer not null default 0,
  progress_total integer,
  result jsonb,
  result_file bytea,
  result_content_type text,
  result_filename text,
  error_code text,
  attempts integer not null default 0,
  run_after timestamptz not null default now(),
  heartbeat_at timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index jobs_queue on jobs (run_after) where status = 'queued';
alter table jobs enable row level security;
alter table jobs force row level security;
create policy jobs_system on jobs using (app_is_system()) with check (app_is_system());
-- A user sees and starts only their own jobs, in their own organisation.
create policy jobs_owner on jobs to upptack_app
  using (tenant_id = app_tenant() and created_by = app_user())
  with check (tenant_id = app_tenant() and created_by = app_user());
grant select, insert on jobs to upptack_app;

-- Demo data bookkeeping: production refuses a database where this table has a row.
create table demo_seed (
  version text primary key,
  seeded_at timestamptz not null default now()
);
