-- Jobs hold a lease (issue 18, ADR 0088). A runner that claims a job takes a new `lease` number
-- (the fencing token) and renews `lease_expires_at` with its heartbeat; another runner takes the
-- job over only once the lease has expired, and taking over raises `lease`, so whatever the old
-- holder still tries to write under its number is refused. A job whose runner dies counts the
-- attempt; after the attempt limit it is dead-lettered: `failed` with `attempts_exhausted`.
alter table jobs add column lease integer not null default 0;
alter table jobs add column lease_expires_at timestamptz;
create index jobs_leases on jobs (lease_expires_at) where status = 'running';

-- Called first in the transaction that writes a job's effect: refuses (SQLSTATE UJ001) unless the
-- caller's lease is still the job's, and holds a KEY SHARE lock on the job until the transaction
-- ends, so a takeover (FOR UPDATE SKIP LOCKED) cannot slip in between the check and the commit.
-- The holder's own heartbeat (a plain UPDATE) does not conflict with that lock.
create or replace function app_job_fence(p_job uuid, p_lease integer) returns void
  language plpgsql security definer set search_path = public set app.system = 'on' as $$
  begin
    perform 1 from jobs where id = p_job and lease = p_lease and status = 'running' for key share;
    if not found then
      raise exception 'job lease % is no longer held', p_lease using errcode = 'UJ001';
    end if;
  end
  $$;
revoke all on function app_job_fence(uuid, integer) from public;
grant execute on function app_job_fence(uuid, integer) to upptack_app, upptack_system;
