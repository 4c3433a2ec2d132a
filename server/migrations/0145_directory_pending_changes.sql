-- Issue 22: a directory change goes live only when a second editor has previewed and published it.
-- An editor's new service or edit is stored here as a pending change; the entry itself (and so the
-- public read model, ADR 0021, and the HSDS export) keeps its published version until another
-- editor of the same organisation publishes the change, or returns it with a comment (ADR 0093).
create table directory_changes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  -- null: a new service, created when the change is published.
  service_id uuid references directory_services (id),
  -- The entry's version the author edited; publishing refuses a change whose entry moved on.
  base_version integer,
  data jsonb not null,
  verify boolean not null default false,
  status text not null default 'pending' check (status in ('pending', 'published', 'returned')),
  author_id uuid not null,
  author_label text not null,
  comment text,
  decided_by uuid,
  decided_by_label text,
  decided_at timestamptz,
  created_at timestamptz not null default app_now(),
  -- The four-eyes rule in the database: a decided change was decided by someone else than its author.
  constraint directory_changes_second_person check (
    (status = 'pending' and decided_by is null)
    or (status <> 'pending' and decided_by is not null and decided_by <> author_id and decided_at is not null)
  ),
  constraint directory_changes_returned_comment check (status <> 'returned' or length(btrim(coalesce(comment, ''))) > 0),
  constraint directory_changes_base check ((service_id is null) = (base_version is null))
);
create index directory_changes_tenant on directory_changes (tenant_id, status, created_at);
create index directory_changes_service on directory_changes (service_id) where status = 'pending';

alter table directory_changes enable row level security;
alter table directory_changes force row level security;
create policy directory_changes_system on directory_changes using (app_is_system()) with check (app_is_system());
-- Staff write as themselves: a pending change is authored by the caller, a decision is the caller's.
create policy directory_changes_tenant on directory_changes to upptack_app
  using (tenant_id = app_tenant())
  with check (tenant_id = app_tenant() and (status = 'pending' and author_id = app_user() or status <> 'pending' and decided_by = app_user()));
grant select, insert, update on directory_changes to upptack_app;
