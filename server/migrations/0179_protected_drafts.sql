-- Drafts of an encounter whose client has protected identity (issue 16, ADR 0010, 0084, 0104).
-- A draft is its author's own encrypted form state (ADR 0034), so the database cannot see inside
-- it. The service now marks a draft whose state says the client has protected identity, and a
-- marked draft is held like a protected record with a designated unit: it exists only while its
-- author acts in the unit where it was begun (the unit the encounter will be recorded in), for
-- every read, save, listing and removal. Its location fields are withheld from every answer by
-- the service (draft-service.ts) and kept only in the stored value.
alter table screening_drafts add column protected_identity boolean not null default false;
grant update (protected_identity) on screening_drafts to upptack_app;

create policy screening_drafts_protected on screening_drafts as restrictive to upptack_app
  using (not protected_identity or unit_id = app_unit())
  with check (not protected_identity or unit_id = app_unit());
