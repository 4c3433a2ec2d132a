-- Job roles apart from permission roles (issue 20, ADR 0116). A membership's `role` says what the
-- person may do in the platform; `job_role` says what they do in the unit: caseworker, decision
-- maker, accommodation staff, manager or support function. Follow-up's staff denominators ("share
-- of caseworkers who asked") count every membership of the job role in the unit on the day, not
-- only the people who recorded something. Existing memberships get the job role their permission
-- role implies for a caseworker or a manager (the only ones that had a meaning before); every
-- other one stays unstated until an administrator sets it with a new membership.
alter table memberships add column job_role text
  check (job_role in ('caseworker', 'decision_maker', 'accommodation_staff', 'manager', 'support_function'));
create index memberships_unit_job_role on memberships (unit_id, job_role) where job_role is not null;

create function memberships_job_role_backfill() returns void
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
begin
  update memberships set job_role = role where role in ('caseworker', 'manager') and job_role is null;
end $$;
select memberships_job_role_backfill();
drop function memberships_job_role_backfill();
