-- Work plans of collaboration bodies (issue 9, ADR 0062): per body and period a purpose, a
-- baseline (what exists, what is missing), goals and sub-goals, activities tied to the goals
-- (roadmap 2020–2021, Bilaga 2), and the yearly written group report, frozen once final.
-- Like meetings, plans belong to their body: the owner's tenant_id, read by every organisation
-- the body reaches, written by those the body lets write (ADR 0060).
--
-- Linking a goal to indicators from follow-up (issue 7) is added by that feature's migration, as
-- its own link table referring to collaboration_goals (id, tenant_id); nothing here anticipates
-- its columns (ADR 0062).

create table collaboration_work_plans (
  id uuid primary key default gen_random_uuid(),
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  title text not null check (length(title) between 1 and 200),
  period_start date not null,
  period_end date not null,
  purpose text check (length(purpose) <= 8000),
  baseline_existing text check (length(baseline_existing) <= 8000),
  baseline_missing text check (length(baseline_missing) <= 8000),
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  check (period_end >= period_start),
  foreign key (body_id, tenant_id) references collaboration_bodies (id, tenant_id),
  unique (id, body_id, tenant_id),
  unique (body_id, period_start)
);
create index collaboration_work_plans_tenant on collaboration_work_plans (tenant_id);

-- Goals, and sub-goals one level below a goal.
create table collaboration_goals (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null,
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  parent_id uuid references collaboration_goals (id),
  position integer not null check (position >= 0),
  title text not null check (length(title) between 1 and 300),
  description text check (length(description) <= 4000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  demo boolean not null default false,
  foreign key (plan_id, body_id, tenant_id) references collaboration_work_plans (id, body_id, tenant_id),
  unique (id, tenant_id),
  unique (id, plan_id)
);
create index collaboration_goals_plan on collaboration_goals (plan_id, position);
create index collaboration_goals_tenant on collaboration_goals (tenant_id);

create table collaboration_activities (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null,
  goal_id uuid not null,
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  title text not null check (length(title) between 1 and 300),
  description text check (length(description) <= 4000),
  responsible_organisation_id uuid not null references organisations (id),
  starts_on date not null,
  ends_on date not null,
  status text not null default 'planned' check (status in ('planned', 'ongoing', 'done', 'postponed', 'cancelled')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  check (ends_on >= starts_on),
  foreign key (plan_id, body_id, tenant_id) references collaboration_work_plans (id, body_id, tenant_id),
  -- The goal belongs to the same plan.
  foreign key (goal_id, plan_id) references collaboration_goals (id, plan_id)
);
create index collaboration_activities_plan on collaboration_activities (plan_id, starts_on);
create index collaboration_activities_goal on collaboration_activities (goal_id);
create index collaboration_activities_tenant on collaboration_activities (tenant_id);

-- The yearly written report of a group, generated from its plan and edited before it is frozen.
-- A frozen report never changes again: the trigger refuses it even for the owner.
create table collaboration_reports (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null,
  body_id uuid not null,
  tenant_id uuid not null references organisations (id),
  year integer not null check (year between 2000 and 2100),
  status text not null default 'draft' check (status in ('draft', 'frozen')),
  -- [{ "key": "purpose", "text": "…" }, …] in the order shown; keys are the contract's.
  sections jsonb not null,
  generated_at timestamptz not null,
  frozen_at timestamptz,
  frozen_by uuid,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  demo boolean not null default false,
  check ((status = 'frozen') = (frozen_at is not null)),
  foreign key (plan_id, body_id, tenant_id) references collaboration_work_plans (id, body_id, tenant_id),
  unique (plan_id, year)
);
create index collaboration_reports_tenant on collaboration_reports (tenant_id);

create or replace function collaboration_reports_frozen() returns trigger
  language plpgsql as $$
  begin
    if old.status = 'frozen' then
      raise exception 'a frozen report cannot be changed' using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
  end
  $$;
create trigger collaboration_reports_frozen before update or delete on collaboration_reports
  for each row execute function collaboration_reports_frozen();

alter table collaboration_work_plans enable row level security;
alter table collaboration_work_plans force row level security;
create policy collaboration_work_plans_system on collaboration_work_plans using (app_is_system()) with check (app_is_system());
create policy collaboration_work_plans_read on collaboration_work_plans for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_work_plans_insert on collaboration_work_plans for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_work_plans_update on collaboration_work_plans for update to upptack_app
  using (app_collaboration_writes(body_id)) with check (app_collaboration_writes(body_id));
grant select, insert, update (title, period_start, period_end, purpose, baseline_existing, baseline_missing, version, updated_at)
  on collaboration_work_plans to upptack_app;

alter table collaboration_goals enable row level security;
alter table collaboration_goals force row level security;
create policy collaboration_goals_system on collaboration_goals using (app_is_system()) with check (app_is_system());
create policy collaboration_goals_read on collaboration_goals for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_goals_insert on collaboration_goals for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_goals_update on collaboration_goals for update to upptack_app
  using (app_collaboration_writes(body_id)) with check (app_collaboration_writes(body_id));
create policy collaboration_goals_delete on collaboration_goals for delete to upptack_app
  using (app_collaboration_writes(body_id));
grant select, insert, delete, update (title, description, position, version) on collaboration_goals to upptack_app;

alter table collaboration_activities enable row level security;
alter table collaboration_activities force row level security;
create policy collaboration_activities_system on collaboration_activities using (app_is_system()) with check (app_is_system());
create policy collaboration_activities_read on collaboration_activities for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_activities_insert on collaboration_activities for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_activities_update on collaboration_activities for update to upptack_app
  using (app_collaboration_writes(body_id)) with check (app_collaboration_writes(body_id));
create policy collaboration_activities_delete on collaboration_activities for delete to upptack_app
  using (app_collaboration_writes(body_id));
grant select, insert, delete,
  update (goal_id, title, description, responsible_organisation_id, starts_on, ends_on, status, version, updated_at)
  on collaboration_activities to upptack_app;

alter table collaboration_reports enable row level security;
alter table collaboration_reports force row level security;
create policy collaboration_reports_system on collaboration_reports using (app_is_system()) with check (app_is_system());
create policy collaboration_reports_read on collaboration_reports for select to upptack_app
  using (app_collaboration_reaches(body_id));
create policy collaboration_reports_insert on collaboration_reports for insert to upptack_app
  with check (app_collaboration_writes(body_id));
create policy collaboration_reports_update on collaboration_reports for update to upptack_app
  using (app_collaboration_writes(body_id)) with check (app_collaboration_writes(body_id));
grant select, insert, update (status, sections, frozen_at, frozen_by, version) on collaboration_reports to upptack_app;
