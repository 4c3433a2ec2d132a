-- Languages as data (issue 21, ADR 0109). A language is a row, not a code change: its code (the
-- `lang` parameter of the public pages and the handout), its BCP 47 tag for `lang` attributes, its
-- name in the language itself, its direction and its script (ISO 15924). Editors add languages
-- and texts; the pages and handouts offer whatever the table holds.

create table languages (
  code text primary key check (code ~ '^[a-z]{2,3}(-[a-z0-9]{2,8})*$' or code = 'lattlast'),
  tag text not null check (tag ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  name text not null check (length(name) between 1 and 80),
  swedish_name text not null check (length(swedish_name) between 1 and 80),
  direction text not null check (direction in ('ltr', 'rtl')),
  script text not null check (script ~ '^[A-Z][a-z]{3}$'),
  -- Finnish, Meänkieli, the Sami languages, Romani chib and Yiddish (lag 2009:724).
  national_minority boolean not null default false,
  position integer not null,
  added_at timestamptz not null default app_now(),
  added_by_label text
);

alter table languages enable row level security;
alter table languages force row level security;
create policy languages_system on languages using (app_is_system()) with check (app_is_system());
create policy languages_read on languages for select to upptack_app, upptack_public using (true);
-- Knowledge editors are shared across organisations (`content.edit`, scope all); the route checks it.
create policy languages_insert on languages for insert to upptack_app with check (true);
grant select on languages to upptack_app, upptack_public;
grant insert on languages to upptack_app;

insert into languages (code, tag, name, swedish_name, direction, script, national_minority, position, added_by_label) values
  ('sv', 'sv', 'Svenska', 'Svenska', 'ltr', 'Latn', false, 1, 'Projektets redaktion'),
  ('lattlast', 'sv', 'Lättläst svenska', 'Lättläst svenska', 'ltr', 'Latn', false, 2, 'Projektets redaktion'),
  ('en', 'en', 'English', 'Engelska', 'ltr', 'Latn', false, 3, 'Projektets redaktion'),
  ('ar', 'ar', 'العربية', 'Arabiska', 'rtl', 'Arab', false, 4, 'Projektets redaktion'),
  ('fa', 'fa', 'فارسی', 'Persiska', 'rtl', 'Arab', false, 5, 'Projektets redaktion'),
  ('prs', 'prs', 'دری', 'Dari', 'rtl', 'Arab', false, 6, 'Projektets redaktion'),
  ('so', 'so', 'Soomaali', 'Somaliska', 'ltr', 'Latn', false, 7, 'Projektets redaktion'),
  ('ti', 'ti', 'ትግርኛ', 'Tigrinja', 'ltr', 'Ethi', false, 8, 'Projektets redaktion'),
  ('uk', 'uk', 'Українська', 'Ukrainska', 'ltr', 'Cyrl', false, 9, 'Projektets redaktion'),
  ('ru', 'ru', 'Русский', 'Ryska', 'ltr', 'Cyrl', false, 10, 'Projektets redaktion'),
  ('fi', 'fi', 'Suomi', 'Finska', 'ltr', 'Latn', true, 11, 'Projektets redaktion'),
  ('fit', 'fit', 'Meänkieli', 'Meänkieli', 'ltr', 'Latn', true, 12, 'Projektets redaktion'),
  ('se', 'se', 'Davvisámegiella', 'Nordsamiska', 'ltr', 'Latn', true, 13, 'Projektets redaktion'),
  ('smj', 'smj', 'Julevsámegiella', 'Lulesamiska', 'ltr', 'Latn', true, 14, 'Projektets redaktion'),
  ('sma', 'sma', 'Åarjelsaemien gïele', 'Sydsamiska', 'ltr', 'Latn', true, 15, 'Projektets redaktion'),
  ('rom', 'rom', 'Romani chib', 'Romani chib', 'ltr', 'Latn', true, 16, 'Projektets redaktion'),
  ('yi', 'yi', 'ייִדיש', 'Jiddisch', 'rtl', 'Hebr', true, 17, 'Projektets redaktion');

-- Texts carry a status per language: draft (never shown), machine (a machine draft), translated
-- (by a person, not yet reviewed), reviewed (by a second person, who is named with the date and
-- the version reviewed). Outside demo mode the public sees reviewed text only (ADR 0109).
alter table content_translations drop constraint content_translations_language_check;
alter table content_translations add constraint content_translations_language_fkey foreign key (language) references languages (code);
alter table content_translations drop constraint content_translations_review_status_check;
update content_translations set review_status = 'translated' where review_status = 'unreviewed';
update content_translation_versions set review_status = 'translated' where review_status = 'unreviewed';
alter table content_translations add constraint content_translations_review_status_check
  check (review_status in ('draft', 'machine', 'translated', 'reviewed'));
alter table content_translations
  add column reviewed_version integer,
  add column reviewed_at timestamptz,
  add column reviewed_by uuid,
  add column reviewed_by_label text,
  -- The Swedish source's version the translation was last reviewed against.
  add column source_version integer;
update content_translations set reviewed_version = version, reviewed_at = updated_at, reviewed_by_label = updated_by_label
  where review_status = 'reviewed';
update content_translations t set source_version = s.version from content_translations s
  where s.slug = t.slug and s.language = 'sv' and t.review_status = 'reviewed';
alter table content_translation_versions add column source_version integer;
-- A translation into a language that had none before.
create policy content_translations_insert on content_translations for insert to upptack_app with check (true);
grant insert on content_translations to upptack_app;
grant select (reviewed_at) on content_translations to upptack_public;

-- Pages are listed on the start page; snippets are short texts the pages and handouts reuse.
alter table content_pages add column kind text not null default 'page' check (kind in ('page', 'snippet'));
insert into content_pages (slug, position, kind) values ('tolk', 100, 'snippet');

-- The line shown where a text is not (yet) available in the reader's language. Swedish is the
-- reviewed source; the other languages are machine drafts written for the project, shown only in
-- demo mode (marked unreviewed) until a translator and a reviewer have been through them.
insert into content_translations (slug, language, title, body, review_status, updated_by_label, reviewed_version, reviewed_at, reviewed_by_label) values
('tolk', 'sv', 'Tolk', 'Texten finns inte på ditt språk än. Du har rätt till tolk: be din handläggare eller socialtjänsten om en tolk. Kvinnofridslinjen, 020-50 50 50, kan ta samtalet med tolk.', 'reviewed', 'Projektets redaktion', 1, app_now(), 'Projektets redaktion'),
('tolk', 'lattlast', 'Tolk', 'Texten finns inte på ditt språk än. Du kan få en tolk. Fråga din handläggare. Du kan också ringa Kvinnofridslinjen, 020-50 50 50. De har tolk.', 'translated', 'Projektets redaktion', null, null, null),
('tolk', 'en', 'Interpreter', 'This text is not available in your language yet. You have the right to an interpreter: ask your caseworker or the social services for one. Kvinnofridslinjen, 020-50 50 50, can take the call with an interpreter.', 'translated', 'Projektets redaktion', null, null, null),
('tolk', 'ar', 'مترجم', 'هذا النص غير متوفر بلغتك بعد. من حقك الحصول على مترجم: اطلب مترجمًا من موظف الحالة أو من الخدمات الاجتماعية. يمكن لـ Kvinnofridslinjen على الرقم 020-50 50 50 إجراء المكالمة بمساعدة مترجم.', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'fa', 'مترجم', 'این متن هنوز به زبان شما موجود نیست. شما حق دارید مترجم داشته باشید: از مسئول پرونده خود یا خدمات اجتماعی مترجم بخواهید. Kvinnofridslinjen با شماره 020-50 50 50 می‌تواند تماس را با مترجم انجام دهد.', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'prs', 'ترجمان', 'این متن هنوز به زبان شما موجود نیست. شما حق دارید ترجمان داشته باشید: از مسئول دوسیه خود یا خدمات اجتماعی ترجمان بخواهید. Kvinnofridslinjen با شماره 020-50 50 50 می‌تواند تماس را با ترجمان انجام دهد.', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'so', 'Turjubaan', 'Qoraalkan weli laguma hayo luqaddaada. Waxaad xaq u leedahay turjubaan: ka codso shaqaalahaaga kiiska ama adeegga bulshada. Kvinnofridslinjen, 020-50 50 50, waxay wicitaanka ku qaadi karaan turjubaan.', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'ti', 'ተርጓሚ', 'እዚ ጽሑፍ ገና ብቋንቋኻ የለን። ተርጓሚ ናይ ምርካብ መሰል ኣሎካ፦ ንሰራሕተኛ ጉዳይካ ወይ ንማሕበራዊ ኣገልግሎት ተርጓሚ ሕተት። Kvinnofridslinjen፣ 020-50 50 50፣ ብተርጓሚ ክዛረቡ ይኽእሉ እዮም።', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'uk', 'Перекладач', 'Цей текст ще недоступний вашою мовою. Ви маєте право на перекладача: попросіть про нього свого працівника або соціальну службу. Kvinnofridslinjen, 020-50 50 50, може провести розмову з перекладачем.', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'ru', 'Переводчик', 'Этот текст пока недоступен на вашем языке. Вы имеете право на переводчика: попросите о нём своего сотрудника или социальную службу. Kvinnofridslinjen, 020-50 50 50, может провести разговор с переводчиком.', 'machine', 'Maskinutkast', null, null, null),
('tolk', 'fi', 'Tulkki', 'Tätä tekstiä ei ole vielä saatavilla kielelläsi. Sinulla on oikeus tulkkiin: pyydä tulkkia käsittelijältäsi tai sosiaalipalveluista. Kvinnofridslinjen, 020-50 50 50, voi hoitaa puhelun tulkin avulla.', 'machine', 'Maskinutkast', null, null, null);

insert into content_translation_versions (slug, language, version, title, body, review_status, changed_by_label)
  select slug, language, version, title, body, review_status, updated_by_label from content_translations where slug = 'tolk';
