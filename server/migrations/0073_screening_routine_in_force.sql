-- The process and its routine version in force, which every encounter write looks up, as a
-- PL/pgSQL function: its plan (three tables under row-level security) is prepared once per
-- connection instead of on every request (ADR 0018). Security invoker: the caller's policies
-- apply, so another agency's process is not found.
create function screening_routine_in_force(wanted_process uuid)
  returns table (process_id uuid, code text, name text, routine_version_id uuid, asking text, channels text[], question_set_version_id uuid)
  language plpgsql stable as $$
  begin
    return query
      select p.id, p.code, p.name, v.id, v.asking, v.channels, v.question_set_version_id
        from screening_processes p
        join screening_routines r on r.process_id = p.id
        join screening_routine_versions v on v.routine_id = r.id and v.status = 'published'
       where p.id = wanted_process and p.active;
  end
  $$;
revoke all on function screening_routine_in_force(uuid) from public;
grant execute on function screening_routine_in_force(uuid) to upptack_app;
