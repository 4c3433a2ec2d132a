import { sql } from 'drizzle-orm';
import { boolean, char, date, integer, jsonb, pgTable, text, timestamp, uuid, bigint } from 'drizzle-orm/pg-core';
import { JOB_ROLES, ROLES } from '#shared/auth/roles.ts';

import { UNIT_LEVELS } from '#shared/contracts/administration.ts';
import { APP_NOW } from '../db/database.ts';

export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  parentId: uuid('parent_id'),
  level: text('level', { enum: UNIT_LEVELS }).notNull(),
  name: text('name').notNull(),
  countyCode: char('county_code', { length: 2 }),
  municipalityCode: char('municipality_code', { length: 4 }),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const unitChanges = pgTable('unit_changes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  tenantId: uuid('tenant_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().default(APP_NOW),
  changedBy: uuid('changed_by'),
  change: text('change', { enum: ['created', 'renamed', 'moved', 'deactivated', 'reactivated', 'updated'] }).notNull(),
  before: jsonb('before').$type<Record<string, unknown>>(),
  after: jsonb('after').$type<Record<string, unknown>>(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  totpSecretEncrypted: text('totp_secret_encrypted'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  recoveryCodeHashes: text('recovery_code_hashes').array().notNull().default([]),
  passwordSetupHash: text('password_setup_hash'),
  passwordSetupExpiresAt: timestamp('password_setup_expires_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  active: boolean('active').notNull().default(true),
  securityVersion: integer('security_version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const memberships = pgTable('memberships', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** What the person does in the unit (ADR 0116, migration 0176); follow-up's staff denominators count it. */
  jobRole: text('job_role', { enum: JOB_ROLES }),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  /** The first day without the role: [starts_on, ends_on) (migration 0010). */
  endsOn: date('ends_on', { mode: 'string' }),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const SESSION_STAGES = ['full', 'totp_enrolment'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  actingUnitId: uuid('acting_unit_id'),
  csrfToken: text('csrf_token').notNull(),
  securityVersion: integer('security_version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(APP_NOW),
  absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
  stage: text('stage', { enum: SESSION_STAGES }).notNull().default('full'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  totpPendingEncrypted: text('totp_pending_encrypted'),
  /** A session started through an organisation's provider (migration 0155): its issuer and `sid`. */
  oidcIssuer: text('oidc_issuer'),
  oidcSid: text('oidc_sid'),
  providerMfa: boolean('provider_mfa').notNull().default(false),
});

export const loginFailures = pgTable('login_failures', {
  keyHash: text('key_hash').notNull(),
  failedAt: timestamp('failed_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const serviceAccounts = pgTable('service_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  tokenHint: text('token_hint').notNull(),
  actions: text('actions').array().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** Tokens expire (migration 0110): 90 days unless chosen, at most a year. */
  expiresAt: timestamp('expires_at', { withTimezone: true })
    .notNull()
    .default(sql`app_now() + interval '90 days'`),
  /** After a rotation the old token stays valid until `previousTokenExpiresAt` (the overlap). */
  previousTokenHash: text('previous_token_hash'),
  previousTokenExpiresAt: timestamp('previous_token_expires_at', { withTimezone: true }),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});
