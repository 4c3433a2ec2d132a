-- Directory service descriptions per language (issue 21, ADR 0109): the service's own description
-- stays the Swedish source; a translation carries the same statuses as the public pages' texts
-- (draft, machine, translated, reviewed) with its reviewer and date. Public data without a
-- tenant, like the directory itself: the public role reads every translation that is not a
-- draft, and the pages show reviewed ones only outside demo mode. The service's owner writes.

create table directory_service_translations (
  service_id uuid not null references directory_services (id),
  language text not null references languages (code),
  description text not null check (length(description) between 1 and 4000),
  status text not null check (status in ('draft', 'machine', 'translated', 'reviewed')),
  version integer not null default 1,
  updated_at timestamptz not null default app_now(),
  updated_by uuid,
  updated_by_label text,
  reviewed_at timestamptz,
  reviewed_by uuid,
  reviewed_by_label text,
  primary key (service_id, language),
  check (language <> 'sv')
);

alter table directory_service_translations enable row level security;
alter table directory_service_translations force row level security;
create policy directory_service_translations_system on directory_service_translations using (app_is_system()) with check (app_is_system());
create policy directory_service_translations_staff_read on directory_service_translations for select to upptack_app using (true);
create policy directory_service_translations_owner_write on directory_service_translations for all to upptack_app
  using (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()))
  with check (exists (select 1 from directory_services s where s.id = service_id and s.owner_id = app_tenant()));
create policy directory_service_translations_public on directory_service_translations for select to upptack_public using (status <> 'draft');
grant select, insert, update on directory_service_translations to upptack_app;
grant select (service_id, language, description, status) on directory_service_translations to upptack_public;

-- Machine drafts of the national lines' descriptions in Arabic, written for the project: shown
-- in demo mode only (marked unreviewed) until a translator and a reviewer have been through them.
insert into directory_service_translations (service_id, language, description, status, updated_by_label) values
  ('980d4d51-5d49-4abf-83d2-ed83e96c8459', 'ar', 'هاتف دعم لمن تعرض للتهديد أو العنف أو الاعتداء الجنسي، ولأقاربهم وللمهنيين. المكالمة مجانية ولا تظهر في فاتورة الهاتف ويمكنك أن تبقى مجهول الهوية. يتوفر مترجم.', 'machine', 'Maskinutkast'),
  ('058a0b91-7995-46e1-84a6-61c11c373cad', 'ar', 'اتصل بالرقم 112 في حالة الخطر الحاد أو إذا كانت جريمة تحدث الآن، مثلًا إذا ضربك شخص وما زال في المسكن.', 'machine', 'Maskinutkast'),
  ('fa12cf40-6747-4d31-8a8a-ded7988c8d38', 'ar', 'خط دعم لمن يمارس العنف أو قد يمارسه في علاقة قريبة ويريد التوقف. وأيضًا للمتضررين والأقارب والمهنيين. يمكنك أن تبقى مجهول الهوية.', 'machine', 'Maskinutkast');
