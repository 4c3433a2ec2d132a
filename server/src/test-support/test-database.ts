import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { openEmbeddedFromDump } from '../platform/db/embedded.ts';
import { openPostgresDatabase } from '../platform/db/postgres.ts';
import { OWNER_ROLE, RUNTIME_ROLE, SYSTEM_LOGIN_ROLE, urlFor } from './postgres-roles.ts';
import { testClock, type TestClock } from './test-clock.ts';

export type TestDatabase = Database & { clock: TestClock };

/**
 * A fresh, migrated database for one test file: a PGlite instance loaded from the run's
 * template dump, or a PostgreSQL database copied from the template database, owned by the owner
 * role and used as the runtime role (postgres-roles.ts). Its clock is the
 * controllable test clock, at `now` or the run's test date (test-clock.ts).
 */
export async function createTestDatabase(options: { now?: string } = {}): Promise<TestDatabase> {
  const clock = testClock(options.now);
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = inject('postgresTemplate');
    const name = `upptack_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} owner ${OWNER_ROLE} template ${template}`);
    await admin.end();
    const database = await openPostgresDatabase({
      url: urlFor(url, name, RUNTIME_ROLE),
      migrationUrl: urlFor(url, name, OWNER_ROLE),
      systemUrl: urlFor(url, name, SYSTEM_LOGIN_ROLE),
      poolSize: 4,
      clock,
    });
    return {
      ...database,
      clock,
      async close() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const dump = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const database = await openEmbeddedFromDump(dump, clock);
  return { ...database, clock };
}
