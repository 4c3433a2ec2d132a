-- The support directory: a Swedish profile of Open Referral HSDS 3.0 (docs/directory-hsds-profile.md,
-- ADR 0020) and its public read model (ADR 0021). Directory data is public by design and has no
-- tenant; an `owner_id` names the participating organisation whose directory editors keep an entry.
-- What must never be public — unverified entries, staff-only contact routes, protected addresses,
-- editors' notes and editorial history — never enters the public read model, the only directory
-- table `upptack_public` may read.

-- Both are contrib extensions on PostgreSQL 15; PGlite loads them itself (platform/db/embedded.ts).
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Folds text for free-text search: lower case, accents removed ("Malmö" → "malmo"). Declared
-- immutable (the dictionary is fixed) so it can back an index.
create or replace function directory_fold(value text) returns text
  language sql immutable parallel safe as $$ select lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;
grant execute on function directory_fold(text) to upptack_app, upptack_public;

-- HSDS organization: the provider (not a participating organisation, see domain.md).
create table directory_organizations (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references organisations (id),
  name text not null check (length(name) between 1 and 300),
  website text,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (owner_id, name)
);

-- HSDS service, with the profile's areas, audiences, kinds and verification on the row.
create table directory_services (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations (id),
  owner_id uuid not null references organisations (id),
  name text not null check (length(name) between 1 and 300),
  description text not null default '',
  url text,
  email text,
  status text not null default 'active' check (status in ('active', 'inactive', 'defunct')),
  audiences text[] not null check (cardinality(audiences) > 0),
  kinds text[] not null check (cardinality(kinds) > 0),
  languages text[] not null default '{sv}',
  interpreter boolean not null default false,
  eligibility text,
  national boolean not null default false,
  county_codes text[] not null default '{}',
  municipality_codes text[] not null default '{}',
  confidential_location boolean not null default false,
  verification_status text not null check (verification_status in ('verified', 'unverified')),
  verified_on date,
  verified_by uuid,
  verified_by_label text,
  hours_verified_on date,
  note text,
  source text,
  search_text text generated always as (directory_fold(name || ' ' || description)) stored,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  check (national or cardinality(county_codes) + cardinality(municipality_codes) > 0),
  check (verification_status = 'unverified' or verified_on is not null)
);
create index directory_services_municipalities on directory_services using gin (municipality_codes) with (fastupdate = off);
create index directory_services_counties on directory_services using gin (county_codes) with (fastupdate = off);
create index directory_services_national on directory_services (national) where national;
create index directory_services_owner on directory_services (owner_id, verified_on);
create index directory_services_organization on directory_services (organization_id);
create index directory_services_text on directory_services using gin (search_text gin_trgm_ops) with (fastupdate = off);

create table directory_phones (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_services (id) on delete cascade,
  position integer not null default 0,
  number text not null check (length(number) between 3 and 40),
  kind text not null default 'voice' check (kind in ('voice', 'sms', 'text', 'video')),
  description text,
  -- A confidential contact route (e.g. a shelter's line for referring staff): staff only.
  staff_only boolean not null default false
);
create index directory_phones_service on directory_phones (service_id);

create table directory_locations (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_services (id) on delete cascade,
  position integer not null default 0,
  name text,
  address text,
  postal_code text,
  city text,
  municipality_code char(4) references municipalities (code),
  -- A protected address (shelters): never in a public response, page, export or PDF.
  confidential boolean not null default false
);
create index directory_locations_service on directory_locations (service_id);

-- Weekly opening hours (HSDS schedule, profile: one row per day; PH = public holidays and the
-- eves of lag (1930:173)). `closes` at or before `opens` means the hours run past midnight.
create table directory_schedules (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_services (id) on delete cascade,
  position integer not null default 0,
  byday text not null check (byday in ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', 'PH')),
  opens text not null check (opens ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  closes text not null check (closes ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$')
);
create index directory_schedules_service on directory_schedules (service_id);

-- Every change of a service, with who and when; the snapshot is the whole entry after the change.
create table directory_service_versions (
  id bigint generated always as identity primary key,
  service_id uuid not null references directory_services (id) on delete cascade,
  version integer not null,
  change text not null check (change in ('created', 'updated', 'verified', 'imported')),
  changed_at timestamptz not null default now(),
  changed_by uuid,
  changed_by_label text,
  snapshot jsonb not null,
  demo boolean not null default false,
  unique (service_id, version)
);

-- Imports are staged (preview) before they are applied; editorial state of one organisation.
create table directory_imports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  created_by uuid not null,
  format text not null check (format in ('hsds_json', 'csv')),
  filename text,
  status text not null default 'staging' check (status in ('staging', 'previewed', 'applied', 'discarded', 'failed')),
  file_problems jsonb not null default '[]'::jsonb,
  total_rows integer not null default 0,
  valid_rows integer not null default 0,
  rejected_rows integer not null default 0,
  created_at timestamptz not null default now(),
  applied_at timestamptz
);
create index directory_imports_tenant on directory_imports (tenant_id, created_at);

create table directory_import_rows (
  import_id uuid not null references directory_imports (id) on delete cascade,
  line integer not null,
  tenant_id uuid not null references organisations (id),
  action text not null check (action in ('create', 'update', 'unchanged', 'reject')),
  service_id uuid,
  name text,
  problems jsonb not null default '[]'::jsonb,
  record jsonb,
  primary key (import_id, line)
);

-- Row-level security. Staff (upptack_app) read the whole directory; editors write only entries
-- their organisation owns. The public role has no grant on these tables at all: it reads the
-- public read model below.
alter table directory_organizations enable row level security;
alter table directory_organizations force row level security;
create policy directory_organizations_system on directory_organizations using (app_is_system()) with check (app_is_system());
create policy directory_organizations_staff_read on directory_organizations for select to upptack_app using (true);
create policy directory_organizations_owner_insert on directory_organizations for insert to upptack_app with check (owner_id = app_tenant());
create policy directory_organizations_owner_update on directory_organizations for update to upptack_app
  using (owner_id = app_tenant()) with check (owner_id = app_tenant());
grant select, insert, update on directory_organizations to upptack_app;

alter table directory_services enable row level security;
alter table directory_services force row level security;
create policy directory_services_system on directory_services using (app_is_system()) with check (app_is_system());
create policy directory_services_staff_read on directory_services for select to upptack_app using (true);
create policy directory_services_owner_insert on directory_services for insert to upptack_app with check (owner_id = app_tenant());
create policy directory_services_owner_update on directory_services for update to upptack_app
  using (owner_id = app_tenant()) with check (owner_id = app_tenant());
grant select, insert, update on directory_services to upptack_app;

-- Child rows follow their service: editors of the owner write them.
alter table directory_phones enable row level security;
alter table directory_phones force row level security;
create policy directory_phones_system on directory_phones using (app_is_system()) with check (app_is_system());
create policy directory_phones_staff_read on directory_phones for select to upptack_app using (true);
create policy directory_phones_owner_write on directory_phones for all to upptack_app
  using (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()))
  with check (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()));
grant select, insert, update, delete on directory_phones to upptack_app;

alter table directory_locations enable row level security;
alter table directory_locations force row level security;
create policy directory_locations_system on directory_locations using (app_is_system()) with check (app_is_system());
create policy directory_locations_staff_read on directory_locations for select to upptack_app using (true);
create policy directory_locations_owner_write on directory_locations for all to upptack_app
  using (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()))
  with check (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()));
grant select, insert, update, delete on directory_locations to upptack_app;

alter table directory_schedules enable row level security;
alter table directory_schedules force row level security;
create policy directory_schedules_system on directory_schedules using (app_is_system()) with check (app_is_system());
create policy directory_schedules_staff_read on directory_schedules for select to upptack_app using (true);
create policy directory_schedules_owner_write on directory_schedules for all to upptack_app
  using (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()))
  with check (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()));
grant select, insert, update, delete on directory_schedules to upptack_app;

-- History: staff read it; only the owner's editors add to it; nobody changes it.
alter table directory_service_versions enable row level security;
alter table directory_service_versions force row level security;
create policy directory_service_versions_system on directory_service_versions using (app_is_system()) with check (app_is_system());
create policy directory_service_versions_staff_read on directory_service_versions for select to upptack_app using (true);
create policy directory_service_versions_owner_insert on directory_service_versions for insert to upptack_app
  with check (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()));
grant select, insert on directory_service_versions to upptack_app;

alter table directory_imports enable row level security;
alter table directory_imports force row level security;
create policy directory_imports_system on directory_imports using (app_is_system()) with check (app_is_system());
create policy directory_imports_tenant on directory_imports to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on directory_imports to upptack_app;

alter table directory_import_rows enable row level security;
alter table directory_import_rows force row level security;
create policy directory_import_rows_system on directory_import_rows using (app_is_system()) with check (app_is_system());
create policy directory_import_rows_tenant on directory_import_rows to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on directory_import_rows to upptack_app;

-- The public read model (ADR 0021): one row per verified, active service with only what may be
-- public — public phones, non-confidential locations, opening hours — as JSON on the row. Kept
-- current by triggers in the same transaction as every change, so a search is one indexed read of
-- one table. No row-level security is needed (nothing non-public can enter it) and none is wanted:
-- policies would stop the array and trigram indexes from being used (their operators are not
-- leakproof), which measured 30 ms per search at 20 000 services instead of about 1 ms.
create table directory_public_services (
  id uuid primary key references directory_services (id) on delete cascade,
  organization text not null,
  name text not null,
  description text not null,
  url text,
  email text,
  audiences text[] not null,
  kinds text[] not null,
  languages text[] not null,
  interpreter boolean not null,
  eligibility text,
  national boolean not null,
  county_codes text[] not null,
  municipality_codes text[] not null,
  confidential_location boolean not null,
  verified_on date not null,
  hours_verified_on date,
  demo boolean not null,
  phones jsonb not null,
  locations jsonb not null,
  schedules jsonb not null,
  search_text text not null
);
create index directory_public_municipalities on directory_public_services using gin (municipality_codes) with (fastupdate = off);
create index directory_public_counties on directory_public_services using gin (county_codes) with (fastupdate = off);
create index directory_public_national on directory_public_services (national) where national;
create index directory_public_text on directory_public_services using gin (search_text gin_trgm_ops) with (fastupdate = off);
grant select on directory_public_services to upptack_public, upptack_app;

-- Rebuilds the public rows of some services. Runs as the owner with app.system set for its own
-- duration (like audit_append), so the projection sees every row and decides itself what is public.
create or replace function directory_refresh_public(ids uuid[]) returns void
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    delete from directory_public_services where id = any(ids);
    insert into directory_public_services
    select s.id, o.name, s.name, s.description, s.url, s.email, s.audiences, s.kinds, s.languages, s.interpreter, s.eligibility,
      s.national, s.county_codes, s.municipality_codes, s.confidential_location, s.verified_on, s.hours_verified_on, s.demo,
      coalesce((select jsonb_agg(jsonb_build_object('number', p.number, 'kind', p.kind, 'description', p.description, 'staffOnly', false) order by p.position)
                from directory_phones p where p.service_id = s.id and not p.staff_only), '[]'::jsonb),
      coalesce((select jsonb_agg(jsonb_build_object('name', l.name, 'address', l.address, 'postalCode', l.postal_code, 'city', l.city,
                  'municipalityCode', l.municipality_code) order by l.position)
                from directory_locations l where l.service_id = s.id and not l.confidential), '[]'::jsonb),
      coalesce((select jsonb_agg(jsonb_build_object('byday', h.byday, 'opens', h.opens, 'closes', h.closes) order by h.position)
                from directory_schedules h where h.service_id = s.id), '[]'::jsonb),
      s.search_text
    from directory_services s join directory_organizations o on o.id = s.organization_id
    where s.id = any(ids) and s.verification_status = 'verified' and s.status = 'active';
  end
  $$;
revoke all on function directory_refresh_public(uuid[]) from public;
grant execute on function directory_refresh_public(uuid[]) to upptack_app;

-- Statement-level triggers with transition tables: a multi-row import refreshes each service once.
create or replace function directory_public_sync_services_new() returns trigger language plpgsql as $$
  begin perform directory_refresh_public(array(select distinct id from new_rows)); return null; end $$;
create or replace function directory_public_sync_services_old() returns trigger language plpgsql as $$
  begin perform directory_refresh_public(array(select distinct id from old_rows)); return null; end $$;
create or replace function directory_public_sync_children_new() returns trigger language plpgsql as $$
  begin perform directory_refresh_public(array(select distinct service_id from new_rows)); return null; end $$;
create or replace function directory_public_sync_children_old() returns trigger language plpgsql as $$
  begin perform directory_refresh_public(array(select distinct service_id from old_rows)); return null; end $$;
create or replace function directory_public_sync_organizations() returns trigger language plpgsql as $$
  begin perform directory_refresh_public(array(select s.id from directory_services s where s.organization_id in (select id from new_rows))); return null; end $$;

create trigger directory_services_public_insert after insert on directory_services
  referencing new table as new_rows for each statement execute function directory_public_sync_services_new();
create trigger directory_services_public_update after update on directory_services
  referencing new table as new_rows for each statement execute function directory_public_sync_services_new();
create trigger directory_organizations_public_update after update on directory_organizations
  referencing new table as new_rows for each statement execute function directory_public_sync_organizations();
create trigger directory_phones_public_insert after insert on directory_phones
  referencing new table as new_rows for each statement execute function directory_public_sync_children_new();
create trigger directory_phones_public_update after update on directory_phones
  referencing new table as new_rows for each statement execute function directory_public_sync_children_new();
create trigger directory_phones_public_delete after delete on directory_phones
  referencing old table as old_rows for each statement execute function directory_public_sync_children_old();
create trigger directory_locations_public_insert after insert on directory_locations
  referencing new table as new_rows for each statement execute function directory_public_sync_children_new();
create trigger directory_locations_public_update after update on directory_locations
  referencing new table as new_rows for each statement execute function directory_public_sync_children_new();
create trigger directory_locations_public_delete after delete on directory_locations
  referencing old table as old_rows for each statement execute function directory_public_sync_children_old();
create trigger directory_schedules_public_insert after insert on directory_schedules
  referencing new table as new_rows for each statement execute function directory_public_sync_children_new();
create trigger directory_schedules_public_update after update on directory_schedules
  referencing new table as new_rows for each statement execute function directory_public_sync_children_new();
create trigger directory_schedules_public_delete after delete on directory_schedules
  referencing old table as old_rows for each statement execute function directory_public_sync_children_old();
