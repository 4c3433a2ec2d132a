-- County strategy processes (issue 9, ADR 0063): the activity plan of a regional strategy
-- against men's violence against women — step, activity, deadline, challenge, responsible
-- (Länsstyrelsen Dalarna 2021) — and its consultation rounds (remiss) with the organisations that
-- respond and their answers. The county board's own working material: owner-only.

create table strategy_processes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  title text not null check (length(title) between 1 and 200),
  county_code char(2) references counties (code),
  description text check (length(description) <= 4000),
  starts_on date not null,
  status text not null default 'ongoing' check (status in ('ongoing', 'adopted', 'closed')),
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  unique (id, tenant_id)
);
create index strategy_processes_tenant on strategy_processes (tenant_id);

create table strategy_steps (
  id uuid primary key default gen_random_uuid(),
  process_id uuid not null,
  tenant_id uuid not null references organisations (id),
  position integer not null check (position >= 0),
  step text not null check (length(step) between 1 and 300),
  activity text not null check (length(activity) between 1 and 2000),
  deadline date not null,
  challenge text check (length(challenge) <= 2000),
  responsible text not null check (length(responsible) between 1 and 300),
  status text not null default 'not_started' check (status in ('not_started', 'ongoing', 'done')),
  version integer not null default 1,
  demo boolean not null default false,
  foreign key (process_id, tenant_id) references strategy_processes (id, tenant_id)
);
create index strategy_steps_process on strategy_steps (process_id, position);
create index strategy_steps_tenant on strategy_steps (tenant_id);

create table strategy_consultations (
  id uuid primary key default gen_random_uuid(),
  process_id uuid not null,
  tenant_id uuid not null references organisations (id),
  title text not null check (length(title) between 1 and 300),
  sent_on date not null,
  answer_weeks integer not null check (answer_weeks between 1 and 26),
  -- sent_on + answer_weeks, moved past weekends and holidays (shared/time/holidays.ts).
  respond_by date not null,
  created_at timestamptz not null default now(),
  demo boolean not null default false,
  check (respond_by > sent_on),
  foreign key (process_id, tenant_id) references strategy_processes (id, tenant_id),
  unique (id, tenant_id)
);
create index strategy_consultations_process on strategy_consultations (process_id);
create index strategy_consultations_tenant on strategy_consultations (tenant_id);

-- A respondent is a registered organisation or, for those without an account here (a shelter, a
-- regional police area), a name.
create table strategy_consultation_responses (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null,
  tenant_id uuid not null references organisations (id),
  organisation_id uuid references organisations (id),
  organisation_name text check (length(organisation_name) between 1 and 200),
  status text not null default 'awaiting' check (status in ('awaiting', 'answered', 'declined')),
  answered_on date,
  answer text check (length(answer) <= 10000),
  version integer not null default 1,
  demo boolean not null default false,
  check ((organisation_id is null) <> (organisation_name is null)),
  check (status <> 'answered' or answered_on is not null),
  foreign key (consultation_id, tenant_id) references strategy_consultations (id, tenant_id)
);
create index strategy_consultation_responses_consultation on strategy_consultation_responses (consultation_id);
create index strategy_consultation_responses_tenant on strategy_consultation_responses (tenant_id);
create unique index strategy_consultation_responses_organisation on strategy_consultation_responses (consultation_id, organisation_id) where organisation_id is not null;
create unique index strategy_consultation_responses_name on strategy_consultation_responses (consultation_id, lower(organisation_name)) where organisation_name is not null;

alter table strategy_processes enable row level security;
alter table strategy_processes force row level security;
create policy strategy_processes_system on strategy_processes using (app_is_system()) with check (app_is_system());
create policy strategy_processes_tenant on strategy_processes to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (title, county_code, description, starts_on, status, version, updated_at) on strategy_processes to upptack_app;

alter table strategy_steps enable row level security;
alter table strategy_steps force row level security;
create policy strategy_steps_system on strategy_steps using (app_is_system()) with check (app_is_system());
create policy strategy_steps_tenant on strategy_steps to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, delete, update (position, step, activity, deadline, challenge, responsible, status, version) on strategy_steps to upptack_app;

alter table strategy_consultations enable row level security;
alter table strategy_consultations force row level security;
create policy strategy_consultations_system on strategy_consultations using (app_is_system()) with check (app_is_system());
create policy strategy_consultations_tenant on strategy_consultations to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert on strategy_consultations to upptack_app;

alter table strategy_consultation_responses enable row level security;
alter table strategy_consultation_responses force row level security;
create policy strategy_consultation_responses_system on strategy_consultation_responses using (app_is_system()) with check (app_is_system());
create policy strategy_consultation_responses_tenant on strategy_consultation_responses to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, delete, update (status, answered_on, answer, version) on strategy_consultation_responses to upptack_app;
