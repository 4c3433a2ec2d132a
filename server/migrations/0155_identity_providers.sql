-- Issue 19 (ADR 0099): an organisation's own OpenID Connect provider, the links from a provider's
-- subjects to accounts, the short-lived sign-in attempts, and where a session or a role came from.

-- One provider per organisation, configured by a system administrator. The client secret is
-- encrypted with the field cipher (associated data `identity_providers:<tenant_id>`) and never
-- answered. `mapping_rules` give roles in units from claims; each rule was checked against its
-- author's own grants when written (ADR 0082) and is checked again when applied.
create table identity_providers (
  tenant_id uuid primary key references organisations (id),
  issuer text not null check (issuer ~ '^https?://' and length(issuer) <= 500),
  client_id text not null check (length(client_id) between 1 and 300),
  client_secret_encrypted text not null,
  mfa_acr_values text[] not null default '{}',
  mfa_amr_values text[] not null default '{}',
  local_passwords boolean not null default true,
  mapping_rules jsonb not null default '[]',
  rules_written_by uuid,
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default app_now(),
  updated_at timestamptz not null default app_now()
);

-- An email domain leads to exactly one organisation's provider.
create table identity_provider_domains (
  domain text primary key check (domain = lower(domain) and domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
  tenant_id uuid not null references identity_providers (tenant_id)
);
create index identity_provider_domains_tenant on identity_provider_domains (tenant_id);

alter table identity_providers enable row level security;
alter table identity_providers force row level security;
create policy identity_providers_system on identity_providers using (app_is_system()) with check (app_is_system());
create policy identity_providers_tenant on identity_providers to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on identity_providers to upptack_app;

alter table identity_provider_domains enable row level security;
alter table identity_provider_domains force row level security;
create policy identity_provider_domains_system on identity_provider_domains using (app_is_system()) with check (app_is_system());
create policy identity_provider_domains_tenant on identity_provider_domains to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, delete on identity_provider_domains to upptack_app;

-- A provider's subject is linked to one account, never matched by email alone.
create table identity_links (
  issuer text not null,
  subject text not null,
  tenant_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  created_at timestamptz not null default app_now(),
  primary key (issuer, subject)
);
create index identity_links_user on identity_links (user_id);
alter table identity_links enable row level security;
alter table identity_links force row level security;
create policy identity_links_system on identity_links using (app_is_system()) with check (app_is_system());

-- A sign-in under way: bound to the browser by a random cookie (only its hash is kept), with the
-- PKCE verifier (encrypted), state and nonce. `completed_at` makes a callback work once.
create table oidc_logins (
  id_hash text primary key,
  tenant_id uuid not null references identity_providers (tenant_id),
  state text not null,
  nonce text not null,
  code_verifier_encrypted text not null,
  return_to text not null default '/',
  created_at timestamptz not null default app_now(),
  expires_at timestamptz not null,
  completed_at timestamptz,
  -- Set when the provider did not prove multi-factor: the person still owes the platform's own code.
  awaiting_totp_user_id uuid references users (id),
  oidc_sid text
);
alter table oidc_logins enable row level security;
alter table oidc_logins force row level security;
create policy oidc_logins_system on oidc_logins using (app_is_system()) with check (app_is_system());

-- Back-channel logout ends the sessions of a provider's session id (`sid`) or subject.
-- `provider_mfa`: the provider proved multi-factor at sign-in, which stands in for the platform's
-- own authenticator for this session (ADR 0099); the per-request rule of ADR 0005 is otherwise unchanged.
alter table sessions add column oidc_issuer text, add column oidc_sid text, add column provider_mfa boolean not null default false;
create index sessions_oidc_sid on sessions (oidc_issuer, oidc_sid) where oidc_sid is not null;

-- A logout token is accepted once (its `jti`), for as long as it could be valid.
create table oidc_logout_tokens (
  issuer text not null,
  jti text not null,
  expires_at timestamptz not null,
  primary key (issuer, jti)
);
alter table oidc_logout_tokens enable row level security;
alter table oidc_logout_tokens force row level security;
create policy oidc_logout_tokens_system on oidc_logout_tokens using (app_is_system()) with check (app_is_system());

-- Roles a mapping rule gave are ended by the next sign-in whose claims no longer match them;
-- roles an administrator gave are never touched by the provider.
alter table memberships add column source text not null default 'local' check (source in ('local', 'oidc'));
