import { customType, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APP_NOW } from '../db/database.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id'),
  createdBy: uuid('created_by'),
  kind: text('kind').notNull(),
  status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  progressDone: integer('progress_done').notNull().default(0),
  progressTotal: integer('progress_total'),
  result: jsonb('result').$type<Record<string, unknown>>(),
  resultFile: bytea('result_file'),
  resultContentType: text('result_content_type'),
  resultFilename: text('result_filename'),
  errorCode: text('error_code'),
  attempts: integer('attempts').notNull().default(0),
  runAfter: timestamp('run_after', { withTimezone: true }).notNull().default(APP_NOW),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  /** The fencing token: raised by every claim and takeover (migration 0125, ADR 0088). */
  lease: integer('lease').notNull().default(0),
  leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
