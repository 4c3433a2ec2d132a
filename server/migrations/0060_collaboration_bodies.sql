-- Collaboration bodies and their meetings (issue 9, ADR 0060): steering, collaboration and
-- development groups, networks, pilots and county working/reference groups; their members by
-- organisation and role; meetings with agenda, attachments, minutes and numbered decisions.
--
-- A body is shared data (ADR 0011): every row keeps the owning organisation's tenant_id, and the
-- member organisations reach it through the member rows, which are the shares. A body's meetings,
-- decisions and plans belong to the body, so they carry the owner's tenant_id too; the owner
-- delegates writing them to named people by making them convener or secretary (ADR 0060).

create table collaboration_bodies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  kind text not null check (kind in ('steering', 'collaboration', 'development', 'network', 'pilot', 'county_working', 'county_reference')),
  name text not null check (length(name) between 1 and 200),
  purpose text check (length(purpose) <= 4000),
  leading_organisation_id uuid not null references organisations (id),
  -- The four joint development areas (roadmap 2020–2021, chapter 4).
  responsibility_areas text[] not null default '{}'
    check (responsibility_areas <@ array['routines_methods', 'information', 'referral', 'staff_support']::text[]),
  meeting_cadence text not null
    check (meeting_cadence in ('every_six_weeks', 'monthly', 'every_other_month', 'quarterly', 'twice_a_year', 'yearly', 'as_needed')),
  active boolean not null default true,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  unique (id, tenant_id)
);
create index collaboration_bodies_tenant on collaboration_bodies (tenant_id);
create unique index collaboration_bodies_name on collaboration_bodies (tenant_id, lower(name));

-- A member is an organisation, optionally a named person of it, optionally linked to that
-- person's account (which is what lets a convener or secretary write the body's records).
create table collaboration_body_members (
  id uuid primary key default gen_random_uuid(),
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  organisation_id uuid not null references organisations (id),
  role text not null check (role in ('member', 'convener', 'secretary')),
  person_name text check (length(person_name) between 1 and 200),
  user_id uuid,
  created_at timestamptz not null default now(),
  demo boolean not null default false,
  foreign key (body_id, tenant_id) references collaboration_bodies (id, tenant_id),
  -- The account belongs to the member organisation.
  foreign key (user_id, organisation_id) references users (id, tenant_id)
);
create index collaboration_body_members_body on collaboration_body_members (body_id);
create index collaboration_body_members_organisation on collaboration_body_members (organisation_id);
create index collaboration_body_members_user on collaboration_body_members (user_id);
-- "A member added twice" is refused with a field error by the service; these are the backstop.
create unique index collaboration_body_members_account on collaboration_body_members (body_id, user_id) where user_id is not null;
create unique index collaboration_body_members_person on collaboration_body_members (body_id, organisation_id, lower(person_name)) where person_name is not null;
create unique index collaboration_body_members_unnamed on collaboration_body_members (body_id, organisation_id) where person_name is null;

-- Whether the caller's organisation owns the body or is one of its members. SECURITY DEFINER
-- with app.system on, so the policies of the member table itself can call it without recursion.
create or replace function app_collaboration_reaches(p_body uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select exists (select 1 from collaboration_bodies b where b.id = p_body and b.tenant_id = app_tenant())
        or exists (select 1 from collaboration_body_members m where m.body_id = p_body and m.organisation_id = app_tenant())
  $$;

-- Whether the caller may write the body's meetings, decisions, plans and reports: their
-- organisation owns the body, or they are its convener or secretary acting in the organisation
-- they are a member for. The service decides the finer rule; this is the database's backstop.
create or replace function app_collaboration_writes(p_body uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select exists (select 1 from collaboration_bodies b where b.id = p_body and b.tenant_id = app_tenant())
        or exists (select 1 from collaboration_body_members m
                    where m.body_id = p_body and m.user_id = app_user() and m.organisation_id = app_tenant()
                      and m.role in ('convener', 'secretary'))
  $$;
revoke all on function app_collaboration_reaches(uuid), app_collaboration_writes(uuid) from public;
grant execute on function app_collaboration_reaches(uuid), app_collaboration_writes(uuid) to upptack_app;

-- Adding a person with an account: the account of that email in that organisation, if active.
-- Reveals an id and a display name only to a caller acting in some organisation; the service
-- calls it only for people who manage bodies.
create or replace function app_collaboration_find_account(p_organisation uuid, p_email text)
  returns table (id uuid, display_name text)
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select u.id, u.display_name from users u
     where app_tenant() is not null and u.tenant_id = p_organisation and u.email = lower(p_email) and u.active
  $$;
revoke all on function app_collaboration_find_account(uuid, text) from public;
grant execute on function app_collaboration_find_account(uuid, text) to upptack_app;

create table collaboration_meetings (
  id uuid primary key default gen_random_uuid(),
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  title text not null check (length(title) between 1 and 200),
  -- Instants in UTC; entered and shown as Europe/Stockholm local time.
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text check (length(location) <= 300),
  online_url text check (length(online_url) <= 500),
  convener_member_id uuid references collaboration_body_members (id) on delete set null,
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  minutes text check (length(minutes) <= 20000),
  minutes_recorded_at timestamptz,
  minutes_recorded_by uuid,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  check (ends_at > starts_at),
  check (location is not null or online_url is not null),
  foreign key (body_id, tenant_id) references collaboration_bodies (id, tenant_id),
  unique (id, body_id, tenant_id)
);
create index collaboration_meetings_body on collaboration_meetings (body_id, starts_at);
create index collaboration_meetings_tenant on collaboration_meetings (tenant_id);

create table collaboration_agenda_items (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null,
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  position integer not null check (position >= 0),
  title text not null check (length(title) between 1 and 300),
  presenter text check (length(presenter) <= 200),
  demo boolean not null default false,
  foreign key (meeting_id, body_id, tenant_id) references collaboration_meetings (id, body_id, tenant_id),
  unique (meeting_id, position)
);
create index collaboration_agenda_items_tenant on collaboration_agenda_items (tenant_id);

-- Attachments are checked by content, size-limited and stripped of metadata before they are
-- stored (ADR 0061); the stored bytes are what every reader downloads.
create table collaboration_attachments (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null,
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  filename text not null check (length(filename) between 1 and 200),
  kind text not null check (kind in ('pdf', 'docx', 'xlsx', 'pptx')),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by uuid,
  uploaded_at timestamptz not null default now(),
  demo boolean not null default false,
  foreign key (meeting_id, body_id, tenant_id) references collaboration_meetings (id, body_id, tenant_id)
);
create index collaboration_attachments_meeting on collaboration_attachments (meeting_id);
create index collaboration_attachments_tenant on collaboration_attachments (tenant_id);

-- Decisions are numbered per body and year ("2026:3"), dated by their meeting, and followed up.
create table collaboration_decisions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null,
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  year integer not null check (year between 2000 and 2100),
  number integer not null check (number > 0),
  decided_on date not null,
  text text not null check (length(text) between 1 and 2000),
  responsible_organisation_id uuid references organisations (id),
  responsible_person text check (length(responsible_person) <= 200),
  due_on date,
  status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'cancelled')),
  follow_up text check (length(follow_up) <= 4000),
  followed_up_at timestamptz,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  demo boolean not null default false,
  foreign key (meeting_id, body_id, tenant_id) references collaboration_meetings (id, body_id, tenant_id),
  unique (body_id, year, number)
);
create index collaboration_decisions_meeting on collaboration_decisions (meeting_id);
create index collaboration_decisions_open on collaboration_decisions (body_id) where status in ('open', 'in_progress');
create index collaboration_decisions_tenant on collaboration_decisions (tenant_id);

-- Row-level security: the owner manages the body and its members; members' organisations read
-- them; meetings and their parts are read by everyone the body reaches and written by those the
-- body lets write.
alter table collaboration_bodies enable row level security;
alter table collaboration_bodies force row level security;
create policy collaboration_bodies_system on collaboration_bodies using (app_is_system()) with check (app_is_system());
create policy collaboration_bodies_owner on collaboration_bodies to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy collaboration_bodies_member on collaboration_bodies for select to upptack_app
  using (app_collaboration_reaches(id));
grant select, insert, delete, update (name, kind, purpose, leading_organisation_id, responsibility_areas, meeting_cadence, active, version, updated_at)
  on collaboration_bodies to upptack_app;

alter table collaboration_body_members enable row level security;
alter table collaboration_body_members force row level security;
create policy collaboration_body_members_system on collaboration_body_members using (app_is_system()) with check (app_is_system());
create policy collaboration_body_members_owner on collaboration_body_members to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy collaboration_body_members_member on collaboration_body_members for select to upptack_app
  using (app_collaboration_reaches(body_id));
grant select, insert, delete, update (role) on collaboration_body_members to upptack_app;

alter table collaboration_meetings enable row level security;
alter table collaboration_meetings force row level security;
create policy collaboration_meetings_system on collaboration_meetings using (app_is_system()) with check (app_is_system());
create policy collaboration_meetings_read on collaboration_meetings for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_meetings_insert on collaboration_meetings for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_meetings_update on collaboration_meetings for update to upptack_app
  using (app_collaboration_writes(body_id)) with check (app_collaboration_writes(body_id));
grant select, insert,
  update (title, starts_at, ends_at, location, online_url, convener_member_id, status, minutes, minutes_recorded_at, minutes_recorded_by, version, updated_at)
  on collaboration_meetings to upptack_app;

alter table collaboration_agenda_items enable row level security;
alter table collaboration_agenda_items force row level security;
create policy collaboration_agenda_items_system on collaboration_agenda_items using (app_is_system()) with check (app_is_system());
create policy collaboration_agenda_items_read on collaboration_agenda_items for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_agenda_items_insert on collaboration_agenda_items for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_agenda_items_delete on collaboration_agenda_items for delete to upptack_app
  using (app_collaboration_writes(body_id));
grant select, insert, delete on collaboration_agenda_items to upptack_app;

alter table collaboration_attachments enable row level security;
alter table collaboration_attachments force row level security;
create policy collaboration_attachments_system on collaboration_attachments using (app_is_system()) with check (app_is_system());
create policy collaboration_attachments_read on collaboration_attachments for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_attachments_insert on collaboration_attachments for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_attachments_delete on collaboration_attachments for delete to upptack_app
  using (app_collaboration_writes(body_id));
grant select, insert, delete on collaboration_attachments to upptack_app;

alter table collaboration_decisions enable row level security;
alter table collaboration_decisions force row level security;
create policy collaboration_decisions_system on collaboration_decisions using (app_is_system()) with check (app_is_system());
create policy collaboration_decisions_read on collaboration_decisions for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_decisions_insert on collaboration_decisions for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_decisions_update on collaboration_decisions for update to upptack_app
  using (app_collaboration_writes(body_id)) with check (app_collaboration_writes(body_id));
grant select, insert, update (status, follow_up, followed_up_at, version) on collaboration_decisions to upptack_app;
