import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../time/clock.ts';
import { applyAccess, systemSettingsSql, type Database, type Tx } from './database.ts';

export type PostgresOptions = { url: string; poolSize: number; clock?: Clock };

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // Europe/Stockholm is applied explicitly where local dates matter; sessions speak UTC.
    options: '-c TimeZone=UTC',
  });
  // Errors on idle clients (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
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
      try {
        await client.query('begin');
        // Without parameters node-postgres uses the simple protocol, which runs several statements.
        await client.query(`${systemSettingsSql(clock)};\n${script}`);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
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
