import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APP_NOW } from '../../platform/db/database.ts';

/** Password, set-up and second-factor resets that need two people (migration 0115, ADR 0084). */
export const userResets = pgTable('user_resets', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  delivery: text('delivery'),
  requestedBy: uuid('requested_by').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().default(APP_NOW),
  approvedBy: uuid('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});
