-- Protected identity is lifted only by two people (issue 16 item 4, ADR 0084). The first
-- manager's lift is a request kept on the marker; protected_identity stays true — so location,
-- referral targets and everything else that could reveal the area stay withheld — until a second
-- person with records.protect approves. The database refuses any other lift through the
-- application role, whatever the service does.
alter table record_protections add column lift_requested_by uuid;
alter table record_protections add column lift_requested_at timestamptz;
grant update (lift_requested_by, lift_requested_at) on record_protections to upptack_app;

create or replace function record_protections_lift_needs_two() returns trigger
  language plpgsql set search_path = public as $$
  begin
    if old.protected_identity and not new.protected_identity and not app_is_system() then
      if old.lift_requested_by is null or old.lift_requested_by = app_user() or app_user() is null then
        raise exception 'protected identity is lifted only by two people' using errcode = '42501';
      end if;
    end if;
    return new;
  end
  $$;
revoke all on function record_protections_lift_needs_two() from public;
create trigger record_protections_lift_needs_two before update on record_protections
  for each row execute function record_protections_lift_needs_two();
