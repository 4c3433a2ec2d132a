import { bigint, boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APP_NOW } from '../db/database.ts';

/** Append-only; written only through the `audit_append` database function. */
export const auditEvents = pgTable('audit_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  tenantId: uuid('tenant_id'),
  actorKind: text('actor_kind', { enum: ['user', 'service', 'anonymous', 'system'] }).notNull(),
  actorId: uuid('actor_id'),
  actingUnitId: uuid('acting_unit_id'),
  actingRoles: text('acting_roles').array().notNull(),
  action: text('action').notNull(),
  outcome: text('outcome', { enum: ['allowed', 'denied'] }).notNull(),
  recordType: text('record_type'),
  recordId: text('record_id'),
  recordTenantId: uuid('record_tenant_id'),
  reason: text('reason'),
  breakGlass: boolean('break_glass').notNull(),
  sourceIp: text('source_ip'),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const auditReviews = pgTable('audit_reviews', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  reviewedBy: uuid('reviewed_by').notNull(),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().default(APP_NOW),
  note: text('note'),
});
