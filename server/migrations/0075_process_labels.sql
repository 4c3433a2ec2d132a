-- National and county follow-up break figures down by process across organisations, but row-level
-- security hides other organisations' processes, so every such row read "Process" (issue 20).
-- A process's name and its organisation are organisational facts, not personal data: this function
-- names the processes it is given (ids taken from aggregated rows), and nothing else.
create or replace function screening_process_labels(p_ids uuid[])
  returns table (id uuid, name text, organisation text)
  language sql stable security definer set search_path = public as $$
    select p.id, p.name, coalesce(o.short_name, o.name)
      from screening_processes p
      join organisations o on o.id = p.tenant_id
     where p.id = any (p_ids)
  $$;
revoke all on function screening_process_labels(uuid[]) from public;
grant execute on function screening_process_labels(uuid[]) to upptack_app;
