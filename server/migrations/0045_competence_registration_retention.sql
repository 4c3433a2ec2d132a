-- A registrant's name and email address serve the event: the attendance list and questions
-- before it. A set time after the event ends they are erased (ADR 0045); the registration stays,
-- so participation per organisation and municipality and attendance still count.
alter table event_registrations
  alter column name drop not null,
  alter column email drop not null,
  add column personal_data_erased_at timestamptz,
  add constraint event_registrations_erased
    check ((personal_data_erased_at is null) = (name is not null and email is not null));
