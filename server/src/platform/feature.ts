import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { FieldCipher } from './crypto/field-encryption.ts';
import type { Database, Tx } from './db/database.ts';
import type { Route } from './http/route.ts';
import type { WebAssets } from './http/web-assets.ts';
import type { JobHandler, Schedule } from './jobs/job-runner.ts';
import type { Clock } from './time/clock.ts';
import type { RecordTypeDefinition, RecordTypeRegistry } from './access/record-types.ts';
import type { Measure, MeasureRegistry } from './measures/measure.ts';
import type { EncryptedColumn } from './crypto/encrypted-columns.ts';

/** What a feature gets from the platform: wired by hand in app.ts, no container. */
export type FeatureContext = {
  config: Config;
  database: Database;
  clock: Clock;
  sessions: SessionStore;
  cipher: FieldCipher;
  /** Wakes the job runner after a job was enqueued in this process. */
  nudgeJobs(): void;
  /** Every API route of the app (for the OpenAPI document). */
  allRoutes(): Route[];
  /** The built web assets (read once, on first use). */
  webAssets(): WebAssets;
  /** Individual-level record types the features registered (protection rules, break-the-glass). */
  recordTypes: RecordTypeRegistry;
  /** Measures the features contribute; follow-up composes indicators from them (ADR 0070). */
  measures: MeasureRegistry;
};

export type DemoContext = { config: Config; clock: Clock; cipher: FieldCipher };

/**
 * A capability of the platform. Each feature folder exports one; `features/index.ts` lists them.
 * Demo data is seeded in `order` (identity first), inside the start-up transaction; bulky history
 * goes into `demoHistory`, run as a background job after start.
 */
export type Feature = {
  name: string;
  routes?(context: FeatureContext): Route[];
  /** Individual-level record types, so the kernel's protection rules and break-the-glass apply to them (ADR 0010). */
  recordTypes?(): RecordTypeDefinition[];
  /** Named counts follow-up's indicators can use as numerator or denominator (docs/follow-up.md). */
  measures?(): Measure[];
  /** Columns it encrypts with the field cipher, so a key rotation re-encrypts them (ADR 0005). */
  encryptedColumns?(): EncryptedColumn[];
  /** Server-rendered pages (public pages, downloads that are not JSON). */
  pages?(app: FastifyInstance, context: FeatureContext): void;
  jobHandlers?(context: FeatureContext): Record<string, JobHandler>;
  /** Recurring jobs (e.g. retention); each kind needs a handler in `jobHandlers`. */
  schedules?(): Schedule[];
  demoData?: { order: number; seed(tx: Tx, context: DemoContext): Promise<void> };
  demoHistory?(context: FeatureContext): Promise<void>;
};
