-- Issue 19 item 4: SCIM 2.0 Groups, the subset Microsoft Entra ID and Okta send (ADR 0107).
-- A provisioned group gives no access by itself: membership of it counts as the `groups` claim
-- holding the group's externalId and displayName, and the organisation's mapping rules turn that
-- into roles (each rule checked against its author's current grants, ADR 0082/0099). Read and
-- written by the system alone, like the other SCIM tables.
create table scim_groups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  display_name text not null,
  external_id text,
  created_at timestamptz not null default app_now(),
  updated_at timestamptz not null default app_now()
);
create unique index scim_groups_display_name on scim_groups (tenant_id, lower(display_name));
create unique index scim_groups_external on scim_groups (tenant_id, external_id) where external_id is not null;
alter table scim_groups enable row level security;
alter table scim_groups force row level security;
create policy scim_groups_system on scim_groups using (app_is_system()) with check (app_is_system());

create table scim_group_members (
  group_id uuid not null references scim_groups (id) on delete cascade,
  user_id uuid not null references users (id),
  tenant_id uuid not null references organisations (id),
  primary key (group_id, user_id)
);
create index scim_group_members_user on scim_group_members (user_id);
alter table scim_group_members enable row level security;
alter table scim_group_members force row level security;
create policy scim_group_members_system on scim_group_members using (app_is_system()) with check (app_is_system());

-- Roles the mapping rules gave through SCIM group membership end when the membership ends;
-- roles a sign-in mapped (`oidc`) or an administrator gave (`local`) are never touched by it.
alter table memberships drop constraint memberships_source_check;
alter table memberships add constraint memberships_source_check check (source in ('local', 'oidc', 'scim'));
