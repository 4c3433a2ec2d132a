-- A failed job (dead-lettered or refused) can be started again by the person who started it
-- (issue 18): queued afresh with a new attempt budget. The app role may not update jobs (the
-- runner does, as the system); this function changes exactly the retry columns of one of the
-- caller's own failed jobs and nothing else.
create or replace function app_job_retry(p_job uuid) returns boolean
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    update jobs
       set status = 'queued', attempts = 0, error_code = null, progress_done = 0, progress_total = null,
           result = null, run_after = app_now(), started_at = null, heartbeat_at = null,
           lease_expires_at = null, finished_at = null
     where id = p_job and status = 'failed'
       and tenant_id = app_tenant() and created_by = app_user();
    return found;
  end
  $$;
revoke all on function app_job_retry(uuid) from public;
grant execute on function app_job_retry(uuid) to upptack_app;
