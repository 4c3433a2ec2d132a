-- Reporting completeness shows the units that should record screening but never did in a year,
-- and the organisations with no annual report (issue 20); until now it listed only units that
-- had recorded something. Which units and organisations screen is an organisational fact, but
-- row-level security hides other organisations' processes from national and county readers, so
-- this function names them: the active units (level 'unit') of organisations with an active
-- screening process, within the organisations asked for (null: all). No counts, no persons.
create function follow_up_screening_units(p_tenant_ids uuid[])
  returns table (unit_id uuid, tenant_id uuid, name text, agency text)
  language sql stable security definer set search_path = public as $$
    select u.id, u.tenant_id, u.name, coalesce(o.short_name, o.name)
      from units u
      join organisations o on o.id = u.tenant_id
     where u.level = 'unit' and u.active
       and (p_tenant_ids is null or u.tenant_id = any (p_tenant_ids))
       and exists (select 1 from screening_processes p where p.tenant_id = u.tenant_id and p.active)
  $$;
revoke all on function follow_up_screening_units(uuid[]) from public;
grant execute on function follow_up_screening_units(uuid[]) to upptack_app;
