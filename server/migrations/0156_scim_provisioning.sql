-- Issue 19 item 4: SCIM 2.0 provisioning of an organisation's accounts by its identity provider
-- (Microsoft Entra ID, Okta). Authenticated by a per-organisation bearer token that expires and can
-- be rotated; only its SHA-256 is kept.
create table scim_tokens (
  tenant_id uuid primary key references organisations (id),
  token_hash text not null unique,
  token_hint text not null,
  expires_at timestamptz not null,
  created_by uuid,
  created_at timestamptz not null default app_now(),
  rotated_at timestamptz
);
alter table scim_tokens enable row level security;
alter table scim_tokens force row level security;
create policy scim_tokens_system on scim_tokens using (app_is_system()) with check (app_is_system());

-- The provider's own identifier of a provisioned account (SCIM `externalId`). A provisioned account
-- is asserted by the organisation itself, so its first OpenID Connect sign-in may link to it by
-- email (ADR 0101).
create table scim_accounts (
  user_id uuid primary key references users (id),
  tenant_id uuid not null references organisations (id),
  external_id text,
  created_at timestamptz not null default app_now()
);
create unique index scim_accounts_external on scim_accounts (tenant_id, external_id) where external_id is not null;
alter table scim_accounts enable row level security;
alter table scim_accounts force row level security;
create policy scim_accounts_system on scim_accounts using (app_is_system()) with check (app_is_system());
