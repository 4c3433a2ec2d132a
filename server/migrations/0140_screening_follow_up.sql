-- Issue 22: a caseworker who could not ask marks the encounter followed up, which takes it off
-- the task list when no case reference can tell that a later encounter asked the client.
alter table screening_encounters add column followed_up_at timestamptz;
alter table screening_encounters add column followed_up_by uuid;
alter table screening_encounters add constraint screening_encounters_follow_up_not_asked
  check (followed_up_at is null or asking = 'not_asked');
grant update (followed_up_at, followed_up_by) on screening_encounters to upptack_app;
