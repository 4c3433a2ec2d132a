-- Follow-up (issue 7, ADR 0070–0073): the indicator catalogue, rollups of screening encounters
-- kept current at write time by triggers, imported series, targets and baselines, the annual
-- report chain to the coordinator, regional comparison values, and the link from a work-plan
-- goal to indicators (issue 9, ADR 0062).

-- ------------------------------------------------------------------ the indicator catalogue
-- Reference data of the whole installation (no tenant): every signed-in user reads it. An
-- indicator keeps its code; a changed definition is a new row in follow_up_indicator_versions,
-- and reports snapshot the version they used.
create table follow_up_indicators (
  code text primary key check (code ~ '^[a-z][a-z0-9_.]{1,59}$'),
  owner_code text not null references organisations (code),
  source text not null check (source in ('measures', 'county_import')),
  created_at timestamptz not null default now()
);

create table follow_up_indicator_versions (
  code text not null references follow_up_indicators (code),
  version integer not null check (version >= 1),
  name_sv text not null check (length(name_sv) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  definition_sv text not null check (length(definition_sv) between 1 and 2000),
  definition_en text not null check (length(definition_en) between 1 and 2000),
  numerator text not null check (numerator ~ '^[a-z][a-z0-9_.]{1,79}$'),
  denominator text check (denominator ~ '^[a-z][a-z0-9_.]{1,79}$'),
  unit text not null check (unit in ('number', 'share', 'rate_per_10000')),
  disaggregations text[] not null default '{}' check (disaggregations <@ array['agency', 'county', 'municipality', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band', 'violence_form', 'reason', 'referral_kind', 'language']),
  goal text not null check (goal in ('prevention', 'detection_support', 'law_enforcement', 'knowledge')),
  joint_area text not null check (joint_area in ('routines', 'information', 'referral', 'staff_support')),
  direction text not null default 'higher' check (direction in ('higher', 'lower')),
  valid_from date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (code, version),
  -- A share or a rate divides by something; a count divides by nothing (the service names the field).
  check ((unit = 'number') = (denominator is null)),
  check (denominator is distinct from numerator)
);

create or replace function follow_up_indicator_version_guard() returns trigger
  language plpgsql as $$
  begin
    raise exception 'an indicator version never changes: add a new version' using errcode = '55000';
  end
  $$;
create trigger follow_up_indicator_versions_immutable before update or delete on follow_up_indicator_versions
  for each row execute function follow_up_indicator_version_guard();

grant select on follow_up_indicators, follow_up_indicator_versions to upptack_app;
grant insert on follow_up_indicator_versions to upptack_app;

-- The shipped catalogue: the roadmap's indicators for FK and MV (Bilaga 3), the ones that follow
-- from screening, competence (counted by the competence feature when it registers its
-- measures), and public county indicators for the regional comparison (county reports).
insert into follow_up_indicators (code, owner_code, source) values
  ('screening.share_asked', 'JAMY', 'measures'),
  ('screening.share_asked_of_meetings', 'JAMY', 'measures'),
  ('screening.not_asked_reasons', 'JAMY', 'measures'),
  ('screening.disclosed_exposure', 'JAMY', 'measures'),
  ('screening.disclosed_perpetration', 'JAMY', 'measures'),
  ('screening.referrals', 'JAMY', 'measures'),
  ('screening.child_concern_reports', 'JAMY', 'measures'),
  ('fk.caseworkers_asking', 'FK', 'measures'),
  ('fk.clients_detected', 'FK', 'measures'),
  ('fk.staff_trained', 'FK', 'measures'),
  ('mv.information_by_language', 'MV', 'measures'),
  ('mv.staff_trained', 'MV', 'measures'),
  ('competence.supervision_held', 'JAMY', 'measures'),
  ('region.routine_vnr', 'JAMY', 'county_import'),
  ('region.routine_hrv', 'JAMY', 'county_import'),
  ('region.staff_trained_share', 'JAMY', 'county_import'),
  ('region.shelter_places', 'JAMY', 'county_import'),
  ('region.clearance_rate', 'JAMY', 'county_import'),
  ('region.repeat_victimisation', 'JAMY', 'county_import');

insert into follow_up_indicator_versions (code, version, name_sv, name_en, definition_sv, definition_en, numerator, denominator, unit, disaggregations, goal, joint_area, direction, valid_from) values
  ('screening.share_asked', 1, 'Andel frågetillfällen där frågan om våld ställdes', 'Share of eligible encounters where violence was asked about',
   'Frågetillfällen där handläggaren frågade om våld, delat med alla frågetillfällen där rutinen gäller — också de där frågan inte ställdes.',
   'Encounters where the caseworker asked about violence, divided by every encounter where the routine applies — including those where it was not asked.',
   'screening.asked', 'screening.eligible', 'share', array['agency', 'county', 'municipality', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('screening.share_asked_of_meetings', 1, 'Andel hållna möten där frågan om våld ställdes', 'Share of meetings held where violence was asked about',
   'Frågetillfällen där frågan ställdes, delat med antalet hållna möten som enheten rapporterat (importerad serie) — för myndigheter som bara registrerar en del av mötena.',
   'Encounters where violence was asked about, divided by the meetings held that the unit reported (an imported series) — for agencies that register screening on a subset only.',
   'screening.asked', 'series.meetings_held', 'share', array['agency', 'unit', 'month', 'quarter', 'year'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('screening.not_asked_reasons', 1, 'Skäl till att frågan inte ställdes', 'Reasons for not asking',
   'Antal frågetillfällen där frågan inte ställdes, per skäl.', 'Encounters where violence was not asked about, by reason.',
   'screening.not_asked', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'reason'], 'detection_support', 'routines', 'lower', '2019-01-01'),
  ('screening.disclosed_exposure', 1, 'Berättad våldsutsatthet', 'Disclosures of exposure to violence',
   'Antal frågetillfällen där klienten berättade om våldsutsatthet; per våldsform räknas varje nämnd form.', 'Encounters where the client disclosed exposure to violence; by form of violence, each form named counts.',
   'screening.disclosed_exposure', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band', 'violence_form'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('screening.disclosed_perpetration', 1, 'Berättad våldsutövning', 'Disclosures of use of violence',
   'Antal frågetillfällen där klienten berättade att hen utövar våld; per våldsform räknas varje nämnd form.', 'Encounters where the client disclosed using violence; by form of violence, each form named counts.',
   'screening.disclosed_perpetration', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band', 'violence_form'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('screening.referrals', 1, 'Hänvisningar per slag', 'Referrals by kind',
   'Antal hänvisningar: vägledning, överlämning med samtycke och anmälan.', 'Referrals: signposting, handover with consent and reports.',
   'screening.referrals', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'referral_kind'], 'detection_support', 'referral', 'higher', '2019-01-01'),
  ('screening.child_concern_reports', 1, 'Orosanmälningar', 'Child-at-risk reports',
   'Antal gjorda orosanmälningar till socialnämnden (SoL 14 kap. 1 §).', 'Child-at-risk reports made to the social welfare board (Social Services Act ch. 14 s. 1).',
   'screening.child_concern_reports', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year'], 'detection_support', 'referral', 'higher', '2019-01-01'),
  ('fk.caseworkers_asking', 1, 'Andel handläggare som ställt frågor om våld', 'Share of caseworkers who asked about violence',
   'Handläggare som frågat om våld vid minst ett frågetillfälle under perioden, delat med handläggare som haft frågetillfällen (färdplanen, bilaga 3).',
   'Caseworkers who asked about violence at least once in the period, divided by caseworkers who had eligible encounters (roadmap, annex 3).',
   'screening.staff_asked', 'screening.staff_eligible', 'share', array['agency', 'unit', 'month', 'quarter', 'year'], 'detection_support', 'staff_support', 'higher', '2019-01-01'),
  ('fk.clients_detected', 1, 'Klienter som upptäckts som våldsutsatta eller våldsutövare', 'Clients detected as exposed or as perpetrators',
   'Antal frågetillfällen där klienten berättade om våld (utsatthet eller utövning).', 'Encounters where the client disclosed violence (exposure or use).',
   'screening.disclosed', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('fk.staff_trained', 1, 'Andel handläggare som genomgått den interna utbildningen', 'Share of caseworkers who took the internal training',
   'Personal med bekräftad genomförd utbildning, delat med personalen vid månadens slut (kompetensfunktionen).',
   'Staff with a confirmed completion of the training, divided by the staff at the month''s end (the competence feature).',
   'competence.staff_trained', 'competence.staff', 'share', array['agency', 'unit', 'month', 'quarter', 'year'], 'knowledge', 'staff_support', 'higher', '2019-01-01'),
  ('mv.information_by_language', 1, 'Information om våld given, per språk', 'Information about violence given, by language',
   'Antal tillfällen då information om våld, lag, skydd och stöd gavs, per språk.', 'Occasions where information about violence, law, protection and support was given, by language.',
   'screening.information', null, 'number', array['agency', 'unit', 'month', 'quarter', 'year', 'language'], 'detection_support', 'information', 'higher', '2019-01-01'),
  ('mv.staff_trained', 1, 'Andel personal som genomfört webbutbildningarna', 'Share of staff who completed the web courses',
   'Personal med bekräftad genomförd webbutbildning om hedersrelaterat och könsrelaterat våld, delat med personalen vid månadens slut.',
   'Staff with a confirmed completion of the web courses on honour-related and gender-related violence, divided by the staff at the month''s end.',
   'competence.staff_trained', 'competence.staff', 'share', array['agency', 'unit', 'month', 'quarter', 'year'], 'knowledge', 'staff_support', 'higher', '2019-01-01'),
  ('competence.supervision_held', 1, 'Genomförda handledningstillfällen', 'Supervision sessions held',
   'Antal handledningstillfällen för personal med klientkontakt.', 'Supervision sessions held for staff with client contact.',
   'competence.supervision_sessions', null, 'number', array['agency', 'unit', 'month', 'quarter', 'year'], 'knowledge', 'staff_support', 'higher', '2019-01-01'),
  ('region.routine_vnr', 1, 'Andel kommuner med rutin för att upptäcka våld i nära relationer', 'Share of municipalities with a routine for detecting violence in close relationships',
   'Importerat värde per län och år (årsuppföljningen).', 'Imported value per county and year (the annual follow-up).',
   'import.county_value', 'import.county_base', 'share', array['county', 'year'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('region.routine_hrv', 1, 'Andel kommuner med rutin för hedersrelaterat våld', 'Share of municipalities with a routine for honour-related violence',
   'Importerat värde per län och år (årsuppföljningen).', 'Imported value per county and year (the annual follow-up).',
   'import.county_value', 'import.county_base', 'share', array['county', 'year'], 'detection_support', 'routines', 'higher', '2019-01-01'),
  ('region.staff_trained_share', 1, 'Andel socialtjänstpersonal som fått utbildning om våld', 'Share of social services staff trained about violence',
   'Importerat värde per län och år.', 'Imported value per county and year.',
   'import.county_value', 'import.county_base', 'share', array['county', 'year'], 'knowledge', 'staff_support', 'higher', '2019-01-01'),
  ('region.shelter_places', 1, 'Skyddade boendeplatser per 10 000 invånare', 'Shelter places per 10 000 inhabitants',
   'Importerat värde per län och år.', 'Imported value per county and year.',
   'import.county_value', 'import.county_base', 'rate_per_10000', array['county', 'year'], 'detection_support', 'referral', 'higher', '2019-01-01'),
  ('region.clearance_rate', 1, 'Personuppklaringsprocent för misshandel mot kvinna', 'Clearance rate of assaults against women',
   'Importerat värde per län och år (Brå).', 'Imported value per county and year (Brå).',
   'import.county_value', 'import.county_base', 'share', array['county', 'year'], 'law_enforcement', 'referral', 'higher', '2019-01-01'),
  ('region.repeat_victimisation', 1, 'Andel upprepad utsatthet', 'Share of repeat victimisation',
   'Importerat värde per län och år; lägre är bättre.', 'Imported value per county and year; lower is better.',
   'import.county_value', 'import.county_base', 'share', array['county', 'year'], 'prevention', 'routines', 'lower', '2019-01-01');

-- ------------------------------------------------------------------ rollups (ADR 0071)
-- Maintained by statement-level triggers on the screening tables, in the writing transaction:
-- no nightly batch. They only ever add what a write adds and move what a change moves; they
-- never decrement on a delete (retention, ADR 0032) and an anonymising update changes no key.
-- '' stands for "not stated" in the text keys, so the keys can be a primary key.
create table follow_up_encounter_rollup (
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null,
  process_id uuid not null,
  month date not null,
  county_code text not null,
  municipality_code text not null,
  sex text not null,
  age_band text not null,
  encounters integer not null default 0,
  eligible integer not null default 0,
  asked integer not null default 0,
  not_asked integer not null default 0,
  inform_only integer not null default 0,
  reason_not_alone integer not null default 0,
  reason_channel_unsafe integer not null default 0,
  reason_interpreter_unsuitable integer not null default 0,
  reason_client_condition integer not null default 0,
  reason_no_time integer not null default 0,
  reason_other integer not null default 0,
  nothing_disclosed integer not null default 0,
  disclosed integer not null default 0,
  declined integer not null default 0,
  child_at_risk integer not null default 0,
  acute_danger integer not null default 0,
  first_recorded_at timestamptz not null default now(),
  primary key (tenant_id, unit_id, process_id, month, county_code, municipality_code, sex, age_band)
);
create index follow_up_encounter_rollup_month on follow_up_encounter_rollup (month, tenant_id);

-- Child rows: forms of violence, disclosures (encounters with at least one form of a kind),
-- referrals by kind, child-at-risk reports by status, information by language.
create table follow_up_detail_rollup (
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null,
  process_id uuid not null,
  month date not null,
  county_code text not null,
  sex text not null,
  age_band text not null,
  measure text not null check (measure in ('exposure_form', 'perpetration_form', 'disclosed_exposure', 'disclosed_perpetration', 'referral', 'child_concern_report', 'information')),
  code text not null,
  count integer not null default 0,
  primary key (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code)
);
create index follow_up_detail_rollup_month on follow_up_detail_rollup (measure, month, tenant_id);

-- Per caseworker, unit and month (ADR 0032 §3): anonymisation removes the link from an
-- encounter to its caseworker, so "share of caseworkers who asked" is kept here at write time.
create table follow_up_staff_rollup (
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null,
  month date not null,
  user_id uuid not null,
  eligible integer not null default 0,
  asked integer not null default 0,
  primary key (tenant_id, unit_id, month, user_id)
);

-- The rollup key of an encounter: a protected identity counts at county level only (ADR 0030).
create or replace function follow_up_municipality_key(p_id uuid, p_municipality text) returns text
  language sql stable as $$
    select case when p_municipality is null then ''
                when exists (select 1 from record_protections p where p.record_type = 'encounter' and p.record_id = p_id and p.protected_identity) then ''
                else p_municipality end
  $$;

-- Adds signed rows (+1 for new state, −1 for old state) of changed encounters to the rollups.
-- Runs as the owner with app.system on (like app_may_open), so a caseworker's write maintains
-- rows of the whole unit without being able to read them.
create or replace function follow_up_apply_encounters(p_rows jsonb) returns void
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_encounter_rollup as r (tenant_id, unit_id, process_id, month, county_code, municipality_code, sex, age_band,
        encounters, eligible, asked, not_asked, inform_only, reason_not_alone, reason_channel_unsafe, reason_interpreter_unsuitable,
        reason_client_condition, reason_no_time, reason_other, nothing_disclosed, disclosed, declined, child_at_risk, acute_danger)
    select e.tenant_id, e.unit_id, e.process_id, e.month, e.county_code, e.municipality_code, e.sex, e.age_band,
           sum(e.sign * e.counted), sum(e.sign * coalesce(e.eligible, false)::int), sum(e.sign * (e.asking is not distinct from 'asked')::int), sum(e.sign * (e.asking is not distinct from 'not_asked')::int),
           sum(e.sign * (e.asking is not distinct from 'inform_only')::int),
           sum(e.sign * (e.reason is not distinct from 'not_alone')::int), sum(e.sign * (e.reason is not distinct from 'channel_unsafe')::int), sum(e.sign * (e.reason is not distinct from 'interpreter_unsuitable')::int),
           sum(e.sign * (e.reason is not distinct from 'client_condition')::int), sum(e.sign * (e.reason is not distinct from 'no_time')::int), sum(e.sign * (e.reason is not distinct from 'other')::int),
           sum(e.sign * (e.outcome is not distinct from 'nothing_disclosed')::int), sum(e.sign * (e.outcome is not distinct from 'disclosed')::int), sum(e.sign * (e.outcome is not distinct from 'declined')::int),
           sum(e.sign * coalesce(e.child_at_risk, false)::int), sum(e.sign * coalesce(e.acute_danger, false)::int)
      from jsonb_to_recordset(p_rows) as e(sign integer, counted integer, tenant_id uuid, unit_id uuid, process_id uuid, month date, county_code text,
             municipality_code text, sex text, age_band text, eligible boolean, asking text, reason text, outcome text, child_at_risk boolean, acute_danger boolean)
     group by 1, 2, 3, 4, 5, 6, 7, 8
    having bool_or(e.sign <> 0)
    on conflict (tenant_id, unit_id, process_id, month, county_code, municipality_code, sex, age_band) do update set
      encounters = r.encounters + excluded.encounters, eligible = r.eligible + excluded.eligible, asked = r.asked + excluded.asked,
      not_asked = r.not_asked + excluded.not_asked, inform_only = r.inform_only + excluded.inform_only,
      reason_not_alone = r.reason_not_alone + excluded.reason_not_alone, reason_channel_unsafe = r.reason_channel_unsafe + excluded.reason_channel_unsafe,
      reason_interpreter_unsuitable = r.reason_interpreter_unsuitable + excluded.reason_interpreter_unsuitable,
      reason_client_condition = r.reason_client_condition + excluded.reason_client_condition, reason_no_time = r.reason_no_time + excluded.reason_no_time,
      reason_other = r.reason_other + excluded.reason_other, nothing_disclosed = r.nothing_disclosed + excluded.nothing_disclosed,
      disclosed = r.disclosed + excluded.disclosed, declined = r.declined + excluded.declined,
      child_at_risk = r.child_at_risk + excluded.child_at_risk, acute_danger = r.acute_danger + excluded.acute_danger;
  end
  $$;

-- Statement-level: one grouped upsert per statement, so bulk inserts (demo history, imports,
-- the benchmark's generate_series) cost one pass, not one upsert per row.
create or replace function follow_up_encounters_inserted() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_encounter_rollup as r (tenant_id, unit_id, process_id, month, county_code, municipality_code, sex, age_band,
        encounters, eligible, asked, not_asked, inform_only, reason_not_alone, reason_channel_unsafe, reason_interpreter_unsuitable,
        reason_client_condition, reason_no_time, reason_other, nothing_disclosed, disclosed, declined, child_at_risk, acute_danger, first_recorded_at)
    select n.tenant_id, n.unit_id, n.process_id, n.occurred_month, coalesce(n.client_county_code, ''), follow_up_municipality_key(n.id, n.client_municipality_code),
           n.client_sex, n.client_age_band,
           count(*), count(*) filter (where n.eligible), count(*) filter (where n.asking = 'asked'), count(*) filter (where n.asking = 'not_asked'),
           count(*) filter (where n.asking = 'inform_only'),
           count(*) filter (where n.not_asked_reason = 'not_alone'), count(*) filter (where n.not_asked_reason = 'channel_unsafe'),
           count(*) filter (where n.not_asked_reason = 'interpreter_unsuitable'), count(*) filter (where n.not_asked_reason = 'client_condition'),
           count(*) filter (where n.not_asked_reason = 'no_time'), count(*) filter (where n.not_asked_reason = 'other'),
           count(*) filter (where n.outcome = 'nothing_disclosed'), count(*) filter (where n.outcome = 'disclosed'), count(*) filter (where n.outcome = 'declined'),
           count(*) filter (where n.child_at_risk), count(*) filter (where n.acute_danger), min(n.created_at)
      from inserted n
     group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (tenant_id, unit_id, process_id, month, county_code, municipality_code, sex, age_band) do update set
      encounters = r.encounters + excluded.encounters, eligible = r.eligible + excluded.eligible, asked = r.asked + excluded.asked,
      not_asked = r.not_asked + excluded.not_asked, inform_only = r.inform_only + excluded.inform_only,
      reason_not_alone = r.reason_not_alone + excluded.reason_not_alone, reason_channel_unsafe = r.reason_channel_unsafe + excluded.reason_channel_unsafe,
      reason_interpreter_unsuitable = r.reason_interpreter_unsuitable + excluded.reason_interpreter_unsuitable,
      reason_client_condition = r.reason_client_condition + excluded.reason_client_condition, reason_no_time = r.reason_no_time + excluded.reason_no_time,
      reason_other = r.reason_other + excluded.reason_other, nothing_disclosed = r.nothing_disclosed + excluded.nothing_disclosed,
      disclosed = r.disclosed + excluded.disclosed, declined = r.declined + excluded.declined,
      child_at_risk = r.child_at_risk + excluded.child_at_risk, acute_danger = r.acute_danger + excluded.acute_danger,
      first_recorded_at = least(r.first_recorded_at, excluded.first_recorded_at);

    insert into follow_up_staff_rollup as s (tenant_id, unit_id, month, user_id, eligible, asked)
    select n.tenant_id, n.unit_id, n.occurred_month, n.created_by, count(*) filter (where n.eligible), count(*) filter (where n.asking = 'asked')
      from inserted n
     where n.created_by is not null
     group by 1, 2, 3, 4
    on conflict (tenant_id, unit_id, month, user_id) do update set eligible = s.eligible + excluded.eligible, asked = s.asked + excluded.asked;
    return null;
  end
  $$;

-- An update moves an encounter's contribution from its old values to its new ones. Retention's
-- anonymising update changes no rollup key or counted value (ADR 0032), so its delta is zero;
-- the staff rollup moves only while the caseworker is still known on both sides.
create or replace function follow_up_encounters_updated() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    perform follow_up_apply_encounters(coalesce(jsonb_agg(to_jsonb(d)), '[]'::jsonb)) from (
      select sign, 0 as counted, tenant_id, unit_id, process_id, month, county_code, municipality_code, sex, age_band, eligible, asking, reason, outcome, child_at_risk, acute_danger
        from (
          select -1 as sign, o.tenant_id, o.unit_id, o.process_id, o.occurred_month as month, coalesce(o.client_county_code, '') as county_code,
                 follow_up_municipality_key(o.id, o.client_municipality_code) as municipality_code, o.client_sex as sex, o.client_age_band as age_band,
                 o.eligible, o.asking, o.not_asked_reason as reason, o.outcome, o.child_at_risk, o.acute_danger
            from old_rows o join new_rows n on n.id = o.id
           where (o.asking, o.not_asked_reason, o.outcome, o.child_at_risk, o.acute_danger) is distinct from (n.asking, n.not_asked_reason, n.outcome, n.child_at_risk, n.acute_danger)
          union all
          select 1, n.tenant_id, n.unit_id, n.process_id, n.occurred_month, coalesce(n.client_county_code, ''),
                 follow_up_municipality_key(n.id, n.client_municipality_code), n.client_sex, n.client_age_band,
                 n.eligible, n.asking, n.not_asked_reason, n.outcome, n.child_at_risk, n.acute_danger
            from old_rows o join new_rows n on n.id = o.id
           where (o.asking, o.not_asked_reason, o.outcome, o.child_at_risk, o.acute_danger) is distinct from (n.asking, n.not_asked_reason, n.outcome, n.child_at_risk, n.acute_danger)
        ) changed
    ) d;

    insert into follow_up_staff_rollup as s (tenant_id, unit_id, month, user_id, eligible, asked)
    select n.tenant_id, n.unit_id, n.occurred_month, n.created_by, 0, sum((n.asking = 'asked')::int - (o.asking is not distinct from 'asked')::int)
      from old_rows o join new_rows n on n.id = o.id
     where n.created_by is not null and n.created_by = o.created_by and (o.asking is not distinct from 'asked') <> (n.asking = 'asked')
     group by 1, 2, 3, 4
    on conflict (tenant_id, unit_id, month, user_id) do update set asked = s.asked + excluded.asked;
    return null;
  end
  $$;

create trigger follow_up_encounters_inserted after insert on screening_encounters
  referencing new table as inserted for each statement execute function follow_up_encounters_inserted();
create trigger follow_up_encounters_updated after update on screening_encounters
  referencing old table as old_rows new table as new_rows for each statement execute function follow_up_encounters_updated();

-- A protected identity marked after the encounter was written: its count moves from the
-- municipality to the county-only key (a move, not a decrement).
create or replace function follow_up_protection_changed() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    if new.record_type <> 'encounter' or not new.protected_identity or (tg_op = 'UPDATE' and old.protected_identity) then
      return null;
    end if;
    perform follow_up_apply_encounters(coalesce(jsonb_agg(to_jsonb(d)), '[]'::jsonb)) from (
      select s.sign, 1 as counted, e.tenant_id, e.unit_id, e.process_id, e.occurred_month as month, coalesce(e.client_county_code, '') as county_code,
             case when s.sign = -1 then e.client_municipality_code else '' end as municipality_code, e.client_sex as sex, e.client_age_band as age_band,
             e.eligible, e.asking, e.not_asked_reason as reason, e.outcome, e.child_at_risk, e.acute_danger
        from screening_encounters e cross join (values (-1), (1)) as s(sign)
       where e.id = new.record_id and e.client_municipality_code is not null
    ) d;
    return null;
  end
  $$;
create trigger follow_up_protection_changed after insert or update on record_protections
  for each row execute function follow_up_protection_changed();

-- Child rows: the encounter's keys come from the encounter (written earlier or in the same statement).
create or replace function follow_up_forms_inserted() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, m.measure, m.code, sum(m.count)::int
      from (
        select f.encounter_id, f.kind || '_form' as measure, f.form as code, count(*)::int as count from inserted f group by 1, 2, 3
        union all
        select f.encounter_id, 'disclosed_' || f.kind, '', 1 from inserted f group by f.encounter_id, f.kind
      ) m join screening_encounters e on e.id = m.encounter_id
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_forms_inserted after insert on screening_encounter_forms
  referencing new table as inserted for each statement execute function follow_up_forms_inserted();

create or replace function follow_up_referrals_inserted() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, m.measure, m.code, sum(m.sign)::int
      from (
        select x.encounter_id, 'referral' as measure, x.kind as code, 1 as sign from inserted x
        union all
        select x.encounter_id, 'child_concern_report', x.status, 1 from inserted x where x.report_type = 'child_concern'
      ) m join screening_encounters e on e.id = m.encounter_id
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_referrals_inserted after insert on screening_referrals
  referencing new table as inserted for each statement execute function follow_up_referrals_inserted();

-- A child-at-risk report that moves from planned to made moves its count between statuses.
create or replace function follow_up_referrals_updated() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, 'child_concern_report', m.code, sum(m.sign)::int
      from (
        select o.encounter_id, o.status as code, -1 as sign from old_rows o join new_rows n on n.id = o.id where o.report_type = 'child_concern' and o.status <> n.status
        union all
        select n.encounter_id, n.status, 1 from old_rows o join new_rows n on n.id = o.id where n.report_type = 'child_concern' and o.status <> n.status
      ) m join screening_encounters e on e.id = m.encounter_id
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_referrals_updated after update on screening_referrals
  referencing old table as old_rows new table as new_rows for each statement execute function follow_up_referrals_updated();

create or replace function follow_up_information_inserted() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, 'information', x.language, count(*)::int
      from inserted x join screening_encounters e on e.id = x.encounter_id
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_information_inserted after insert on screening_information
  referencing new table as inserted for each statement execute function follow_up_information_inserted();

revoke all on function follow_up_apply_encounters(jsonb) from public;

-- Reading the rollups: the organisation's own rows; numbers across organisations only after the
-- dashboard service turned on `app.follow_up_aggregate` in its transaction, and every number it
-- reads that way leaves through disclosure control (ADR 0071).
alter table follow_up_encounter_rollup enable row level security;
alter table follow_up_encounter_rollup force row level security;
create policy follow_up_encounter_rollup_system on follow_up_encounter_rollup using (app_is_system()) with check (app_is_system());
create policy follow_up_encounter_rollup_read on follow_up_encounter_rollup for select to upptack_app
  using (tenant_id = app_tenant() or (app_tenant() is not null and current_setting('app.follow_up_aggregate', true) = 'on'));
grant select on follow_up_encounter_rollup to upptack_app;

alter table follow_up_detail_rollup enable row level security;
alter table follow_up_detail_rollup force row level security;
create policy follow_up_detail_rollup_system on follow_up_detail_rollup using (app_is_system()) with check (app_is_system());
create policy follow_up_detail_rollup_read on follow_up_detail_rollup for select to upptack_app
  using (tenant_id = app_tenant() or (app_tenant() is not null and current_setting('app.follow_up_aggregate', true) = 'on'));
grant select on follow_up_detail_rollup to upptack_app;

alter table follow_up_staff_rollup enable row level security;
alter table follow_up_staff_rollup force row level security;
create policy follow_up_staff_rollup_system on follow_up_staff_rollup using (app_is_system()) with check (app_is_system());
create policy follow_up_staff_rollup_read on follow_up_staff_rollup for select to upptack_app
  using (tenant_id = app_tenant() or (app_tenant() is not null and current_setting('app.follow_up_aggregate', true) = 'on'));
grant select on follow_up_staff_rollup to upptack_app;

-- ------------------------------------------------------------------ imported series
-- Meetings held per unit and month, for agencies that register screening on a subset only.
create table follow_up_series_values (
  tenant_id uuid not null references organisations (id),
  series text not null check (series in ('meetings_held')),
  unit_id uuid not null,
  month date not null check (extract(day from month) = 1),
  value integer not null check (value >= 0),
  imported_by uuid,
  imported_at timestamptz not null default now(),
  demo boolean not null default false,
  primary key (tenant_id, series, unit_id, month),
  foreign key (unit_id, tenant_id) references units (id, tenant_id)
);
alter table follow_up_series_values enable row level security;
alter table follow_up_series_values force row level security;
create policy follow_up_series_values_system on follow_up_series_values using (app_is_system()) with check (app_is_system());
create policy follow_up_series_values_tenant on follow_up_series_values to upptack_app
  using (tenant_id = app_tenant() or (app_tenant() is not null and current_setting('app.follow_up_aggregate', true) = 'on'))
  with check (tenant_id = app_tenant());
grant select, insert, update (value, imported_by, imported_at) on follow_up_series_values to upptack_app;

-- ------------------------------------------------------------------ targets and baselines
create table follow_up_targets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  indicator_code text not null references follow_up_indicators (code),
  year integer not null check (year between 2000 and 2100),
  unit_id uuid,
  target numeric not null check (target >= 0),
  baseline numeric check (baseline >= 0),
  baseline_year integer check (baseline_year between 2000 and 2100),
  note text check (length(note) <= 500),
  version integer not null default 1,
  created_by uuid,
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  foreign key (unit_id, tenant_id) references units (id, tenant_id),
  unique nulls not distinct (tenant_id, indicator_code, year, unit_id),
  check ((baseline is null) = (baseline_year is null))
);
create index follow_up_targets_tenant on follow_up_targets (tenant_id, indicator_code);
alter table follow_up_targets enable row level security;
alter table follow_up_targets force row level security;
create policy follow_up_targets_system on follow_up_targets using (app_is_system()) with check (app_is_system());
create policy follow_up_targets_tenant on follow_up_targets to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (target, baseline, baseline_year, note, version, created_by, updated_at), delete on follow_up_targets to upptack_app;

-- ------------------------------------------------------------------ the annual report chain (ADR 0072)
-- Per agency and year. The coordinating agency (recipient) reads and answers a report once it has
-- been submitted. Figures are snapshotted at approval; an approved or received report's figures
-- and narrative never change (trigger), only its way onwards.
create table follow_up_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  recipient_tenant_id uuid not null references organisations (id),
  -- Wider than the API's 2000–2100 so test data can make many reports per organisation.
  year integer not null check (year between 2000 and 9999),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'received', 'returned')),
  narrative jsonb not null default '{}'::jsonb check (jsonb_typeof(narrative) = 'object'),
  figures jsonb check (figures is null or jsonb_typeof(figures) = 'object'),
  frozen_at timestamptz,
  submitted_at timestamptz,
  submitted_by uuid,
  approved_at timestamptz,
  approved_by uuid,
  received_at timestamptz,
  received_by uuid,
  returned_at timestamptz,
  returned_by uuid,
  return_comment text check (length(return_comment) <= 4000),
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  demo boolean not null default false,
  unique (tenant_id, year),
  unique (id, tenant_id),
  check ((status in ('approved', 'received')) = (frozen_at is not null and figures is not null))
);
create index follow_up_reports_recipient on follow_up_reports (recipient_tenant_id, year);

create table follow_up_report_events (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null,
  tenant_id uuid not null references organisations (id),
  from_status text not null,
  to_status text not null,
  comment text check (length(comment) <= 4000),
  actor_id uuid,
  actor_tenant_id uuid not null references organisations (id),
  at timestamptz not null default now(),
  demo boolean not null default false,
  foreign key (report_id, tenant_id) references follow_up_reports (id, tenant_id)
);
create index follow_up_report_events_report on follow_up_report_events (report_id, at);
create index follow_up_report_events_tenant on follow_up_report_events (tenant_id);

create or replace function follow_up_report_guard() returns trigger
  language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      raise exception 'an annual report is never deleted' using errcode = '55000';
    end if;
    if old.status in ('approved', 'received')
       and (new.figures is distinct from old.figures or new.narrative is distinct from old.narrative or new.frozen_at is distinct from old.frozen_at)
       and new.status <> 'returned' then
      raise exception 'an approved annual report is frozen' using errcode = '55000';
    end if;
    if old.status = 'received' then
      raise exception 'a received annual report is final' using errcode = '55000';
    end if;
    if new.status is distinct from old.status
       and (old.status, new.status) not in (('draft', 'submitted'), ('returned', 'submitted'), ('submitted', 'approved'), ('submitted', 'returned'),
                                            ('approved', 'received'), ('approved', 'returned')) then
      raise exception 'an annual report cannot move from % to %', old.status, new.status using errcode = '55000';
    end if;
    return new;
  end
  $$;
create trigger follow_up_reports_guard before update or delete on follow_up_reports
  for each row execute function follow_up_report_guard();

alter table follow_up_reports enable row level security;
alter table follow_up_reports force row level security;
create policy follow_up_reports_system on follow_up_reports using (app_is_system()) with check (app_is_system());
create policy follow_up_reports_tenant on follow_up_reports to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy follow_up_reports_recipient_read on follow_up_reports for select to upptack_app
  using (recipient_tenant_id = app_tenant() and status <> 'draft');
create policy follow_up_reports_recipient_answer on follow_up_reports for update to upptack_app
  using (recipient_tenant_id = app_tenant() and status in ('submitted', 'approved'))
  with check (recipient_tenant_id = app_tenant() and status in ('received', 'returned'));
grant select, insert,
  update (status, narrative, figures, frozen_at, submitted_at, submitted_by, approved_at, approved_by, received_at, received_by,
          returned_at, returned_by, return_comment, version, updated_at)
  on follow_up_reports to upptack_app;

alter table follow_up_report_events enable row level security;
alter table follow_up_report_events force row level security;
create policy follow_up_report_events_system on follow_up_report_events using (app_is_system()) with check (app_is_system());
create policy follow_up_report_events_tenant on follow_up_report_events to upptack_app
  using (tenant_id = app_tenant() or exists (select 1 from follow_up_reports r where r.id = report_id))
  with check (tenant_id = app_tenant() or exists (select 1 from follow_up_reports r where r.id = report_id and r.recipient_tenant_id = app_tenant()));
grant select, insert on follow_up_report_events to upptack_app;

-- ------------------------------------------------------------------ regional comparison (ADR 0073)
-- Public statistics per county and year, imported by a county strategist (or the coordinator).
create table follow_up_county_values (
  tenant_id uuid not null references organisations (id),
  indicator_code text not null references follow_up_indicators (code),
  county_code char(2) not null references counties (code),
  year integer not null check (year between 2000 and 2100),
  value numeric not null,
  imported_by uuid,
  imported_at timestamptz not null default now(),
  demo boolean not null default false,
  primary key (tenant_id, indicator_code, county_code, year)
);
alter table follow_up_county_values enable row level security;
alter table follow_up_county_values force row level security;
create policy follow_up_county_values_system on follow_up_county_values using (app_is_system()) with check (app_is_system());
create policy follow_up_county_values_tenant on follow_up_county_values to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update (value, imported_by, imported_at) on follow_up_county_values to upptack_app;

-- ------------------------------------------------------------------ work-plan goals → indicators (issue 9, ADR 0062)
create table collaboration_goal_indicators (
  goal_id uuid not null,
  tenant_id uuid not null references organisations (id),
  body_id uuid not null,
  indicator_code text not null references follow_up_indicators (code),
  created_at timestamptz not null default now(),
  demo boolean not null default false,
  primary key (goal_id, indicator_code),
  foreign key (goal_id, tenant_id) references collaboration_goals (id, tenant_id) on delete cascade
);
create index collaboration_goal_indicators_tenant on collaboration_goal_indicators (tenant_id);
alter table collaboration_goal_indicators enable row level security;
alter table collaboration_goal_indicators force row level security;
create policy collaboration_goal_indicators_system on collaboration_goal_indicators using (app_is_system()) with check (app_is_system());
create policy collaboration_goal_indicators_read on collaboration_goal_indicators for select to upptack_app using (app_collaboration_reaches(body_id));
create policy collaboration_goal_indicators_insert on collaboration_goal_indicators for insert to upptack_app with check (app_collaboration_writes(body_id));
create policy collaboration_goal_indicators_delete on collaboration_goal_indicators for delete to upptack_app using (app_collaboration_writes(body_id));
grant select, insert, delete on collaboration_goal_indicators to upptack_app;
