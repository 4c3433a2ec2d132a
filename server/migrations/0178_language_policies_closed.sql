-- Issue 16 item 8 (ADR 0086) for the tables of issue 21: no staff policy admits every row.
-- Staff read languages and directory translations when signed in to an organisation; only
-- knowledge editors add a translation, in their own name. No route adds a language yet (SQL
-- only), so the application role may not.
drop policy languages_read on languages;
create policy languages_public on languages for select to upptack_public using (true);
create policy languages_staff on languages for select to upptack_app using (app_tenant() is not null);
drop policy languages_insert on languages;
revoke insert on languages from upptack_app;

drop policy content_translations_insert on content_translations;
create policy content_translations_insert on content_translations for insert to upptack_app
  with check (app_holds_role(array['knowledge_editor']) and updated_by = app_user());

drop policy directory_service_translations_staff_read on directory_service_translations;
create policy directory_service_translations_staff_read on directory_service_translations for select to upptack_app
  using (app_tenant() is not null);
