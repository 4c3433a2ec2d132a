-- A protected identity's count moves from the municipality to the county-only key when the
-- marker is set and back when it is removed, so the rollup always matches the current markers.
-- (0070 moved it only when set: setting, removing and setting again took the municipality's
-- count away twice.) A move, never a decrement of a total (ADR 0032, 0071).
create or replace function follow_up_protection_changed() returns trigger
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  declare
    was_protected boolean := tg_op = 'UPDATE' and old.protected_identity;
    direction integer := case when new.protected_identity then 1 else -1 end;
  begin
    if new.record_type <> 'encounter' or new.protected_identity = was_protected then
      return null;
    end if;
    perform follow_up_apply_encounters(coalesce(jsonb_agg(to_jsonb(d)), '[]'::jsonb)) from (
      select s.sign, 1 as counted, e.tenant_id, e.unit_id, e.process_id, e.occurred_month as month, coalesce(e.client_county_code, '') as county_code,
             case when s.sign * direction = -1 then e.client_municipality_code else '' end as municipality_code, e.client_sex as sex, e.client_age_band as age_band,
             e.eligible, e.asking, e.not_asked_reason as reason, e.outcome, e.child_at_risk, e.acute_danger
        from screening_encounters e cross join (values (-1), (1)) as s(sign)
       where e.id = new.record_id and e.client_municipality_code is not null
    ) d;
    return null;
  end
  $$;
