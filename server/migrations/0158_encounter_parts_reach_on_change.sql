-- Own-record and own-unit limits for the parts of an encounter that change (issue 16 item 8,
-- ADR 0086, after migration 0122). Migration 0122 held reading a referral (a child-at-risk report
-- is one), a note, a handout, a form or an answer to the encounter's reach, but a change only to
-- the organisation: an UPDATE without a condition on a referral or a note reached every
-- colleague's encounter. A change now needs the encounter too (its own reach policy applies inside
-- the subquery). An encounter that exists before the statement is visible to it, so a change made
-- in the same statement as the encounter's own still passes; inserts stay as in 0122 (a new
-- encounter and its parts are written in one statement).
create policy screening_referrals_reach_change on screening_referrals as restrictive for update to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_referrals.encounter_id))
  with check (exists (select 1 from screening_encounters e where e.id = screening_referrals.encounter_id));
create policy screening_notes_reach_change on screening_notes as restrictive for update to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_notes.encounter_id))
  with check (exists (select 1 from screening_encounters e where e.id = screening_notes.encounter_id));
