-- The regional competence plan as a shared plan (issue 6, item 8; ADR 0044).
-- The county keeps the plan (its tenant_id) and adds the participating organisations to an
-- explicit share table (ADR 0011). A participant reads the whole plan and enters and edits its
-- own planned efforts, which carry the participant's own tenant_id; the county reads them all.

create table competence_plan_participants (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references competence_plans (id),
  -- The plan's owner (the county), who adds and removes participants.
  tenant_id uuid not null references organisations (id),
  organisation_id uuid not null references organisations (id),
  created_by uuid,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (plan_id, organisation_id)
);
create index competence_plan_participants_organisation on competence_plan_participants (organisation_id);

-- Efforts are edited by the organisation that entered them (optimistic concurrency).
alter table competence_plan_entries add column version integer not null default 1;
alter table competence_plan_entries add column updated_at timestamptz;

-- Whether the caller's organisation owns the plan or takes part in it. SECURITY DEFINER with
-- app.system on, so the policies of the share table itself can call it without recursion.
create or replace function app_competence_plan_reaches(p_plan uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select exists (select 1 from competence_plans p where p.id = p_plan and p.tenant_id = app_tenant())
        or exists (select 1 from competence_plan_participants m where m.plan_id = p_plan and m.organisation_id = app_tenant())
  $$;
revoke all on function app_competence_plan_reaches(uuid) from public;
grant execute on function app_competence_plan_reaches(uuid) to upptack_app;

alter table competence_plan_participants enable row level security;
alter table competence_plan_participants force row level security;
create policy competence_plan_participants_system on competence_plan_participants using (app_is_system()) with check (app_is_system());
create policy competence_plan_participants_tenant on competence_plan_participants to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy competence_plan_participants_shared on competence_plan_participants for select to upptack_app
  using (app_competence_plan_reaches(plan_id));
grant select, insert on competence_plan_participants to upptack_app;

-- A participant reads the plan and every effort in it.
create policy competence_plans_shared on competence_plans for select to upptack_app
  using (app_competence_plan_reaches(id));
create policy competence_plan_entries_shared on competence_plan_entries for select to upptack_app
  using (app_competence_plan_reaches(plan_id));
-- Writing stays with the entry's own tenant (competence_plan_entries_tenant) and, as a backstop,
-- only into a plan the organisation owns or takes part in.
create policy competence_plan_entries_reach on competence_plan_entries as restrictive for insert to upptack_app
  with check (app_competence_plan_reaches(plan_id));
create policy competence_plan_entries_reach_update on competence_plan_entries as restrictive for update to upptack_app
  using (app_competence_plan_reaches(plan_id)) with check (app_competence_plan_reaches(plan_id));
grant update (effort, course_id, target_group, topics, planned_month, open_to_others, version, updated_at) on competence_plan_entries to upptack_app;
