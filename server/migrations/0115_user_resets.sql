-- Resets need two people (issue 16 item 3, ADR 0084). A password reset or a new account's
-- set-up link goes only to the person: by mail, or — without a mail server — released to a
-- second administrator (never the one who asked) who hands it over. Removing the second factor
-- of someone whose role reads individual-level data waits for a second administrator's approval.
-- Each request is one row here; the person is told (mail and a notice at their next sign-in).
create table user_resets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  user_id uuid not null,
  kind text not null check (kind in ('account_setup', 'password', 'second_factor')),
  status text not null check (status in ('awaiting_approval', 'awaiting_handover', 'done', 'cancelled')),
  delivery text check (delivery in ('mail', 'handover')),
  requested_by uuid not null references users (id),
  requested_at timestamptz not null default app_now(),
  approved_by uuid references users (id),
  approved_at timestamptz,
  expires_at timestamptz not null,
  completed_at timestamptz,
  foreign key (user_id, tenant_id) references users (id, tenant_id),
  -- Two people: whoever approves or releases is neither the requester nor the person.
  check (approved_by is null or (approved_by <> requested_by and approved_by <> user_id)),
  check (requested_by <> user_id)
);
create index user_resets_tenant on user_resets (tenant_id, status);
create index user_resets_user on user_resets (user_id, requested_at);

alter table user_resets enable row level security;
alter table user_resets force row level security;
create policy user_resets_system on user_resets using (app_is_system()) with check (app_is_system());
create policy user_resets_tenant on user_resets to upptack_app using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert on user_resets to upptack_app;
grant update (status, delivery, approved_by, approved_at, completed_at) on user_resets to upptack_app;
