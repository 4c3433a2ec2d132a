-- Stored cell keys of the rollup rows (issue 15, ADR 0057): a dashboard sums the keys the rollup
-- keeps instead of hashing every row it reads (ADR 0053 named this as the way forward).
--
-- A rollup row with a measure and its count is the record of the cell-key method; its key stays
-- exactly what `rollup-measures.ts` computed when reading: 24 bits of
-- md5(secret ‖ identity ‖ '|' ‖ measure ‖ '|' ‖ count), 0 when the count is 0. A BEFORE trigger
-- on the rollup itself keeps the key of each count whenever a statement-level trigger of
-- migration 0070 inserts or moves the row, so every write path is covered without touching
-- those five functions. The keys are as secret as the secret they come from: the same
-- row-level security as the counts, no grant beyond `upptack_app` (which reads the secret itself)
-- and the system role's default privileges; no route returns a rollup row.

create function follow_up_record_key(secret text, identity text, measure text, n integer) returns integer
  language sql immutable as $$
    select case when n = 0 then 0 else ('x' || substr(md5(secret || identity || '|' || measure || '|' || n::text), 1, 6))::bit(24)::int end
  $$;
revoke all on function follow_up_record_key(text, text, text, integer) from public;

alter table follow_up_encounter_rollup
  add column key_encounters integer not null default 0,
  add column key_eligible integer not null default 0,
  add column key_asked integer not null default 0,
  add column key_not_asked integer not null default 0,
  add column key_disclosed integer not null default 0,
  add column key_reason_not_alone integer not null default 0,
  add column key_reason_channel_unsafe integer not null default 0,
  add column key_reason_interpreter_unsuitable integer not null default 0,
  add column key_reason_client_condition integer not null default 0,
  add column key_reason_no_time integer not null default 0,
  add column key_reason_other integer not null default 0;

alter table follow_up_detail_rollup add column key integer not null default 0;

create function follow_up_encounter_rollup_keys() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
declare
  s text;
  id text;
begin
  select secret into s from disclosure_cell_key_secret;
  id := concat_ws('|', new.tenant_id, new.unit_id, new.process_id, new.month, new.county_code, new.municipality_code, new.sex, new.age_band);
  new.key_encounters := follow_up_record_key(s, id, 'screening.encounters', new.encounters);
  new.key_eligible := follow_up_record_key(s, id, 'screening.eligible', new.eligible);
  new.key_asked := follow_up_record_key(s, id, 'screening.asked', new.asked);
  new.key_not_asked := follow_up_record_key(s, id, 'screening.not_asked', new.not_asked);
  new.key_disclosed := follow_up_record_key(s, id, 'screening.disclosed', new.disclosed);
  new.key_reason_not_alone := follow_up_record_key(s, id, 'screening.not_asked|not_alone', new.reason_not_alone);
  new.key_reason_channel_unsafe := follow_up_record_key(s, id, 'screening.not_asked|channel_unsafe', new.reason_channel_unsafe);
  new.key_reason_interpreter_unsuitable := follow_up_record_key(s, id, 'screening.not_asked|interpreter_unsuitable', new.reason_interpreter_unsuitable);
  new.key_reason_client_condition := follow_up_record_key(s, id, 'screening.not_asked|client_condition', new.reason_client_condition);
  new.key_reason_no_time := follow_up_record_key(s, id, 'screening.not_asked|no_time', new.reason_no_time);
  new.key_reason_other := follow_up_record_key(s, id, 'screening.not_asked|other', new.reason_other);
  return new;
end $$;

-- The measure a detail row counts for (rollup-measures.ts: a by-code row and its total share the key of the measure).
create function follow_up_detail_rollup_key() returns trigger
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
    end,
    new.count);
  return new;
end $$;

create trigger follow_up_encounter_rollup_keys before insert or update on follow_up_encounter_rollup
  for each row execute function follow_up_encounter_rollup_keys();
create trigger follow_up_detail_rollup_key before insert or update on follow_up_detail_rollup
  for each row execute function follow_up_detail_rollup_key();

-- The rows written before this migration get their keys once.
create function follow_up_rollup_keys_backfill() returns void
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
begin
  update follow_up_encounter_rollup set encounters = encounters;
  update follow_up_detail_rollup set count = count;
end $$;
select follow_up_rollup_keys_backfill();
drop function follow_up_rollup_keys_backfill();
