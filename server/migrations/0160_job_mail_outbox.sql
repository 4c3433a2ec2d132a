-- Issue 18: a job's mail is sent at most once, also when the job is retried or taken over after
-- its lease (ADR 0105). Before a job sends a message it claims the message's key here in a fenced
-- transaction (app_job_fence: only the lease holder can claim); after the mail server accepted
-- it the row becomes `sent`. A retry or a new holder finds the key and does not send it again; a
-- key left `sending` (the sender died or lost its lease between claim and record) is never sent
-- again either: the message may have gone out. No recipient, subject or text is stored.
create table job_mail (
  job_id uuid not null references jobs (id) on delete cascade,
  message_key text not null,
  status text not null check (status in ('sending', 'sent')),
  lease integer not null,
  claimed_at timestamptz not null default app_now(),
  sent_at timestamptz,
  primary key (job_id, message_key)
);
alter table job_mail enable row level security;
alter table job_mail force row level security;
create policy job_mail_system on job_mail using (app_is_system()) with check (app_is_system());
