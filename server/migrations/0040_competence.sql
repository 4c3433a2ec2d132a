-- Competence and staff support (issue 6, ADR 0040–0043): the training catalogue, requirements,
-- completions, supervision, staff-support content, events with public registration links, and
-- the regional competence plan. Every row keeps its owner's tenant_id (ADR 0003, 0011).
-- Shares of staff trained are computed against memberships (0003) on the date asked about.

create table training_courses (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  created_by uuid,
  title text not null check (length(title) between 1 and 200),
  provider text not null check (length(provider) between 1 and 200),
  format text not null check (format in ('web_course', 'film', 'classroom', 'workshop', 'webinar', 'blended')),
  length_minutes integer check (length_minutes between 1 and 100000),
  topics text[] not null default '{}'
    check (topics <@ array['vnr', 'hrv', 'pom', 'children', 'perpetrators', 'sexual_violence', 'asylum', 'staff_support']::text[]),
  target_roles text[] not null default '{}',
  introduction boolean not null default false,
  url text check (length(url) <= 500),
  description text check (length(description) <= 4000),
  -- A course in the national catalogue (e.g. a web course everyone takes) is readable by every
  -- organisation; it still belongs to its owner, who alone changes it.
  shared boolean not null default false,
  active boolean not null default true,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index training_courses_tenant on training_courses (tenant_id);

create table training_requirements (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  course_id uuid not null references training_courses (id),
  -- null: the whole organisation; else the unit and every unit below it.
  unit_id uuid references units (id),
  roles text[] not null check (cardinality(roles) between 1 and 9),
  deadline date not null,
  note text check (length(note) <= 1000),
  active boolean not null default true,
  created_by uuid,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index training_requirements_tenant on training_requirements (tenant_id);

create table training_completions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  -- The person's unit when the completion was recorded: who may confirm it (a `unit` grant).
  -- Shares never use it: they take the unit from the memberships on the date asked about.
  unit_id uuid not null references units (id),
  course_id uuid not null references training_courses (id),
  completed_on date not null,
  source text not null check (source in ('self', 'manager', 'import')),
  status text not null check (status in ('recorded', 'confirmed')),
  recorded_by uuid,
  confirmed_by uuid,
  confirmed_at timestamptz,
  import_id uuid,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (user_id, course_id, completed_on)
);
create index training_completions_tenant on training_completions (tenant_id, course_id, status);
create index training_completions_user on training_completions (user_id, course_id);
create index training_completions_unit on training_completions (unit_id, status);

create table supervision_sessions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null references units (id),
  held_on date not null,
  leader text not null check (length(leader) between 1 and 200),
  participant_count integer not null check (participant_count between 0 and 1000),
  -- Named participants (staff of the unit), visible only to those who see the unit's sessions.
  participant_user_ids uuid[] not null default '{}',
  topic text check (length(topic) <= 500),
  created_by uuid,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index supervision_sessions_unit on supervision_sessions (tenant_id, unit_id, held_on);

-- Staff support (ADR 0041): the employer's information and the route to confidential help.
-- Content only: no table records which staff member is exposed to or uses violence.
create table staff_support_content (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null unique references organisations (id),
  body text not null check (length(body) between 1 and 20000),
  help_route text not null check (length(help_route) between 1 and 4000),
  updated_by uuid,
  version integer not null default 1,
  demo boolean not null default false,
  updated_at timestamptz not null default now()
);

create table competence_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  created_by uuid,
  title text not null check (length(title) between 1 and 200),
  kind text not null check (kind in ('webinar', 'inspiration_day', 'conference', 'study_visit', 'network_meeting', 'course')),
  organisers text not null check (length(organisers) between 1 and 500),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text check (length(place) <= 300),
  digital boolean not null default false,
  audience text not null check (length(audience) between 1 and 500),
  topics text[] not null default '{}'
    check (topics <@ array['vnr', 'hrv', 'pom', 'children', 'perpetrators', 'sexual_violence', 'asylum', 'staff_support']::text[]),
  -- The county whose municipalities the participation view lists (also those that never take part).
  county_code char(2) references counties (code),
  -- Events of one series (e.g. a yearly inspiration day) are evaluated together.
  series text check (length(series) between 1 and 120),
  capacity integer check (capacity between 1 and 100000),
  registration_closes_on date not null,
  registration_closed boolean not null default false,
  -- The registration link: 256 random bits; hash for the lookup, encrypted so the organiser can
  -- show the link again (as survey links, ADR 0051).
  registration_token_hash text not null unique,
  registration_token_encrypted text not null,
  -- The evaluation's survey round (survey_rounds, migration 0050 — applied after this one, so no
  -- foreign key; the service sets it only to a round it just opened in the same organisation).
  evaluation_round_id uuid,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (ends_at >= starts_at)
);
create index competence_events_tenant on competence_events (tenant_id, starts_at);

create table event_registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references competence_events (id),
  tenant_id uuid not null references organisations (id),
  name text not null check (length(name) between 1 and 200),
  email text not null check (length(email) between 3 and 200 and email = lower(email)),
  organisation_name text not null check (length(organisation_name) between 1 and 200),
  organisation_kind text not null check (organisation_kind in ('municipality', 'region', 'agency', 'shelter', 'other')),
  municipality_code char(4) references municipalities (code),
  attended boolean,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (event_id, email)
);
create index event_registrations_event on event_registrations (event_id);

create table competence_plans (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  county_code char(2) not null references counties (code),
  year integer not null check (year between 2000 and 2100),
  title text not null check (length(title) between 1 and 200),
  created_by uuid,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (tenant_id, county_code, year)
);

create table competence_plan_entries (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references competence_plans (id),
  tenant_id uuid not null references organisations (id),
  -- Who: a participating organisation (or one named in words, e.g. a shelter not in Upptäck).
  organisation_id uuid references organisations (id),
  organisation_name text not null check (length(organisation_name) between 1 and 200),
  effort text not null check (length(effort) between 1 and 200),
  course_id uuid references training_courses (id),
  target_group text not null check (length(target_group) between 1 and 200),
  topics text[] not null default '{}'
    check (topics <@ array['vnr', 'hrv', 'pom', 'children', 'perpetrators', 'sexual_violence', 'asylum', 'staff_support']::text[]),
  planned_month integer not null check (planned_month between 1 and 12),
  open_to_others boolean not null default false,
  created_by uuid,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index competence_plan_entries_plan on competence_plan_entries (plan_id);

-- Row-level security: the owner organisation only, plus the shared catalogue and the link.
alter table training_courses enable row level security;
alter table training_courses force row level security;
alter table training_requirements enable row level security;
alter table training_requirements force row level security;
alter table training_completions enable row level security;
alter table training_completions force row level security;
alter table supervision_sessions enable row level security;
alter table supervision_sessions force row level security;
alter table staff_support_content enable row level security;
alter table staff_support_content force row level security;
alter table competence_events enable row level security;
alter table competence_events force row level security;
alter table event_registrations enable row level security;
alter table event_registrations force row level security;
alter table competence_plans enable row level security;
alter table competence_plans force row level security;
alter table competence_plan_entries enable row level security;
alter table competence_plan_entries force row level security;

create policy training_courses_system on training_courses using (app_is_system()) with check (app_is_system());
create policy training_requirements_system on training_requirements using (app_is_system()) with check (app_is_system());
create policy training_completions_system on training_completions using (app_is_system()) with check (app_is_system());
create policy supervision_sessions_system on supervision_sessions using (app_is_system()) with check (app_is_system());
create policy staff_support_content_system on staff_support_content using (app_is_system()) with check (app_is_system());
create policy competence_events_system on competence_events using (app_is_system()) with check (app_is_system());
create policy event_registrations_system on event_registrations using (app_is_system()) with check (app_is_system());
create policy competence_plans_system on competence_plans using (app_is_system()) with check (app_is_system());
create policy competence_plan_entries_system on competence_plan_entries using (app_is_system()) with check (app_is_system());

create policy training_courses_tenant on training_courses to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
-- The national catalogue: shared courses are read (never changed) by every signed-in organisation.
create policy training_courses_shared on training_courses for select to upptack_app using (shared and app_tenant() is not null);
create policy training_requirements_tenant on training_requirements to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy training_completions_tenant on training_completions to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy supervision_sessions_tenant on supervision_sessions to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy staff_support_content_tenant on staff_support_content to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy competence_events_tenant on competence_events to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy event_registrations_tenant on event_registrations to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy competence_plans_tenant on competence_plans to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy competence_plan_entries_tenant on competence_plan_entries to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

grant select, insert, update (title, provider, format, length_minutes, topics, target_roles, introduction, url, description, shared, active, version, updated_at)
  on training_courses to upptack_app;
grant select, insert, update (roles, deadline, note, active, version) on training_requirements to upptack_app;
grant select, insert, update (status, confirmed_by, confirmed_at, version) on training_completions to upptack_app;
grant select, insert on supervision_sessions to upptack_app;
grant select, insert, update (body, help_route, updated_by, version, updated_at) on staff_support_content to upptack_app;
grant select, insert, update (registration_closed, evaluation_round_id, version) on competence_events to upptack_app;
grant select, insert, update (attended) on event_registrations to upptack_app;
grant select, insert on competence_plans to upptack_app;
grant select, insert on competence_plan_entries to upptack_app;

-- The registration link (upptack_public with app.token_hash): what the page shows of its event.
create policy competence_events_token on competence_events for select to upptack_public
  using (registration_token_hash = app_token_hash());
grant select (id, title, kind, organisers, starts_at, ends_at, place, digital, audience, topics, capacity,
  registration_closes_on, registration_closed, registration_token_hash) on competence_events to upptack_public;

-- A registration through the link. The public role cannot read other registrations, so the
-- capacity check, the duplicate check and the insert happen here, with the event row locked so
-- two people cannot take the last place. p_today/p_now come from the application clock.
create or replace function competence_event_register(
  p_id uuid, p_name text, p_email text, p_organisation text, p_kind text, p_municipality char(4), p_today date, p_now timestamptz
) returns text
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
declare
  v_event competence_events%rowtype;
  v_count integer;
begin
  select * into v_event from competence_events where registration_token_hash = app_token_hash() and app_token_hash() is not null for update;
  if not found then
    return 'not_found';
  end if;
  if v_event.registration_closed or p_today > v_event.registration_closes_on or p_now >= v_event.starts_at then
    return 'closed';
  end if;
  select count(*)::int into v_count from event_registrations where event_id = v_event.id;
  if v_event.capacity is not null and v_count >= v_event.capacity then
    return 'full';
  end if;
  if exists (select 1 from event_registrations where event_id = v_event.id and email = p_email) then
    return 'duplicate';
  end if;
  insert into event_registrations (id, event_id, tenant_id, name, email, organisation_name, organisation_kind, municipality_code)
    values (p_id, v_event.id, v_event.tenant_id, p_name, p_email, p_organisation, p_kind, p_municipality);
  return 'registered';
end
$$;
revoke all on function competence_event_register(uuid, text, text, text, text, char, date, timestamptz) from public;
grant execute on function competence_event_register(uuid, text, text, text, text, char, date, timestamptz) to upptack_public;

-- Places taken, for the link's page ("12 places left"): a count, never who.
create or replace function competence_event_registered() returns integer
  language sql stable security definer set search_path = public set app.system = 'on' as $$
  select count(*)::int from event_registrations r
    join competence_events e on e.id = r.event_id
   where e.registration_token_hash = app_token_hash() and app_token_hash() is not null
$$;
revoke all on function competence_event_registered() from public;
grant execute on function competence_event_registered() to upptack_public;
