-- Surveys (issue 8, ADR 0051): survey definitions with versions, rounds sent to respondent
-- organisations with a link each (or an anonymous open link), answers saved by the link.
-- Shared data (ADR 0011): every row keeps the owner's tenant_id; respondents reach their own
-- response by the SHA-256 of their link's token as upptack_public, and nothing else.

create table surveys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  created_by uuid,
  -- Versions of one survey share a series; results compare rounds within a series.
  series_key text not null check (length(series_key) between 1 and 80),
  template_key text check (template_key in ('municipality', 'agency', 'shelter', 'event_evaluation')),
  version_number integer not null default 1 check (version_number >= 1),
  title text not null check (length(title) between 1 and 200),
  definition jsonb not null,
  -- A survey that has been sent never changes; a change is a new version (a new row).
  locked boolean not null default false,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, series_key, version_number)
);
create index surveys_tenant on surveys (tenant_id, series_key);

create table survey_rounds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  survey_id uuid not null references surveys (id),
  created_by uuid,
  title text not null check (length(title) between 1 and 200),
  year integer not null check (year between 2000 and 2100),
  deadline date not null,
  allow_late boolean not null default false,
  closed boolean not null default false,
  -- The anonymous open link: each submission is a separate response. Hash for lookup; the
  -- token itself encrypted (AES-GCM, field cipher) so the owner can show the link again.
  open_token_hash text unique,
  open_token_encrypted text,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index survey_rounds_tenant on survey_rounds (tenant_id, survey_id);

create table survey_responses (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references survey_rounds (id),
  tenant_id uuid not null references organisations (id),
  -- A named respondent (an organisation in Upptäck, or one named by the owner) or an anonymous
  -- submission through the open link.
  anonymous boolean not null default false,
  organisation_id uuid references organisations (id),
  respondent_name text not null check (length(respondent_name) between 1 and 200),
  contact_name text check (length(contact_name) <= 200),
  contact_email text check (length(contact_email) <= 200),
  token_hash text unique,
  token_encrypted text,
  status text not null default 'not_opened' check (status in ('not_opened', 'in_progress', 'submitted')),
  opened_at timestamptz,
  submitted_at timestamptz,
  late boolean not null default false,
  reminded_at timestamptz,
  reopened_at timestamptz,
  version integer not null default 1,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (anonymous or token_hash is not null),
  unique (round_id, organisation_id)
);
create index survey_responses_round on survey_responses (round_id);

create table survey_answers (
  response_id uuid not null references survey_responses (id),
  tenant_id uuid not null references organisations (id),
  question_id text not null check (length(question_id) between 1 and 40),
  -- The answer as JSON, encrypted (field cipher, associated data survey_answers:<response>:<question>):
  -- free text about organisations can still name people.
  value_encrypted text not null,
  -- Optimistic concurrency per answer: a save names the version it read (issue 8).
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  -- One text key for the key rotation (admin CLI): the associated data is survey_answers:<this>.
  answer_key text generated always as (response_id::text || ':' || question_id) stored,
  primary key (response_id, question_id)
);

alter table surveys enable row level security;
alter table surveys force row level security;
alter table survey_rounds enable row level security;
alter table survey_rounds force row level security;
alter table survey_responses enable row level security;
alter table survey_responses force row level security;
alter table survey_answers enable row level security;
alter table survey_answers force row level security;

create policy surveys_system on surveys using (app_is_system()) with check (app_is_system());
create policy survey_rounds_system on survey_rounds using (app_is_system()) with check (app_is_system());
create policy survey_responses_system on survey_responses using (app_is_system()) with check (app_is_system());
create policy survey_answers_system on survey_answers using (app_is_system()) with check (app_is_system());

-- The owner organisation.
create policy surveys_owner on surveys to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy survey_rounds_owner on survey_rounds to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy survey_responses_owner on survey_responses to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy survey_answers_owner on survey_answers to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (title, definition, version, updated_at) on surveys to upptack_app;
grant select, insert, update (deadline, allow_late, closed, version) on survey_rounds to upptack_app;
grant select, insert, update (contact_name, contact_email, status, submitted_at, late, reminded_at, reopened_at, version) on survey_responses to upptack_app;
grant select, insert, update (value_encrypted, version, updated_at) on survey_answers to upptack_app;
-- Locking a survey when it is first sent.
grant update (locked) on surveys to upptack_app;

-- A respondent link (upptack_public with app.token_hash): its own response, its answers, and
-- what it must show of the round and the survey. Columns named one by one: never the other
-- links' hashes, the owner's encrypted tokens or the contact details.
create policy survey_responses_token on survey_responses for select to upptack_public using (token_hash = app_token_hash());
create policy survey_responses_token_update on survey_responses for update to upptack_public
  using (token_hash = app_token_hash()) with check (token_hash = app_token_hash());
grant select (id, round_id, tenant_id, anonymous, respondent_name, token_hash, status, opened_at, submitted_at, late, version) on survey_responses to upptack_public;
grant update (status, opened_at, submitted_at, late, version) on survey_responses to upptack_public;

create policy survey_answers_token on survey_answers to upptack_public
  using (exists (select 1 from survey_responses r where r.id = survey_answers.response_id and r.token_hash = app_token_hash() and r.status <> 'submitted'))
  with check (exists (select 1 from survey_responses r where r.id = survey_answers.response_id and r.tenant_id = survey_answers.tenant_id and r.token_hash = app_token_hash() and r.status <> 'submitted'));
-- A submitted response's answers stay readable to its link (read-only).
create policy survey_answers_token_read on survey_answers for select to upptack_public
  using (exists (select 1 from survey_responses r where r.id = survey_answers.response_id and r.token_hash = app_token_hash()));
grant select (response_id, question_id, value_encrypted, version), insert (response_id, tenant_id, question_id, value_encrypted, version), update (value_encrypted, version, updated_at) on survey_answers to upptack_public;

create policy survey_rounds_token on survey_rounds for select to upptack_public
  using (open_token_hash = app_token_hash()
     or exists (select 1 from survey_responses r where r.round_id = survey_rounds.id and r.token_hash = app_token_hash()));
grant select (id, tenant_id, survey_id, title, deadline, allow_late, closed, open_token_hash) on survey_rounds to upptack_public;

create policy surveys_token on surveys for select to upptack_public
  using (exists (select 1 from survey_rounds r where r.survey_id = surveys.id));
grant select (id, title, definition) on surveys to upptack_public;

-- An anonymous submission through an open link: the new response has no token of its own, so
-- the public role could not read it back to attach answers. This function does the one insert,
-- after checking that the caller's token is the open link of an open round.
create or replace function survey_submit_open_response(p_response_id uuid, p_late boolean, p_answers jsonb) returns uuid
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
declare
  v_round survey_rounds%rowtype;
  v_answer jsonb;
begin
  select * into v_round from survey_rounds where open_token_hash = app_token_hash() and open_token_hash is not null and not closed;
  if not found then
    return null;
  end if;
  insert into survey_responses (id, round_id, tenant_id, anonymous, respondent_name, status, opened_at, submitted_at, late)
    values (p_response_id, v_round.id, v_round.tenant_id, true, 'anonym', 'submitted', now(), now(), p_late);
  for v_answer in select * from jsonb_array_elements(p_answers) loop
    insert into survey_answers (response_id, tenant_id, question_id, value_encrypted)
      values (p_response_id, v_round.tenant_id, v_answer ->> 'question', v_answer ->> 'value');
  end loop;
  return v_round.id;
end
$$;
revoke all on function survey_submit_open_response(uuid, boolean, jsonb) from public;
grant execute on function survey_submit_open_response(uuid, boolean, jsonb) to upptack_public;
