-- Screening (issue 5): processes and their routines, question sets, and the encounters where
-- asking about violence was due — asked, not asked (and why), or inform only — with their coded
-- outcome, forms, referrals and information given. ADR 0030–0035; the columns are described in
-- docs/screening-data-dictionary.md. Every dimension follow-up counts is a coded column; free
-- text (notes, short-text answers, case references, drafts) is encrypted by the application.

-- Per agency: notes on or off, and how long encounters are kept (ADR 0032).
create table screening_settings (
  tenant_id uuid primary key references organisations (id),
  notes_enabled boolean not null default false,
  retention_months integer not null default 24 check (retention_months between 3 and 120),
  retention_action text not null default 'anonymise' check (retention_action in ('anonymise', 'delete')),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  demo boolean not null default false
);

-- The agency's processes where asking about violence applies (e.g. FK sickness benefit).
create table screening_processes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name text not null check (length(name) between 1 and 200),
  description text not null default '' check (length(description) <= 1000),
  active boolean not null default true,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (tenant_id, code),
  unique (id, tenant_id)
);

-- Question sets: versioned instruments. A version that has left draft never changes (trigger
-- below); every encounter stores the exact version it used. `shared` sets (the default set,
-- owned by Socialstyrelsen) are readable by every organisation once published.
create table screening_question_sets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  name text not null check (length(name) between 1 and 200),
  shared boolean not null default false,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table screening_question_set_versions (
  id uuid primary key default gen_random_uuid(),
  question_set_id uuid not null references screening_question_sets (id),
  tenant_id uuid not null references organisations (id),
  number integer not null check (number >= 1),
  status text not null default 'draft' check (status in ('draft', 'review', 'published', 'superseded')),
  name text not null check (length(name) between 1 and 200),
  items jsonb not null check (jsonb_typeof(items) = 'array'),
  created_by uuid,
  created_at timestamptz not null default now(),
  submitted_by uuid,
  submitted_at timestamptz,
  published_by uuid,
  published_at timestamptz,
  demo boolean not null default false,
  unique (question_set_id, number),
  check ((status in ('published', 'superseded')) = (published_at is not null))
);
-- One version in the works and one in force per set.
create unique index screening_question_set_versions_open on screening_question_set_versions (question_set_id) where status in ('draft', 'review');
create unique index screening_question_set_versions_current on screening_question_set_versions (question_set_id) where status = 'published';

-- Routines: per process, what the agency does (who asks, when, on which channels, with which
-- question set, what to document, what to do with each kind of answer). `guidance` routines are
-- shared method support without a process (knowledge editors).
create table screening_routines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  kind text not null check (kind in ('process', 'guidance')),
  process_id uuid unique,
  title text not null check (length(title) between 1 and 200),
  shared boolean not null default false,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  foreign key (process_id, tenant_id) references screening_processes (id, tenant_id),
  check ((kind = 'process') = (process_id is not null)),
  check (not shared or kind = 'guidance')
);

create table screening_routine_versions (
  id uuid primary key default gen_random_uuid(),
  routine_id uuid not null references screening_routines (id),
  tenant_id uuid not null references organisations (id),
  number integer not null check (number >= 1),
  status text not null default 'draft' check (status in ('draft', 'review', 'published', 'superseded')),
  title text not null check (length(title) between 1 and 200),
  asking text not null check (asking in ('routinely', 'on_indication', 'inform_only')),
  channels text[] not null check (channels <@ array['in_person', 'phone', 'video']),
  default_channel text check (default_channel in ('in_person', 'phone', 'video')),
  question_set_version_id uuid references screening_question_set_versions (id),
  content jsonb not null check (jsonb_typeof(content) = 'object'),
  created_by uuid,
  created_at timestamptz not null default now(),
  submitted_by uuid,
  submitted_at timestamptz,
  published_by uuid,
  published_at timestamptz,
  demo boolean not null default false,
  unique (routine_id, number),
  check ((status in ('published', 'superseded')) = (published_at is not null)),
  check (asking = 'inform_only' or (cardinality(channels) > 0 and question_set_version_id is not null))
);
create unique index screening_routine_versions_open on screening_routine_versions (routine_id) where status in ('draft', 'review');
create unique index screening_routine_versions_current on screening_routine_versions (routine_id) where status = 'published';

-- Managed content: only a draft changes. Allowed moves: draft → review → published →
-- superseded, and review → draft (sent back). Nobody, the owner included, edits or deletes a
-- version that has left draft: encounters point at it.
create or replace function screening_version_guard() returns trigger
  language plpgsql as $$
  declare
    workflow constant text[] := array['status', 'submitted_by', 'submitted_at', 'published_by', 'published_at'];
  begin
    if tg_op = 'DELETE' then
      if old.status <> 'draft' then
        raise exception 'a % row that has left draft cannot be deleted', tg_table_name using errcode = '55000';
      end if;
      return old;
    end if;
    if old.status <> 'draft' and (to_jsonb(new) - workflow) is distinct from (to_jsonb(old) - workflow) then
      raise exception 'a % row that has left draft is immutable', tg_table_name using errcode = '55000';
    end if;
    if new.status is distinct from old.status
       and (old.status, new.status) not in (('draft', 'review'), ('review', 'draft'), ('review', 'published'), ('published', 'superseded')) then
      raise exception 'a % row cannot move from % to %', tg_table_name, old.status, new.status using errcode = '55000';
    end if;
    if old.status in ('published', 'superseded')
       and (new.published_at is distinct from old.published_at or new.published_by is distinct from old.published_by
            or new.submitted_at is distinct from old.submitted_at or new.submitted_by is distinct from old.submitted_by) then
      raise exception 'a published % row is immutable', tg_table_name using errcode = '55000';
    end if;
    return new;
  end
  $$;
create trigger screening_question_set_versions_guard before update or delete on screening_question_set_versions
  for each row execute function screening_version_guard();
create trigger screening_routine_versions_guard before update or delete on screening_routine_versions
  for each row execute function screening_version_guard();

-- An encounter: one meeting where asking about violence was due or information was given.
-- The client is described only by what follow-up needs. Location fields (municipality, county)
-- are withheld from every answer when the record concerns a protected identity (ADR 0010).
create table screening_encounters (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null,
  created_by uuid,
  created_by_service_account uuid references service_accounts (id),
  process_id uuid not null,
  routine_version_id uuid not null references screening_routine_versions (id),
  question_set_version_id uuid references screening_question_set_versions (id),
  occurred_on date,
  occurred_month date not null check (extract(day from occurred_month) = 1),
  channel text not null check (channel in ('in_person', 'phone', 'video')),
  basis text not null check (basis in ('routine', 'indication')),
  interpreter text not null check (interpreter in ('none', 'professional', 'other')),
  eligible boolean not null,
  client_sex text not null check (client_sex in ('female', 'male', 'other', 'not_stated')),
  client_age_band text not null check (client_age_band in ('under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus', 'not_stated')),
  client_municipality_code char(4) references municipalities (code),
  client_county_code char(2) references counties (code),
  case_reference_encrypted text,
  case_reference_hash text,
  status text not null default 'open' check (status in ('open', 'completed')),
  asking text check (asking in ('asked', 'not_asked', 'inform_only')),
  not_asked_reason text check (not_asked_reason in ('not_alone', 'channel_unsafe', 'interpreter_unsuitable', 'client_condition', 'no_time', 'other')),
  outcome text check (outcome in ('nothing_disclosed', 'disclosed', 'declined')),
  children_in_household text check (children_in_household in ('yes', 'no', 'unknown')),
  child_at_risk boolean,
  acute_danger boolean,
  completed_at timestamptz,
  anonymised_at timestamptz,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (id, tenant_id),
  foreign key (unit_id, tenant_id) references units (id, tenant_id),
  foreign key (process_id, tenant_id) references screening_processes (id, tenant_id),
  foreign key (created_by, tenant_id) references users (id, tenant_id),
  -- The same rules the service names field by field, so no code path can store a contradiction.
  check ((status = 'open') = (asking is null)),
  check ((status = 'completed') = (completed_at is not null)),
  check (not_asked_reason is null or asking = 'not_asked'),
  check (asking is distinct from 'not_asked' or not_asked_reason is not null),
  check (outcome is null or asking = 'asked'),
  check (asking is distinct from 'asked' or outcome is not null),
  check (question_set_version_id is null or asking = 'asked'),
  check (asking is distinct from 'asked' or question_set_version_id is not null),
  check (asking is distinct from 'asked' or (children_in_household is not null and child_at_risk is not null and acute_danger is not null)),
  check (asking = 'asked' or (children_in_household is null and child_at_risk is null and acute_danger is null)),
  check (asking is distinct from 'asked' or interpreter <> 'other'),
  check (eligible or asking is null or asking = 'inform_only'),
  check (not eligible or asking is distinct from 'inform_only'),
  check (child_at_risk is not true or children_in_household = 'yes'),
  check (acute_danger is not true or outcome = 'disclosed'),
  check ((case_reference_hash is null) = (case_reference_encrypted is null)),
  check (client_municipality_code is null or client_county_code = left(client_municipality_code, 2)),
  check (occurred_on is null or occurred_month = occurred_on - (extract(day from occurred_on)::integer - 1)),
  check (anonymised_at is not null or (occurred_on is not null and (created_by is not null or created_by_service_account is not null))),
  check (anonymised_at is null or (case_reference_encrypted is null and created_by is null and created_by_service_account is null and occurred_on is null))
);
create index screening_encounters_unit on screening_encounters (unit_id, created_at desc);
create index screening_encounters_creator on screening_encounters (created_by, created_at desc);
create index screening_encounters_rollup on screening_encounters (tenant_id, occurred_month);
create index screening_encounters_case_reference on screening_encounters (tenant_id, case_reference_hash) where case_reference_hash is not null;

-- Disclosed forms of violence: one row per kind (exposure / use of violence) and form.
create table screening_encounter_forms (
  encounter_id uuid not null,
  tenant_id uuid not null references organisations (id),
  kind text not null check (kind in ('exposure', 'perpetration')),
  form text not null check (form in ('physical', 'psychological', 'sexual', 'economic', 'threats', 'control', 'honour', 'digital', 'exploitation', 'other')),
  primary key (encounter_id, kind, form),
  foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id) on delete cascade
);
create index screening_encounter_forms_tenant on screening_encounter_forms (tenant_id);

-- The answers, item by item, of the question set version the encounter stores. Removed by
-- anonymisation (they are detail, not a rollup dimension).
create table screening_answers (
  id uuid primary key default gen_random_uuid(),
  encounter_id uuid not null,
  tenant_id uuid not null references organisations (id),
  item_key text not null check (item_key ~ '^[a-z][a-z0-9_]{0,39}$'),
  choice text check (choice ~ '^[a-z][a-z0-9_]{0,39}$'),
  choices text[],
  text_encrypted text,
  unique (encounter_id, item_key),
  foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id) on delete cascade,
  check (num_nonnulls(choice, choices, text_encrypted) = 1)
);
create index screening_answers_tenant on screening_answers (tenant_id);

-- Referrals in three kinds (ADR 0030): signposting (no data leaves the agency), handover with the
-- client's consent (scope, time, withdrawable), and reports under a duty (child-at-risk report
-- with the social welfare board's municipality — never the child's identity — or police report).
create table screening_referrals (
  id uuid primary key default gen_random_uuid(),
  encounter_id uuid not null,
  tenant_id uuid not null references organisations (id),
  kind text not null check (kind in ('signposting', 'handover', 'report')),
  target text not null check (target in ('social_services', 'health_care', 'police', 'shelter', 'victim_support', 'perpetrator_programme', 'phone_line', 'other')),
  directory_service_id uuid,
  status text not null check (status in ('given', 'agreed', 'completed', 'made', 'planned', 'consulted')),
  report_type text check (report_type in ('child_concern', 'police')),
  made_on date,
  municipality_code char(4) references municipalities (code),
  consent_scope text[] check (consent_scope <@ array['contact_details', 'situation_summary', 'case_documents']),
  consent_given_at timestamptz,
  consent_withdrawn_at timestamptz,
  completed_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id) on delete cascade,
  check ((kind = 'report') = (report_type is not null)),
  check (kind <> 'signposting' or status = 'given'),
  check (kind <> 'handover' or (status in ('agreed', 'completed') and cardinality(consent_scope) > 0)),
  check (kind = 'handover' or (consent_scope is null and consent_given_at is null and consent_withdrawn_at is null)),
  check (kind <> 'report' or status in ('made', 'planned', 'consulted')),
  check (status <> 'consulted' or report_type = 'child_concern'),
  check (municipality_code is null or report_type = 'child_concern')
);
create index screening_referrals_encounter on screening_referrals (encounter_id);
create index screening_referrals_tenant on screening_referrals (tenant_id);

-- Information given: which material, in which language, printed, shown or told.
create table screening_information (
  id uuid primary key default gen_random_uuid(),
  encounter_id uuid not null,
  tenant_id uuid not null references organisations (id),
  material text not null check (material in ('handout', 'web_page', 'brochure', 'verbal')),
  language text not null check (language ~ '^[a-z]{2,3}$'),
  delivery text not null check (delivery in ('printed', 'shown', 'told')),
  created_by uuid,
  created_at timestamptz not null default now(),
  foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id) on delete cascade
);
create index screening_information_encounter on screening_information (encounter_id);
create index screening_information_tenant on screening_information (tenant_id);

-- Free-text notes (off unless the agency enables them): encrypted, never exported or
-- aggregated, every read audited.
create table screening_notes (
  encounter_id uuid primary key,
  tenant_id uuid not null references organisations (id),
  note_encrypted text not null,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id) on delete cascade
);
create index screening_notes_tenant on screening_notes (tenant_id);

-- A caseworker's unfinished encounter, encrypted as a whole, so an expired session loses nothing.
create table screening_drafts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null,
  user_id uuid not null,
  payload_encrypted text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (unit_id, tenant_id) references units (id, tenant_id),
  foreign key (user_id, tenant_id) references users (id, tenant_id)
);
create index screening_drafts_user on screening_drafts (user_id, updated_at desc);
create index screening_drafts_tenant on screening_drafts (tenant_id);

-- Idempotency keys of writes (ADR 0033): a retried request or a double-clicked submit with the
-- same key gets the first answer again. The request is kept only as a keyed hash.
create or replace function screening_actor() returns uuid
  language sql stable as $$
    select coalesce(nullif(current_setting('app.user_id', true), ''), nullif(current_setting('app.service_account_id', true), ''))::uuid
  $$;
grant execute on function screening_actor() to upptack_app;

create table screening_idempotency (
  tenant_id uuid not null references organisations (id),
  actor_id uuid not null,
  key text not null check (length(key) between 1 and 200),
  operation text not null check (length(operation) between 1 and 100),
  request_hash text not null,
  encounter_id uuid not null,
  status_code integer not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, actor_id, key)
);
create index screening_idempotency_age on screening_idempotency (created_at);

-- Row-level security. Encounters and everything hanging off them also obey the protection rules
-- nobody overrides (connected staff, designated unit): app_may_open in the policy (ADR 0010).
alter table screening_settings enable row level security;
alter table screening_settings force row level security;
create policy screening_settings_system on screening_settings using (app_is_system()) with check (app_is_system());
create policy screening_settings_tenant on screening_settings to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (notes_enabled, retention_months, retention_action, version, updated_at, updated_by) on screening_settings to upptack_app;

alter table screening_processes enable row level security;
alter table screening_processes force row level security;
create policy screening_processes_system on screening_processes using (app_is_system()) with check (app_is_system());
create policy screening_processes_tenant on screening_processes to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (name, description, active) on screening_processes to upptack_app;

alter table screening_question_sets enable row level security;
alter table screening_question_sets force row level security;
create policy screening_question_sets_system on screening_question_sets using (app_is_system()) with check (app_is_system());
create policy screening_question_sets_tenant on screening_question_sets to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy screening_question_sets_shared on screening_question_sets for select to upptack_app using (shared and app_tenant() is not null);
grant select, insert, update (name, version) on screening_question_sets to upptack_app;

alter table screening_question_set_versions enable row level security;
alter table screening_question_set_versions force row level security;
create policy screening_question_set_versions_system on screening_question_set_versions using (app_is_system()) with check (app_is_system());
create policy screening_question_set_versions_tenant on screening_question_set_versions to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy screening_question_set_versions_shared on screening_question_set_versions for select to upptack_app
  using (status in ('published', 'superseded') and exists (select 1 from screening_question_sets s where s.id = question_set_id and s.shared));
grant select, insert, update (status, name, items, submitted_by, submitted_at, published_by, published_at), delete on screening_question_set_versions to upptack_app;

alter table screening_routines enable row level security;
alter table screening_routines force row level security;
create policy screening_routines_system on screening_routines using (app_is_system()) with check (app_is_system());
create policy screening_routines_tenant on screening_routines to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy screening_routines_shared on screening_routines for select to upptack_app using (shared and app_tenant() is not null);
grant select, insert, update (title, version) on screening_routines to upptack_app;

alter table screening_routine_versions enable row level security;
alter table screening_routine_versions force row level security;
create policy screening_routine_versions_system on screening_routine_versions using (app_is_system()) with check (app_is_system());
create policy screening_routine_versions_tenant on screening_routine_versions to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy screening_routine_versions_shared on screening_routine_versions for select to upptack_app
  using (status in ('published', 'superseded') and exists (select 1 from screening_routines r where r.id = routine_id and r.shared));
grant select, insert,
  update (status, title, asking, channels, default_channel, question_set_version_id, content, submitted_by, submitted_at, published_by, published_at),
  delete on screening_routine_versions to upptack_app;

alter table screening_encounters enable row level security;
alter table screening_encounters force row level security;
create policy screening_encounters_system on screening_encounters using (app_is_system()) with check (app_is_system());
create policy screening_encounters_tenant on screening_encounters to upptack_app
  using (tenant_id = app_tenant() and app_may_open('encounter', id))
  with check (tenant_id = app_tenant());
-- No DELETE for requests: encounters leave only by retention (ADR 0032), which runs as the system.
grant select, insert,
  update (status, asking, not_asked_reason, outcome, children_in_household, child_at_risk, acute_danger, question_set_version_id, completed_at, version)
  on screening_encounters to upptack_app;

alter table screening_encounter_forms enable row level security;
alter table screening_encounter_forms force row level security;
create policy screening_encounter_forms_system on screening_encounter_forms using (app_is_system()) with check (app_is_system());
create policy screening_encounter_forms_tenant on screening_encounter_forms to upptack_app
  using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
grant select, insert on screening_encounter_forms to upptack_app;

alter table screening_answers enable row level security;
alter table screening_answers force row level security;
create policy screening_answers_system on screening_answers using (app_is_system()) with check (app_is_system());
create policy screening_answers_tenant on screening_answers to upptack_app
  using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
grant select, insert on screening_answers to upptack_app;

alter table screening_referrals enable row level security;
alter table screening_referrals force row level security;
create policy screening_referrals_system on screening_referrals using (app_is_system()) with check (app_is_system());
create policy screening_referrals_tenant on screening_referrals to upptack_app
  using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
grant select, insert, update (status, made_on, consent_withdrawn_at, completed_at) on screening_referrals to upptack_app;

alter table screening_information enable row level security;
alter table screening_information force row level security;
create policy screening_information_system on screening_information using (app_is_system()) with check (app_is_system());
create policy screening_information_tenant on screening_information to upptack_app
  using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
grant select, insert on screening_information to upptack_app;

alter table screening_notes enable row level security;
alter table screening_notes force row level security;
create policy screening_notes_system on screening_notes using (app_is_system()) with check (app_is_system());
create policy screening_notes_tenant on screening_notes to upptack_app
  using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
grant select, insert, update (note_encrypted, updated_by, updated_at) on screening_notes to upptack_app;

-- A draft is its author's alone.
alter table screening_drafts enable row level security;
alter table screening_drafts force row level security;
create policy screening_drafts_system on screening_drafts using (app_is_system()) with check (app_is_system());
create policy screening_drafts_own on screening_drafts to upptack_app
  using (tenant_id = app_tenant() and user_id = app_user()) with check (tenant_id = app_tenant() and user_id = app_user());
grant select, insert, update (payload_encrypted, version, updated_at), delete on screening_drafts to upptack_app;

alter table screening_idempotency enable row level security;
alter table screening_idempotency force row level security;
create policy screening_idempotency_system on screening_idempotency using (app_is_system()) with check (app_is_system());
create policy screening_idempotency_own on screening_idempotency to upptack_app
  using (tenant_id = app_tenant() and actor_id = screening_actor()) with check (tenant_id = app_tenant() and actor_id = screening_actor());
grant select, insert on screening_idempotency to upptack_app;

-- An encounter points at versions that were published when it was recorded (never a draft).
create or replace function screening_encounter_versions_published() returns trigger
  language plpgsql as $$
  begin
    if not exists (select 1 from screening_routine_versions v where v.id = new.routine_version_id and v.status in ('published', 'superseded')) then
      raise exception 'the routine version of an encounter must be published' using errcode = '23514';
    end if;
    if new.question_set_version_id is not null
       and not exists (select 1 from screening_question_set_versions v where v.id = new.question_set_version_id and v.status in ('published', 'superseded')) then
      raise exception 'the question set version of an encounter must be published' using errcode = '23514';
    end if;
    return new;
  end
  $$;
create trigger screening_encounters_versions before insert or update of routine_version_id, question_set_version_id on screening_encounters
  for each row execute function screening_encounter_versions_published();
