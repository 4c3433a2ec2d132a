import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../../config.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { applyAccess, systemSettingsSql, type Database, type Tx } from './database.ts';
import { databaseFault } from './faults.ts';

export type PostgresOptions = { url: string; poolSize: number; timeouts?: DatabaseTimeouts; clock?: Clock };

/**
 * The session settings every connection starts with (the `options` startup parameter, so they
 * hold from the first statement and need no round trip). Europe/Stockholm is applied explicitly
 * where local dates matter; sessions speak UTC.
 */
export function sessionOptions(timeouts: DatabaseTimeouts): string {
  return [
    'TimeZone=UTC',
    `statement_timeout=${timeouts.statementMs}`,
    `lock_timeout=${timeouts.lockMs}`,
    `idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
  ]
    .map((setting) => `-c ${setting}`)
    .join(' ');
}

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database & { pool: pg.Pool }> {
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // Also bounds the wait for a free connection when every one is busy.
    connectionTimeoutMillis: timeouts.connectMs,
    options: sessionOptions(timeouts),
  });
  // A server restart or fast stop ends every session with an 'error' event on its client. The
  // pool listens on idle clients only, and an 'error' event nobody listens to ends the process:
  // every client listens for as long as it lives. The query that was running fails on its own,
  // and the pool discards a client whose connection broke when it is released (it is no longer
  // queryable), so the next request connects afresh.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const orm = drizzle(pool);
  const clock = options.clock ?? systemClock;
  const database: Database & { pool: pg.Pool } = {
    kind: 'postgresql',
    clock,
    pool,
    transaction(access, work) {
      return orm.transaction(async (tx) => {
        await applyAccess(tx as unknown as Tx, access, clock);
        return work(tx as unknown as Tx);
      });
    },
    system(work) {
      return orm.transaction(async (tx) => {
        await tx.execute(sql.raw(systemSettingsSql(clock)));
        return work(tx as unknown as Tx);
      });
    },
    async runScript(script) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Migrations run once, at start-up, and may rightly take long or wait for another
        // instance's migration: the request timeouts do not apply to them.
        await client.query('begin; set local statement_timeout = 0; set local lock_timeout = 0');
        // Without parameters node-postgres uses the simple protocol, which runs several statements.
        await client.query(`${systemSettingsSql(clock)};\n${script}`);
        await client.query('commit');
      } catch (error) {
        if (databaseFault(error) === 'connection') broken = error as Error;
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        // Releasing with the error makes the pool close the client instead of reusing it.
        client.release(broken);
      }
    },
    async ping() {
      await orm.execute(sql`select 1`);
    },
    async close() {
      await pool.end();
    },
  };
  await database.ping();
  return database;
}
