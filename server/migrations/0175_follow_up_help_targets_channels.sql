-- What the caseworker records that follow-up counts (issue 20, ADR 0097):
-- * a client who uses violence and wants help to stop (`perpetrator_wants_help`, an encounter
--   column derived from the question set's answers or stated through the integration API);
-- * referrals by target, and referrals to perpetrator programmes as a measure of their own;
-- * the contact form (in person, phone, video) as a breakdown of eligible and asked encounters.
-- All three are rows of `follow_up_detail_rollup` (measure, code), kept by statement-level
-- triggers in the writing transaction like the others (ADR 0071): the encounter rollup's key
-- and every reader of it stay as they are. Its stored cell keys (ADR 0057) come from the same
-- row trigger, which learns the new measures' keys here. Existing encounters and referrals are
-- counted once at the end (a backfill); rows retention deleted before this cannot be.
alter table screening_encounters add column perpetrator_wants_help boolean;
alter table screening_encounters add constraint screening_encounters_wants_help_asked check (perpetrator_wants_help is null or asking = 'asked');
alter table screening_encounters add constraint screening_encounters_wants_help_disclosed check (perpetrator_wants_help is not true or outcome = 'disclosed');
grant update (perpetrator_wants_help) on screening_encounters to upptack_app;

alter table follow_up_detail_rollup drop constraint follow_up_detail_rollup_measure_check;
alter table follow_up_detail_rollup add constraint follow_up_detail_rollup_measure_check check (measure in (
  'exposure_form', 'perpetration_form', 'disclosed_exposure', 'disclosed_perpetration', 'referral', 'child_concern_report', 'information',
  'eligible_channel', 'asked_channel', 'perpetrator_wants_help', 'referral_target', 'perpetrator_programme_referral'));

alter table follow_up_indicator_versions drop constraint follow_up_indicator_versions_disaggregations_check;
alter table follow_up_indicator_versions add constraint follow_up_indicator_versions_disaggregations_check check (disaggregations <@ array[
  'agency', 'county', 'municipality', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band', 'violence_form', 'reason', 'referral_kind',
  'language', 'channel', 'referral_target']);

-- The measure a detail row counts for (rollup-measures.ts): as in migration 0130, plus the new ones.
create or replace function follow_up_detail_rollup_key() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
declare
  s text;
begin
  select secret into s from disclosure_cell_key_secret;
  new.key := follow_up_record_key(
    s,
    concat_ws('|', new.tenant_id, new.unit_id, new.process_id, new.month, new.county_code, new.sex, new.age_band, new.measure, new.code),
    case new.measure
      when 'exposure_form' then 'screening.disclosed_exposure'
      when 'disclosed_exposure' then 'screening.disclosed_exposure'
      when 'perpetration_form' then 'screening.disclosed_perpetration'
      when 'disclosed_perpetration' then 'screening.disclosed_perpetration'
      when 'referral' then 'screening.referrals'
      when 'child_concern_report' then 'screening.child_concern_reports'
      when 'information' then 'screening.information'
      when 'eligible_channel' then 'screening.eligible_by_channel'
      when 'asked_channel' then 'screening.asked_by_channel'
      when 'perpetrator_wants_help' then 'screening.perpetrator_wants_help'
      when 'referral_target' then 'screening.referrals_by_target'
      when 'perpetrator_programme_referral' then 'screening.perpetrator_programme_referrals'
    end,
    new.count);
  return new;
end $$;

-- An encounter's detail rows: eligible and asked by channel, and the wish for help.
create or replace function follow_up_encounter_details_inserted() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select n.tenant_id, n.unit_id, n.process_id, n.occurred_month, coalesce(n.client_county_code, ''), n.client_sex, n.client_age_band, m.measure, m.code, count(*)::int
      from inserted n
      cross join lateral (values ('eligible_channel', n.channel, n.eligible), ('asked_channel', n.channel, n.asking = 'asked'),
                                 ('perpetrator_wants_help', '', coalesce(n.perpetrator_wants_help, false))) as m(measure, code, counted)
     where m.counted
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_encounter_details_inserted after insert on screening_encounters
  referencing new table as inserted for each statement execute function follow_up_encounter_details_inserted();

-- A completed result (or any change of a key) moves the encounter's detail rows from its old values
-- to its new ones; retention's anonymising update changes none of them, so it moves nothing.
create or replace function follow_up_encounter_details_updated() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select x.tenant_id, x.unit_id, x.process_id, x.month, x.county_code, x.sex, x.age_band, m.measure, m.code, sum(x.sign)::int
      from (
        select -1 as sign, o.tenant_id, o.unit_id, o.process_id, o.occurred_month as month, coalesce(o.client_county_code, '') as county_code,
               o.client_sex as sex, o.client_age_band as age_band, o.channel, o.eligible, o.asking, o.perpetrator_wants_help
          from old_rows o join new_rows n on n.id = o.id
         where (o.tenant_id, o.unit_id, o.process_id, o.occurred_month, o.client_county_code, o.client_sex, o.client_age_band, o.channel, o.eligible, o.asking, o.perpetrator_wants_help)
               is distinct from (n.tenant_id, n.unit_id, n.process_id, n.occurred_month, n.client_county_code, n.client_sex, n.client_age_band, n.channel, n.eligible, n.asking, n.perpetrator_wants_help)
        union all
        select 1, n.tenant_id, n.unit_id, n.process_id, n.occurred_month, coalesce(n.client_county_code, ''), n.client_sex, n.client_age_band,
               n.channel, n.eligible, n.asking, n.perpetrator_wants_help
          from old_rows o join new_rows n on n.id = o.id
         where (o.tenant_id, o.unit_id, o.process_id, o.occurred_month, o.client_county_code, o.client_sex, o.client_age_band, o.channel, o.eligible, o.asking, o.perpetrator_wants_help)
               is distinct from (n.tenant_id, n.unit_id, n.process_id, n.occurred_month, n.client_county_code, n.client_sex, n.client_age_band, n.channel, n.eligible, n.asking, n.perpetrator_wants_help)
      ) x
      cross join lateral (values ('eligible_channel', x.channel, x.eligible), ('asked_channel', x.channel, x.asking is not distinct from 'asked'),
                                 ('perpetrator_wants_help', '', coalesce(x.perpetrator_wants_help, false))) as m(measure, code, counted)
     where m.counted
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    having sum(x.sign) <> 0
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_encounter_details_updated after update on screening_encounters
  referencing old table as old_rows new table as new_rows for each statement execute function follow_up_encounter_details_updated();

-- A referral's target, and referrals to perpetrator programmes on their own.
create or replace function follow_up_referral_targets_inserted() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
    select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, m.measure, m.code, count(*)::int
      from (
        select x.encounter_id, 'referral_target' as measure, x.target as code from inserted x
        union all
        select x.encounter_id, 'perpetrator_programme_referral', '' from inserted x where x.target = 'perpetrator_programme'
      ) m join screening_encounters e on e.id = m.encounter_id
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
    return null;
  end
  $$;
create trigger follow_up_referral_targets_inserted after insert on screening_referrals
  referencing new table as inserted for each statement execute function follow_up_referral_targets_inserted();

-- What was recorded before this migration, counted once.
create function follow_up_details_backfill() returns void
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
begin
  insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
  select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, m.measure, m.code, count(*)::int
    from screening_encounters e
    cross join lateral (values ('eligible_channel', e.channel, e.eligible), ('asked_channel', e.channel, e.asking = 'asked')) as m(measure, code, counted)
   where m.counted
   group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
  insert into follow_up_detail_rollup as r (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code, count)
  select e.tenant_id, e.unit_id, e.process_id, e.occurred_month, coalesce(e.client_county_code, ''), e.client_sex, e.client_age_band, m.measure, m.code, count(*)::int
    from (
      select x.encounter_id, 'referral_target' as measure, x.target as code from screening_referrals x
      union all
      select x.encounter_id, 'perpetrator_programme_referral', '' from screening_referrals x where x.target = 'perpetrator_programme'
    ) m join screening_encounters e on e.id = m.encounter_id
   group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict (tenant_id, unit_id, process_id, month, county_code, sex, age_band, measure, code) do update set count = r.count + excluded.count;
end $$;
select follow_up_details_backfill();
drop function follow_up_details_backfill();

-- The indicators that read them (Bilaga 3 and the county follow-up: perpetrators who want help,
-- referrals to perpetrator programmes, and asking by contact form).
insert into follow_up_indicators (code, owner_code, source) values
  ('screening.perpetrators_wanting_help', 'JAMY', 'measures'),
  ('screening.perpetrator_programme_referrals', 'JAMY', 'measures'),
  ('screening.referrals_by_target', 'JAMY', 'measures'),
  ('screening.share_asked_by_channel', 'JAMY', 'measures');
insert into follow_up_indicator_versions (code, version, name_sv, name_en, definition_sv, definition_en, numerator, denominator, unit, disaggregations, goal, joint_area, direction, valid_from) values
  ('screening.perpetrators_wanting_help', 1, 'Våldsutövare som vill ha hjälp att sluta', 'Perpetrators who want help to stop',
   'Antal frågetillfällen där klienten berättade att hen använder våld och svarade ja på frågan om hen vill ha kontakt med någon som kan hjälpa hen att sluta.',
   'Encounters where the client disclosed using violence and said yes to wanting contact with someone who can help them stop.',
   'screening.perpetrator_wants_help', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band'], 'prevention', 'referral', 'higher', '2019-01-01'),
  ('screening.perpetrator_programme_referrals', 1, 'Hänvisningar till verksamhet för våldsutövare', 'Referrals to perpetrator programmes',
   'Antal hänvisningar (vägledning, överlämning med samtycke) till en verksamhet för den som använder våld och vill sluta.',
   'Referrals (signposting, handover with consent) to a programme for people who use violence and want to stop.',
   'screening.perpetrator_programme_referrals', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'sex', 'age_band'], 'prevention', 'referral', 'higher', '2019-01-01'),
  ('screening.referrals_by_target', 1, 'Hänvisningar per mottagare', 'Referrals by target',
   'Antal hänvisningar per mottagare: socialtjänst, hälso- och sjukvård, polis, skyddat boende, brottsofferstöd, verksamhet för våldsutövare, stödlinje, annan.',
   'Referrals by target: social services, health care, police, shelter, victim support, perpetrator programme, phone line, other.',
   'screening.referrals_by_target', null, 'number', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'referral_target'], 'detection_support', 'referral', 'higher', '2019-01-01'),
  ('screening.share_asked_by_channel', 1, 'Andel frågetillfällen där frågan ställdes, per kontaktform', 'Share of eligible encounters asked, by contact form',
   'Frågetillfällen där handläggaren frågade om våld, delat med frågetillfällen där rutinen gäller; per kontaktform (fysiskt möte, telefon, video).',
   'Encounters where the caseworker asked about violence, divided by encounters where the routine applies; by contact form (in person, phone, video).',
   'screening.asked_by_channel', 'screening.eligible_by_channel', 'share', array['agency', 'county', 'unit', 'process', 'month', 'quarter', 'year', 'channel'], 'detection_support', 'routines', 'higher', '2019-01-01');
