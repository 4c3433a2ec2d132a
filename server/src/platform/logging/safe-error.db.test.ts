import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test-support/builders.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { users } from '../auth/schema.ts';
import type { Database } from '../db/database.ts';
import { safeError } from './logger.ts';

/** The errors the real drivers throw (PGlite, node-postgres) — none of their values reach a log. */
describe('safeError with real database errors', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function failure(work: () => Promise<unknown>): Promise<unknown> {
    try {
      await work();
    } catch (error) {
      return error;
    }
    throw new Error('the query was expected to fail');
  }

  it('hides the duplicate value of a unique violation', async () => {
    const existing = await createUser(database, { email: 'anna.andersson@example.se' });
    const error = await failure(() =>
      database.system((tx) => tx.insert(users).values({ tenantId: existing.tenantId, email: existing.email, displayName: 'Anna Andersson' })),
    );
    const logged = safeError(error);
    expect(logged).toMatchObject({ sqlState: '23505' });
    expect(JSON.stringify(logged)).not.toContain('anna.andersson');
    expect(JSON.stringify(logged)).not.toContain('Anna Andersson');
  });

  it('hides the value of a failed conversion', async () => {
    const error = await failure(() => database.system((tx) => tx.select().from(users).where(eq(users.id, '19850101-1234'))));
    const logged = safeError(error);
    expect(logged).toMatchObject({ sqlState: '22P02' });
    expect(JSON.stringify(logged)).not.toContain('19850101-1234');
  });

  it('hides the text of a raw query that failed', async () => {
    const error = await failure(() => database.system((tx) => tx.execute(sql`select ${'Räksmörgås hemlig'}::int`)));
    expect(JSON.stringify(safeError(error))).not.toContain('hemlig');
  });
});
