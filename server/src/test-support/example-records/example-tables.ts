import { char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APP_NOW } from '../../platform/db/database.ts';

/**
 * A generic individual-level record type for testing the kernel's protection rules,
 * break-the-glass, isolation and shared/token access before the real record types (screening
 * encounters, surveys, events) exist. It is also the reference a feature copies: its SQL is
 * exactly what a feature migration writes (developing.md, ADR 0010, 0011). Test databases only.
 */
export const EXAMPLE_SCHEMA = `
create table example_records (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  unit_id uuid not null,
  created_by uuid,
  title text not null check (length(title) between 1 and 200),
  -- Location fields: withheld when the record concerns a protected identity.
  municipality_code char(4) references municipalities (code),
  address text,
  created_at timestamptz not null default app_now(),
  foreign key (unit_id, tenant_id) references units (id, tenant_id)
);
alter table example_records enable row level security;
alter table example_records force row level security;
create policy example_records_system on example_records using (app_is_system()) with check (app_is_system());
-- The protection rules nobody can override live in the policy: connected staff and other units
-- than a designated one see no row at all.
create policy example_records_tenant on example_records to upptack_app
  using (tenant_id = app_tenant() and app_may_open('example_record', id))
  with check (tenant_id = app_tenant());
grant select, insert, update (title) on example_records to upptack_app;

-- Shared data (ADR 0011): a round keeps its owner's tenant_id; other organisations read it
-- through explicit shares. A share row also belongs to the owner (tenant_id) and names the
-- organisation it shares with, so neither policy needs the other table's policy (no recursion).
create table example_rounds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references organisations (id),
  title text not null
);
create table example_round_shares (
  round_id uuid not null references example_rounds (id),
  tenant_id uuid not null references organisations (id),
  shared_with_tenant_id uuid not null references organisations (id),
  primary key (round_id, shared_with_tenant_id)
);
alter table example_rounds enable row level security;
alter table example_rounds force row level security;
create policy example_rounds_system on example_rounds using (app_is_system()) with check (app_is_system());
create policy example_rounds_owner on example_rounds to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy example_rounds_shared on example_rounds for select to upptack_app
  using (exists (select 1 from example_round_shares s where s.round_id = example_rounds.id and s.shared_with_tenant_id = app_tenant()));
grant select, insert, update (title) on example_rounds to upptack_app;

alter table example_round_shares enable row level security;
alter table example_round_shares force row level security;
create policy example_round_shares_system on example_round_shares using (app_is_system()) with check (app_is_system());
create policy example_round_shares_owner on example_round_shares to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy example_round_shares_recipient on example_round_shares for select to upptack_app
  using (shared_with_tenant_id = app_tenant());
grant select, insert, delete on example_round_shares to upptack_app;

-- Anonymous token access (ADR 0011): a respondent reaches their own row, and the round's title,
-- by the token's hash alone, as upptack_public.
create table example_respondents (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references example_rounds (id),
  tenant_id uuid not null references organisations (id),
  token_hash text not null unique,
  answer text check (length(answer) <= 500)
);
alter table example_respondents enable row level security;
alter table example_respondents force row level security;
create policy example_respondents_system on example_respondents using (app_is_system()) with check (app_is_system());
create policy example_respondents_owner on example_respondents to upptack_app
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
create policy example_respondents_token on example_respondents to upptack_public
  using (token_hash = app_token_hash()) with check (token_hash = app_token_hash());
grant select (id, round_id, tenant_id, answer), insert on example_respondents to upptack_app;
-- token_hash is readable because the rounds' token policy below looks it up with the caller's
-- privileges; the row policy lets a token see only its own hash, which it already knows.
grant select (id, round_id, token_hash, answer), update (answer) on example_respondents to upptack_public;
create policy example_rounds_token on example_rounds for select to upptack_public
  using (exists (select 1 from example_respondents r where r.round_id = example_rounds.id and r.token_hash = app_token_hash()));
grant select (id, title) on example_rounds to upptack_public;
`;

export const exampleRecords = pgTable('example_records', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  createdBy: uuid('created_by'),
  title: text('title').notNull(),
  municipalityCode: char('municipality_code', { length: 4 }),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const exampleRounds = pgTable('example_rounds', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  title: text('title').notNull(),
});

export const exampleRoundShares = pgTable('example_round_shares', {
  roundId: uuid('round_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  sharedWithTenantId: uuid('shared_with_tenant_id').notNull(),
});

export const exampleRespondents = pgTable('example_respondents', {
  id: uuid('id').primaryKey().defaultRandom(),
  roundId: uuid('round_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  answer: text('answer'),
});
