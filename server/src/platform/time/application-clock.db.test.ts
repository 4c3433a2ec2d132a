import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { queryRows } from '../db/database.ts';
import { enqueueJob } from '../jobs/job-runner.ts';

/**
 * ADR 0019: the application's clock is the only source of time. These tests hold the clock years
 * away from the machine's, so anything in the schema or the transaction set-up that still reads the
 * database's own clock shows up as a different instant.
 */
const FAR_AWAY = '2031-03-01T08:15:00.000Z';

/** The database's own clock functions, as PostgreSQL prints them back in defaults and bodies. */
const DATABASE_CLOCK =
  /\b(now\(\)|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\)|current_timestamp|current_date|localtimestamp|current_time|localtime)\b/i;

describe('one source of time (ADR 0019)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ now: FAR_AWAY });
  });
  afterAll(() => database.close());

  it('app_now() is the clock of the transaction that asks, for the application role and the owner alike', async () => {
    const asOwner = await database.system((tx) => queryRows<{ now: string }>(tx, sql`select app_now()::text as now`));
    const asApp = await database.transaction({ role: 'upptack_public', settings: {} }, (tx) =>
      queryRows<{ now: string }>(tx, sql`select to_char(app_now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`),
    );
    expect(new Date(asOwner[0]!.now).toISOString()).toBe(FAR_AWAY);
    expect(asApp[0]!.now).toBe(FAR_AWAY);
    database.clock.advance(90_000);
    const later = await database.system((tx) => queryRows<{ now: string }>(tx, sql`select app_now()::text as now`));
    expect(new Date(later[0]!.now).getTime() - new Date(FAR_AWAY).getTime()).toBe(90_000);
    database.clock.set(FAR_AWAY);
  });

  it('a row stamped by a column default carries the application clock, and a job enqueued now is due now', async () => {
    const id = await database.system((tx) => enqueueJob(tx, { kind: 'test.clock', tenantId: null, createdBy: null }));
    const [row] = await database.system((tx) =>
      queryRows<{ created: boolean; due: boolean }>(
        tx,
        sql`select created_at = ${FAR_AWAY}::timestamptz as created, run_after <= ${FAR_AWAY}::timestamptz as due from jobs where id = ${id}`,
      ),
    );
    expect(row).toEqual({ created: true, due: true });
  });

  it("no column default in the schema reads the database clock (besides the migrator's own bookkeeping)", async () => {
    const defaults = await database.system((tx) =>
      queryRows<{ column: string; expression: string }>(
        tx,
        sql`select c.relname || '.' || a.attname as column, pg_get_expr(d.adbin, d.adrelid) as expression
              from pg_attrdef d
              join pg_class c on c.oid = d.adrelid
              join pg_namespace n on n.oid = c.relnamespace
              join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
             where n.nspname = 'public' and c.relname <> 'schema_migrations'`,
      ),
    );
    expect(defaults.some((row) => row.expression === 'app_now()')).toBe(true);
    expect(defaults.filter((row) => DATABASE_CLOCK.test(row.expression))).toEqual([]);
  });

  it('no function, view or row-level policy reads the database clock (besides app_now itself)', async () => {
    const readers = await database.system((tx) =>
      queryRows<{ name: string; body: string }>(
        tx,
        sql`select 'function ' || p.proname as name, p.prosrc as body
              from pg_proc p join pg_namespace n on n.oid = p.pronamespace
             where n.nspname = 'public' and p.proname <> 'app_now'
            union all
            select 'view ' || viewname, definition from pg_views where schemaname = 'public'
            union all
            select 'policy ' || tablename || '.' || policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '')
              from pg_policies where schemaname = 'public'`,
      ),
    );
    expect(readers.length).toBeGreaterThan(50);
    expect(readers.filter((row) => DATABASE_CLOCK.test(row.body)).map((row) => row.name)).toEqual([]);
  });
});
