-- Own-record and own-unit limits on INSERT of an encounter's parts (issue 16 item 8, ADR 0086,
-- after migrations 0122 and 0158). Reading every part, and changing a referral or a note, was held
-- to the encounter's reach; inserting a part only to the organisation: a caseworker's transaction
-- could add an answer, a referral (a child-at-risk report is one), a handout, a form or a note to a
-- colleague's encounter. A part is now inserted only for an encounter the caller reaches — the
-- same reach as a change: the encounter is visible to the caller (its own reach policy and
-- `app_may_open` apply inside the subquery).
--
-- An encounter and its parts are written in one statement (encounter-repository `insertEncounter`),
-- whose subqueries do not see the encounter being inserted. So a part is also admitted while its
-- encounter does not exist at all in the caller's organisation: then the statement itself must
-- insert it (the part's foreign key is checked at the end of the statement), and that insert is
-- held to `encounters.create` reach by `screening_encounters_reach`. An existing encounter outside
-- the caller's reach is never admitted.

-- Whether an encounter of the caller's organisation exists at all, whatever the caller's reach.
-- Definer (reads the table whole); says nothing but yes or no about an id the caller names.
create or replace function screening_encounter_exists(p_id uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select exists (select 1 from screening_encounters e where e.id = p_id and e.tenant_id = app_tenant())
  $$;
revoke all on function screening_encounter_exists(uuid) from public;
grant execute on function screening_encounter_exists(uuid) to upptack_app;

create policy screening_encounter_forms_reach_insert on screening_encounter_forms as restrictive for insert to upptack_app
  with check (exists (select 1 from screening_encounters e where e.id = screening_encounter_forms.encounter_id)
              or not screening_encounter_exists(screening_encounter_forms.encounter_id));
create policy screening_answers_reach_insert on screening_answers as restrictive for insert to upptack_app
  with check (exists (select 1 from screening_encounters e where e.id = screening_answers.encounter_id)
              or not screening_encounter_exists(screening_answers.encounter_id));
create policy screening_referrals_reach_insert on screening_referrals as restrictive for insert to upptack_app
  with check (exists (select 1 from screening_encounters e where e.id = screening_referrals.encounter_id)
              or not screening_encounter_exists(screening_referrals.encounter_id));
create policy screening_information_reach_insert on screening_information as restrictive for insert to upptack_app
  with check (exists (select 1 from screening_encounters e where e.id = screening_information.encounter_id)
              or not screening_encounter_exists(screening_information.encounter_id));
create policy screening_notes_reach_insert on screening_notes as restrictive for insert to upptack_app
  with check (exists (select 1 from screening_encounters e where e.id = screening_notes.encounter_id)
              or not screening_encounter_exists(screening_notes.encounter_id));
