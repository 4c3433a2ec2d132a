-- Changes that could move or reveal a protected person take two people (issue 16 item 4,
-- ADR 0104, after ADR 0084). Migration 0116 made lifting protected identity a request and an
-- approval; the designated unit (who may open the record at all) and the removal of a staff
-- connection (which lets that person open it) were still one person's call. On a record with
-- protected identity both are now a request kept on the row and an approval by someone else, and
-- the database refuses any other change through the application role, whatever the service does.
-- Adding a connection only narrows who may open the record and stays one person's call.

alter table record_protections add column unit_change_requested_by uuid;
alter table record_protections add column unit_change_requested_at timestamptz;
alter table record_protections add column unit_change_to uuid;
alter table record_protections
  add constraint record_protections_unit_change_to foreign key (unit_change_to, tenant_id) references units (id, tenant_id);
grant update (unit_change_requested_by, unit_change_requested_at, unit_change_to) on record_protections to upptack_app;

alter table record_connections add column removal_requested_by uuid;
alter table record_connections add column removal_requested_at timestamptz;
grant update (removal_requested_by, removal_requested_at) on record_connections to upptack_app;

-- A request is made in one's own name: nobody writes someone else's id as the requester, which
-- would let one person be both (this also closes that gap for the lift request of 0116).
create or replace function record_protections_changes_need_two() returns trigger
  language plpgsql set search_path = public as $$
  begin
    if app_is_system() then
      return new;
    end if;
    if (new.lift_requested_by is not null and new.lift_requested_by is distinct from old.lift_requested_by
          and new.lift_requested_by is distinct from app_user())
       or (new.unit_change_requested_by is not null and new.unit_change_requested_by is distinct from old.unit_change_requested_by
          and new.unit_change_requested_by is distinct from app_user()) then
      raise exception 'a request is made only in one''s own name' using errcode = '42501';
    end if;
    if old.protected_identity and new.designated_unit_id is distinct from old.designated_unit_id then
      if old.unit_change_requested_by is null or app_user() is null or old.unit_change_requested_by = app_user()
         or old.unit_change_to is distinct from new.designated_unit_id then
        raise exception 'the designated unit of a protected identity is changed only by two people' using errcode = '42501';
      end if;
    end if;
    return new;
  end
  $$;
revoke all on function record_protections_changes_need_two() from public;
create trigger record_protections_changes_need_two before update on record_protections
  for each row execute function record_protections_changes_need_two();

-- Whether a record has protected identity, read whole (the caller's policies would hide rows).
create or replace function record_is_protected(p_record_type text, p_record_id uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select exists (select 1 from record_protections p
                    where p.record_type = p_record_type and p.record_id = p_record_id and p.protected_identity)
  $$;
revoke all on function record_is_protected(text, uuid) from public;
grant execute on function record_is_protected(text, uuid) to upptack_app;

create or replace function record_connections_removal_needs_two() returns trigger
  language plpgsql set search_path = public as $$
  begin
    if app_is_system() then
      return case when tg_op = 'DELETE' then old else new end;
    end if;
    if tg_op = 'UPDATE' then
      if new.removal_requested_by is not null and new.removal_requested_by is distinct from old.removal_requested_by
         and new.removal_requested_by is distinct from app_user() then
        raise exception 'a request is made only in one''s own name' using errcode = '42501';
      end if;
      return new;
    end if;
    if record_is_protected(old.record_type, old.record_id)
       and (old.removal_requested_by is null or app_user() is null or old.removal_requested_by = app_user()) then
      raise exception 'a connection to a protected identity is removed only by two people' using errcode = '42501';
    end if;
    return old;
  end
  $$;
revoke all on function record_connections_removal_needs_two() from public;
create trigger record_connections_removal_needs_two before update or delete on record_connections
  for each row execute function record_connections_removal_needs_two();
