import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import { demoSeed } from '../db/reference-schema.ts';
import { enqueueJob, type JobHandler } from '../jobs/job-runner.ts';
import type { DemoContext, Feature, FeatureContext } from '../feature.ts';

export const DEMO_SEED_VERSION = '1';
export const DEMO_HISTORY_JOB = 'demo.history';

export class DemoDataInProductionError extends Error {
  constructor(tables: string[]) {
    super(`This database contains demo data (${tables.join(', ')}). Production (NODE_ENV=production) refuses to ` + 'run on it: start from an empty database.');
    this.name = 'DemoDataInProductionError';
  }
}

/**
 * Seeds every feature's demo data once, in one transaction, and queues the bulky history as a
 * background job. Demo rows carry `demo = true`, and `demo_seed` records that seeding happened.
 */
export async function seedDemoData(database: Database, features: Feature[], context: DemoContext): Promise<boolean> {
  const seeders = features.flatMap((feature) => (feature.demoData ? [feature.demoData] : [])).sort((a, b) => a.order - b.order);
  return database.system(async (tx) => {
    const done = await tx.select().from(demoSeed);
    if (done.length > 0) return false;
    await tx.insert(demoSeed).values({ version: DEMO_SEED_VERSION });
    for (const seeder of seeders) await seeder.seed(tx, context);
    if (features.some((feature) => feature.demoHistory)) {
      await enqueueJob(tx, { kind: DEMO_HISTORY_JOB, tenantId: null, createdBy: null });
    }
    return true;
  });
}

export function demoHistoryJob(features: Feature[], context: FeatureContext): JobHandler {
  return async (_job, job) => {
    const loaders = features.flatMap((feature) => (feature.demoHistory ? [feature.demoHistory] : []));
    let done = 0;
    for (const load of loaders) {
      await load(context);
      await job.reportProgress(++done, loaders.length);
    }
    return { result: { features: loaders.length } };
  };
}

/** Every table with a `demo` column that holds a demo row, plus the seed marker. */
export async function tablesWithDemoRows(database: Database): Promise<string[]> {
  return database.system(async (tx) => {
    const tables = await queryRows<{ table_name: string }>(
      tx,
      sql`select table_name from information_schema.columns
           where table_schema = 'public' and column_name = 'demo' and data_type = 'boolean' order by table_name`,
    );
    const found: string[] = [];
    const marker = await tx.select().from(demoSeed).limit(1);
    if (marker.length > 0) found.push('demo_seed');
    for (const { table_name } of tables) {
      const rows = await queryRows<{ present: boolean }>(tx, sql`select exists(select 1 from ${sql.identifier(table_name)} where demo) as present`);
      if (rows[0]?.present) found.push(table_name);
    }
    return found;
  });
}
