import { bigint, boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APP_NOW } from '../db/database.ts';

/** Protection markers per record (migration 0011, ADR 0010). */
export const recordProtections = pgTable('record_protections', {
  tenantId: uuid('tenant_id').notNull(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  protectedIdentity: boolean('protected_identity').notNull().default(false),
  designatedUnitId: uuid('designated_unit_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
  updatedBy: uuid('updated_by'),
  /** A first manager's request to lift protected identity; a second person approves (ADR 0084). */
  liftRequestedBy: uuid('lift_requested_by'),
  liftRequestedAt: timestamp('lift_requested_at', { withTimezone: true }),
  /** A first person's request to change the designated unit of a protected identity (ADR 0104). */
  unitChangeRequestedBy: uuid('unit_change_requested_by'),
  unitChangeRequestedAt: timestamp('unit_change_requested_at', { withTimezone: true }),
  unitChangeTo: uuid('unit_change_to'),
});

/** Staff who may never open a record (they are the client, or close to the client). */
export const recordConnections = pgTable('record_connections', {
  tenantId: uuid('tenant_id').notNull(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  createdBy: uuid('created_by'),
  /** A first person's request to remove the connection to a protected identity (ADR 0104). */
  removalRequestedBy: uuid('removal_requested_by'),
  removalRequestedAt: timestamp('removal_requested_at', { withTimezone: true }),
});

/** Time-limited access outside one's scope, with a reason (ADR 0014). */
export const breakGlassGrants = pgTable('break_glass_grants', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  reason: text('reason').notNull(),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
});
