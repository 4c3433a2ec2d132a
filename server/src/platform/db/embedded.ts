import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types, type QueryOptions, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../time/clock.ts';
import { applyAccess, ownerSettingsSql, systemSettingsSql, type Database, type Tx } from './database.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';

/** Contrib extensions the migrations use; PGlite loads them only when asked to. */
export const EXTENSIONS = { pg_trgm, unaccent };

const asText = (value: string) => value;
/**
 * The type parsers drizzle hands PGlite with every query: dates, times and intervals stay text,
 * as node-postgres returns them under the same drizzle configuration.
 */
export const DRIZZLE_PARSERS = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, asText]),
);

type Queryable = { query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> };
const withoutQueryParsers = (client: Queryable): Queryable => ({
  query: (text, params, options) => client.query(text, params, options && { ...options, parsers: undefined }),
});

/**
 * What drizzle drives. PGlite merges a query's own parsers into a copy of its whole parser table
 * on every query — about 0.1 ms, a tenth of an encounter write (docs/benchmarks.md) — so the
 * instance takes drizzle's parsers once and this adapter drops the per-query copy.
 */
function drizzleClient(pglite: PGlite): PGlite {
  Object.assign(pglite.parsers, DRIZZLE_PARSERS);
  const client = {
    ...withoutQueryParsers(pglite),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => pglite.transaction((tx) => work(withoutQueryParsers(tx))),
  };
  // drizzle uses only `query` and `transaction`; its type asks for the whole class.
  return client as unknown as PGlite;
}

export type EmbeddedOptions = {
  /** Directory for the database files; omitted = in memory (tests). */
  dataDir?: string;
  /** A closed PGlite data directory to copy when `dataDir` holds no database yet (the demo template). */
  templateDir?: string;
  /** The source of time (ADR 0019); the system clock unless a test or tool fixes it. */
  clock?: Clock;
};

export function embeddedDatabaseExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));
}

/**
 * Creates `<dataDir>/pgdata` so that it either exists complete or not at all: the database is
 * built in `pgdata.partial` (a copy of the template, or initdb) and renamed into place. A process
 * killed half-way leaves only a `.partial` directory, which the next start throws away.
 */
async function initialiseDataDir(dataDir: string, templateDir: string | undefined): Promise<void> {
  const target = path.join(dataDir, 'pgdata');
  const partial = path.join(dataDir, 'pgdata.partial');
  fs.rmSync(partial, { recursive: true, force: true });
  if (templateDir) {
    await fs.promises.cp(templateDir, partial, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
  } else {
    fs.mkdirSync(partial);
    const pglite = await PGlite.create({ dataDir: partial, extensions: EXTENSIONS });
    await pglite.close();
  }
  fs.renameSync(partial, target);
}

export async function openEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<Database & { pglite: PGlite }> {
  let lock: DataDirLock | undefined;
  let pgDataDir: string | undefined;
  if (options.dataDir) {
    lock = lockDataDir(options.dataDir);
    pgDataDir = path.join(options.dataDir, 'pgdata');
  }
  try {
    if (options.dataDir && !embeddedDatabaseExists(options.dataDir)) {
      await initialiseDataDir(options.dataDir, options.templateDir);
    }
    const pglite = await PGlite.create({ ...(pgDataDir ? { dataDir: pgDataDir } : {}), extensions: EXTENSIONS });
    const database = wrapPglite(pglite, () => lock?.release(), options.clock);
    return options.dataDir ? { ...database, dataDir: options.dataDir } : database;
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Wraps an open PGlite instance (also a clone or a test copy) as a Database. */
export function wrapPglite(pglite: PGlite, onClose: () => void = () => {}, clock: Clock = systemClock): Database & { pglite: PGlite } {
  const orm = drizzle(drizzleClient(pglite));
  return {
    kind: 'embedded',
    clock,
    pglite,
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
    // PGlite's one user is a superuser: the owner of everything it holds.
    canMigrate: true,
    owner(work) {
      return orm.transaction(async (tx) => {
        await tx.execute(sql.raw(ownerSettingsSql(clock)));
        return work(tx as unknown as Tx);
      });
    },
    async runScript(script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(`${ownerSettingsSql(clock)};\n${script}`);
      });
    },
    async ping() {
      await orm.execute(sql`select 1`);
    },
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        onClose();
      }
    },
  };
}

/** Opens a PGlite instance from a dumped data directory, in memory (test databases). */
export async function openEmbeddedFromDump(dump: Blob, clock: Clock = systemClock): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({ loadDataDir: dump, extensions: EXTENSIONS });
  return wrapPglite(pglite, () => {}, clock);
}
