-- Row-level security without open staff policies (issue 16 item 8, ADR 0086). Some staff policies
-- admitted every row (`using (true)`) and left the real rule to application code: any signed-in
-- caseworker could, at the database, edit the public information pages, read the protected
-- addresses of other organisations' shelters (and the history snapshots that carry them) and add
-- versions to the indicator catalogue, which had no row-level security at all. Every staff policy
-- now names its condition; `rls-catalogue.db.test.ts` fails for a new one that does not.

-- ------------------------------------------------------------------ who holds a role, now
-- The roles the caller holds in the organisation it acts in, on today's Stockholm date by the
-- application's clock, in an active unit: the same rule as the session (platform/auth/sessions.ts).
-- Runs as the caller, so it sees only its own organisation's memberships; a service account (no
-- user) holds no role. Used by policies on data that belongs to no organisation, where the
-- permission table's grant is the only limit there is.
create or replace function app_holds_role(p_roles text[]) returns boolean
  language sql stable as $$
    select exists (
      select 1
        from memberships m
        join units u on u.id = m.unit_id
       where m.user_id = app_user()
         and m.tenant_id = app_tenant()
         and u.active
         and m.role = any (p_roles)
         and m.starts_on <= (app_now() at time zone 'Europe/Stockholm')::date
         and (m.ends_on is null or m.ends_on > (app_now() at time zone 'Europe/Stockholm')::date)
    )
  $$;
revoke all on function app_holds_role(text[]) from public;
grant execute on function app_holds_role(text[]) to upptack_app;

-- ------------------------------------------------------------------ public information pages
-- Staff read every page and translation; only knowledge editors (`content.edit`) change them,
-- and a version row names the editor who wrote it. The public role keeps what it had.
drop policy content_pages_read on content_pages;
create policy content_pages_public on content_pages for select to upptack_public using (true);
create policy content_pages_staff on content_pages for select to upptack_app using (app_tenant() is not null);

drop policy content_translations_staff on content_translations;
drop policy content_translations_edit on content_translations;
create policy content_translations_staff on content_translations for select to upptack_app using (app_tenant() is not null);
create policy content_translations_edit on content_translations for update to upptack_app
  using (app_holds_role(array['knowledge_editor']))
  with check (app_holds_role(array['knowledge_editor']) and updated_by = app_user());

drop policy content_translation_versions_staff on content_translation_versions;
create policy content_translation_versions_staff on content_translation_versions for select to upptack_app using (app_tenant() is not null);
create policy content_translation_versions_edit on content_translation_versions for insert to upptack_app
  with check (app_holds_role(array['knowledge_editor']) and changed_by = app_user());

-- ------------------------------------------------------------------ the support directory
-- Staff of every organisation read the directory (`directory.search`: all), but a protected
-- address (a shelter's) only in the organisation that keeps the entry: another organisation's
-- staff no longer have the row at all.
drop policy directory_organizations_staff_read on directory_organizations;
create policy directory_organizations_staff_read on directory_organizations for select to upptack_app using (app_tenant() is not null);
drop policy directory_services_staff_read on directory_services;
create policy directory_services_staff_read on directory_services for select to upptack_app using (app_tenant() is not null);
drop policy directory_phones_staff_read on directory_phones;
create policy directory_phones_staff_read on directory_phones for select to upptack_app using (app_tenant() is not null);
drop policy directory_schedules_staff_read on directory_schedules;
create policy directory_schedules_staff_read on directory_schedules for select to upptack_app using (app_tenant() is not null);
drop policy directory_locations_staff_read on directory_locations;
create policy directory_locations_staff_read on directory_locations for select to upptack_app
  using (app_tenant() is not null
         and (not confidential
              or exists (select 1 from directory_services s where s.id = directory_locations.service_id and s.owner_id = app_tenant())));

-- History: every version's facts (who, when, what kind of change) stay readable to staff, but the
-- snapshot — the whole entry as its editors saw it, protected address included — is read by
-- nobody but the system (it is evidence for the record, not a screen).
drop policy directory_service_versions_staff_read on directory_service_versions;
create policy directory_service_versions_staff_read on directory_service_versions for select to upptack_app using (app_tenant() is not null);
revoke select on directory_service_versions from upptack_app;
grant select (id, service_id, version, change, changed_at, changed_by, changed_by_label, demo) on directory_service_versions to upptack_app;

-- ------------------------------------------------------------------ the indicator catalogue
-- Reference data of the whole installation: staff read it; only national coordinators
-- (`indicators.manage`) add a version, in their own name. Versions never change (trigger, 0070).
alter table follow_up_indicators enable row level security;
alter table follow_up_indicators force row level security;
create policy follow_up_indicators_system on follow_up_indicators using (app_is_system()) with check (app_is_system());
create policy follow_up_indicators_staff on follow_up_indicators for select to upptack_app using (app_tenant() is not null);

alter table follow_up_indicator_versions enable row level security;
alter table follow_up_indicator_versions force row level security;
create policy follow_up_indicator_versions_system on follow_up_indicator_versions using (app_is_system()) with check (app_is_system());
create policy follow_up_indicator_versions_staff on follow_up_indicator_versions for select to upptack_app using (app_tenant() is not null);
create policy follow_up_indicator_versions_manage on follow_up_indicator_versions for insert to upptack_app
  with check (app_holds_role(array['national_coordinator']) and created_by = app_user());

-- ------------------------------------------------------------------ surveys reached by a link
-- The respondent's page reads the survey of its own round. The policy relied on the rounds'
-- policy to narrow the subquery; it now names the token itself, like every other token policy.
drop policy surveys_token on surveys;
create policy surveys_token on surveys for select to upptack_public
  using (exists (select 1 from survey_rounds r
                  where r.survey_id = surveys.id
                    and (r.open_token_hash = app_token_hash()
                         or exists (select 1 from survey_responses s where s.round_id = r.id and s.token_hash = app_token_hash()))));
