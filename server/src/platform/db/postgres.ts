import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../../config.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { applyAccess, NoOwnerConnectionError, ownerSettingsSql, queryRows, SYSTEM_ROLE, systemSettingsSql, type Database, type Tx } from './database.ts';
import { databaseFault } from './faults.ts';

export type PostgresOptions = {
  url: string;
  /** The database owner's URL for migrations (DATABASE_MIGRATION_URL) when `url` is the runtime role. */
  migrationUrl?: string | undefined;
  /**
   * The system role's own login (DATABASE_SYSTEM_URL, `upptack_system`) for `system()` when `url`
   * is the runtime role, which is no member of the system role (ADR 0086).
   */
  systemUrl?: string | undefined;
  poolSize: number;
  timeouts?: DatabaseTimeouts;
  clock?: Clock;
};

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

function createPool(url: string, max: number, timeouts: DatabaseTimeouts): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
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
  return pool;
}

/** The runtime login may switch to the system role: left from ADR 0081's set-up (ADR 0086). */
export class RuntimeIsSystemMemberError extends Error {
  constructor() {
    super(
      'DATABASE_URL names a role that may switch to upptack_system, so a statement injected into a request could reach every row. ' +
        'Run the SQL of `npm run admin -- print-database-setup` again (it revokes that membership) and set DATABASE_SYSTEM_URL to the upptack_system login.',
    );
    this.name = 'RuntimeIsSystemMemberError';
  }
}

/** The runtime login without a connection for system work (ADR 0086). */
export class NoSystemConnectionError extends Error {
  constructor() {
    super(
      'DATABASE_URL names a role that is neither the database owner nor a superuser, and DATABASE_SYSTEM_URL is not set: ' +
        'authentication, jobs and maintenance run as upptack_system through its own login. Set DATABASE_SYSTEM_URL (see `npm run admin -- print-database-setup`).',
    );
    this.name = 'NoSystemConnectionError';
  }
}

/** Whether the login role may switch to the system role (SET ROLE), and whether it is that role. */
async function systemReach(orm: ReturnType<typeof drizzle>): Promise<{ member: boolean; is: boolean }> {
  const [row] = await queryRows<{ member: boolean; is: boolean }>(
    orm as unknown as Tx,
    sql`select coalesce(pg_has_role(current_user, r.oid, 'member'), false) as member, current_user = ${SYSTEM_ROLE} as is
          from pg_roles r where r.rolname = ${SYSTEM_ROLE}`,
  );
  return { member: row?.member === true, is: row?.is === true };
}

/** Whether the login role may migrate: a superuser, or the database owner (or a member of it). */
async function isOwner(orm: ReturnType<typeof drizzle>): Promise<boolean> {
  const [row] = await queryRows<{ owner: boolean }>(
    orm as unknown as Tx,
    sql`select r.rolsuper or pg_has_role(current_user, d.datdba, 'usage') as owner
          from pg_roles r, pg_database d
         where r.rolname = current_user and d.datname = current_database()`,
  );
  return row?.owner === true;
}

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database & { pool: pg.Pool }> {
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  const pool = createPool(options.url, options.poolSize, timeouts);
  const orm = drizzle(pool);
  const clock = options.clock ?? systemClock;
  // The owner's connections serve migrations only (at start-up, or `npm run admin -- migrate`);
  // the pool closes them once they have been idle for ten seconds.
  let ownerPool: pg.Pool | undefined;
  // System work (authentication, sessions, jobs, maintenance) runs on the system role's own login
  // when the app logs in as the runtime role, which may not switch to it (ADR 0086); a login that
  // owns the database (development, one URL) switches to the system role itself.
  let systemPool: pg.Pool = pool;
  let loginIsOwner = false;
  try {
    // Fails fast when the server cannot be reached.
    loginIsOwner = await isOwner(orm);
    ownerPool = options.migrationUrl ? createPool(options.migrationUrl, options.poolSize, timeouts) : loginIsOwner ? pool : undefined;
    if (!loginIsOwner) {
      // Before migration 0095 there is no system role yet: nothing to refuse.
      if ((await systemReach(orm)).member) throw new RuntimeIsSystemMemberError();
      if (options.systemUrl) {
        systemPool = createPool(options.systemUrl, options.poolSize, timeouts);
        const reach = await systemReach(drizzle(systemPool)).catch(async (error: unknown) => {
          await systemPool.end();
          throw error;
        });
        if (!reach.is) {
          await systemPool.end();
          throw new Error(`DATABASE_SYSTEM_URL must log in as ${SYSTEM_ROLE}`);
        }
      }
    } else if (options.systemUrl) {
      systemPool = createPool(options.systemUrl, options.poolSize, timeouts);
    }
  } catch (error) {
    if (ownerPool && ownerPool !== pool) await ownerPool.end();
    await pool.end();
    throw error;
  }
  const ownerOrm = ownerPool && (ownerPool === pool ? orm : drizzle(ownerPool));
  const systemOrm = systemPool === pool ? orm : drizzle(systemPool);
  const database: Database & { pool: pg.Pool } = {
    kind: 'postgresql',
    clock,
    pool,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: options.poolSize }),
    canMigrate: ownerPool !== undefined,
    transaction(access, work) {
      return orm.transaction(async (tx) => {
        await applyAccess(tx as unknown as Tx, access, clock);
        return work(tx as unknown as Tx);
      });
    },
    system(work) {
      // The runtime login may not switch to the system role: without DATABASE_SYSTEM_URL only
      // migrations work (`npm run admin -- migrate`); start-up stops at its first system work.
      if (systemPool === pool && !loginIsOwner) return Promise.reject(new NoSystemConnectionError());
      return systemOrm.transaction(async (tx) => {
        await tx.execute(sql.raw(systemSettingsSql(clock)));
        return work(tx as unknown as Tx);
      });
    },
    owner(work) {
      if (!ownerOrm) return Promise.reject(new NoOwnerConnectionError());
      return ownerOrm.transaction(async (tx) => {
        await tx.execute(sql.raw(ownerSettingsSql(clock)));
        return work(tx as unknown as Tx);
      });
    },
    async runScript(script) {
      if (!ownerPool) throw new NoOwnerConnectionError();
      const client = await ownerPool.connect();
      let broken: Error | undefined;
      try {
        // Migrations run once, at start-up, and may rightly take long or wait for another
        // instance's migration: the request timeouts do not apply to them.
        await client.query('begin; set local statement_timeout = 0; set local lock_timeout = 0');
        // Without parameters node-postgres uses the simple protocol, which runs several statements.
        await client.query(`${ownerSettingsSql(clock)};\n${script}`);
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
      if (ownerPool && ownerPool !== pool) await ownerPool.end();
      if (systemPool !== pool) await systemPool.end();
      await pool.end();
    },
  };
  return database;
}
