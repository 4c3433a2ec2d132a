-- A survey round's published counts of persons (issue 15 items 2–4, ADR 0054). Every result of a
-- round the owner can ask for — every breakdown and filter, the exports and the report — shows
-- cells of one set of linked tables per round, protected together once, when the round is closed.
-- The published cells (a value, or why it is hidden) are kept here so that no later answer, export
-- or change of settings can show them differently: a figure that moved between two answers would
-- let the difference be read. Hidden cells are stored without their value.
create table survey_round_disclosure (
  round_id uuid primary key references survey_rounds(id) on delete cascade,
  tenant_id uuid not null references organisations(id),
  threshold integer not null,
  display text not null check (display in ('below', 'dash')),
  -- { "<question>|<respondent node>|<area>": { "value": n | null, "hidden": "primary" | "complementary" | null } }
  cells jsonb not null,
  published_at timestamptz not null default app_now()
);
alter table survey_round_disclosure enable row level security;
alter table survey_round_disclosure force row level security;
create policy survey_round_disclosure_system on survey_round_disclosure using (app_is_system()) with check (app_is_system());
create policy survey_round_disclosure_tenant on survey_round_disclosure to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert on survey_round_disclosure to upptack_app;
