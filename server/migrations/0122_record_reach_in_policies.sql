-- Own-record and own-unit limits in row-level security (issue 16 item 8, ADR 0086). Until now
-- the database limited an encounter to its organisation (and to `app_may_open`, ADR 0010); that a
-- caseworker reaches only the encounters they recorded and a manager only their units' lived in
-- the services alone (`scopeCondition`, `openRecord`). A query that forgot the condition returned
-- a colleague's encounters. The request's transaction now carries the reach of the actor's grants
-- (`app.record_scopes`, `app.unit_scope`; platform/auth/actor.ts) and a restrictive policy holds
-- every row to it, with the same rules as the kernel: `unit` reaches the record's designated unit
-- instead of its own when it has one; a live break-the-glass grant of the user opens one record.

-- The scope the caller holds for an individual-level action: own, unit, agency, all, or null.
create or replace function app_record_scope(p_action text) returns text
  language sql stable as $$
    select split_part(entry, '=', 2)
      from unnest(string_to_array(coalesce(current_setting('app.record_scopes', true), ''), ';')) as entry
     where split_part(entry, '=', 1) = p_action
     limit 1
  $$;

-- The units a `unit` grant reaches: the acting unit and those below it.
create or replace function app_unit_scope() returns uuid[]
  language sql stable as $$
    select coalesce(string_to_array(nullif(current_setting('app.unit_scope', true), ''), ',')::uuid[], '{}')
  $$;

-- Whether the caller reaches a record of `p_type` through any of `p_actions` (the reads and
-- changes of the type), or through a live break-the-glass grant of its own. SECURITY DEFINER so
-- that the protection and grant tables are read whole (their own policies would hide the rows a
-- connected user may not see, which app_may_open refuses anyway).
create or replace function app_record_reach(p_actions text[], p_type text, p_id uuid, p_unit uuid, p_created_by uuid) returns boolean
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select exists (
             select 1 from unnest(p_actions) as a(action)
              where case app_record_scope(a.action)
                      when 'all' then true
                      when 'agency' then true
                      when 'unit' then coalesce((select p.designated_unit_id from record_protections p
                                                  where p.record_type = p_type and p.record_id = p_id), p_unit) = any (app_unit_scope())
                      when 'own' then p_created_by is not null and p_created_by = app_user()
                      else false
                    end)
        or exists (select 1 from break_glass_grants g
                    where g.tenant_id = app_tenant() and g.user_id = app_user()
                      and g.record_type = p_type and g.record_id = p_id and g.expires_at > app_now())
  $$;
revoke all on function app_record_scope(text), app_unit_scope(), app_record_reach(text[], text, uuid, uuid, uuid) from public;
grant execute on function app_record_scope(text), app_unit_scope(), app_record_reach(text[], text, uuid, uuid, uuid) to upptack_app;

-- Encounters: read, recorded and changed only within reach. Restrictive: it narrows the tenant
-- policy, it never widens it.
create policy screening_encounters_reach on screening_encounters as restrictive to upptack_app
  using (app_record_reach(array['encounters.read', 'encounters.update'], 'encounter', id, unit_id, created_by))
  with check (app_record_reach(array['encounters.create', 'encounters.update'], 'encounter', id, unit_id, created_by));

-- What an encounter holds is read only with the encounter itself (its policy applies inside the
-- subquery). For reading only: an encounter and its parts are written in one statement, whose
-- subqueries do not yet see the encounter; writing them needs the encounter's reach anyway
-- through the services' change checks and the tenant policy.
create policy screening_encounter_forms_reach on screening_encounter_forms as restrictive for select to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_encounter_forms.encounter_id));
create policy screening_answers_reach on screening_answers as restrictive for select to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_answers.encounter_id));
create policy screening_referrals_reach on screening_referrals as restrictive for select to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_referrals.encounter_id));
create policy screening_information_reach on screening_information as restrictive for select to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_information.encounter_id));
create policy screening_notes_reach on screening_notes as restrictive for select to upptack_app
  using (exists (select 1 from screening_encounters e where e.id = screening_notes.encounter_id));

-- Where an encounter is handled, for the kernel (`locate`, ADR 0010/0014): an encounter of the
-- caller's organisation that the protection rules let it open exists for it, with its unit and
-- creator, even outside its reach — so a caseworker is told to break the glass rather than
-- "not found", and a manager protects any encounter of the organisation (`records.protect`:
-- agency). Nothing of the encounter's content passes here.
create or replace function screening_encounter_location(p_id uuid)
  returns table (id uuid, tenant_id uuid, unit_id uuid, created_by uuid)
  language sql stable security definer set search_path = public set app.system = 'on' as $$
    select e.id, e.tenant_id, e.unit_id, e.created_by
      from screening_encounters e
     where e.id = p_id and e.tenant_id = app_tenant() and app_may_open('encounter', e.id)
  $$;
revoke all on function screening_encounter_location(uuid) from public;
grant execute on function screening_encounter_location(uuid) to upptack_app;
