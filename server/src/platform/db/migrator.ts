import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';
import { sql } from 'drizzle-orm';
import { queryRows, sqlState, type Database } from './database.ts';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'server', 'migrations');

export type Migration = { id: string; script: string; checksum: string };

export class MigrationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationStateError';
  }
}

/** The bookkeeping row already exists: another instance applied this migration meanwhile. */
function appliedMeanwhile(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'schema_migrations_pkey') return true;
  }
  return false;
}

/** Reads `server/migrations/NNNN_name.sql` in name order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        id: file.replace(/\.sql$/, ''),
        script,
        checksum: crypto.createHash('sha256').update(script).digest('hex'),
      };
    });
}

type AppliedMigration = { id: string; checksum: string };

/**
 * The ids of `applied` after checking them against `migrations`: a database that has applied a
 * migration this code does not know — or a known one with other content — is refused.
 */
function checkApplied(applied: AppliedMigration[], migrations: Migration[]): string[] {
  const known = new Map(migrations.map((migration) => [migration.id, migration]));
  for (const row of applied) {
    const migration = known.get(row.id);
    if (!migration) {
      throw new MigrationStateError(
        `The database has migration ${row.id}, which this version of Upptäck does not know: ` + 'the database belongs to a newer version. Refusing to start.',
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationStateError(`Migration ${row.id} was changed after it was applied. Migrations are forward-only: add a new one.`);
    }
  }
  return applied.map((row) => row.id);
}

/**
 * Forward-only migrations (ADR 0002): each pending file runs in its own transaction together with
 * its bookkeeping row. A database that has applied a migration this code does not know — or a
 * known one with other content — is refused: it belongs to a newer or a different version.
 */
export async function migrate(database: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  await database.runScript(`
    create table if not exists schema_migrations (
      id text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    );`);
  const applied = await database.owner((tx) => queryRows<AppliedMigration>(tx, sql`select id, checksum from schema_migrations order by id`));
  const done = new Set(checkApplied(applied, migrations));
  const newlyApplied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    // Several instances may start at once against one PostgreSQL server: they queue on the lock,
    // and the bookkeeping row goes first, so whoever comes second fails on it before running
    // the script again — and moves on, the migration being applied. Ids and checksums are
    // [0-9a-z_] by construction (file names, hex digests).
    const lock = database.kind === 'postgresql' ? 'select pg_advisory_xact_lock(726200001);\n' : '';
    try {
      await database.runScript(`${lock}insert into schema_migrations (id, checksum) values ('${migration.id}', '${migration.checksum}');\n${migration.script}`);
    } catch (error) {
      if (appliedMeanwhile(error)) continue;
      throw error;
    }
    newlyApplied.push(migration.id);
  }
  return newlyApplied;
}

/**
 * The migrations among `ids` the database has not applied. Start-up applies them all, so one is
 * pending only when the database was replaced underneath a running process (a restore, a failover
 * to a stale replica): readiness reports it. Reads bookkeeping only, as the system role.
 */
export async function pendingMigrations(database: Database, ids: readonly string[]): Promise<string[]> {
  const applied = await database.system((tx) => queryRows<{ id: string }>(tx, sql`select id from schema_migrations`));
  const done = new Set(applied.map((row) => row.id));
  return ids.filter((id) => !done.has(id));
}

/** The command that applies migrations when the app itself may not (ADR 0081). */
const MIGRATE_COMMAND = 'npm run admin -- migrate';

/**
 * What start-up (and every admin command) does with migrations: applies them when the database has
 * the owner's connection; otherwise — the runtime role alone — only checks, and refuses to go on
 * while any is pending, naming the command that applies them. The runtime role cannot read the
 * bookkeeping before migration 0095 grants it, nor a table that does not exist yet: both mean
 * that this version's migrations have not run.
 */
export async function migrateOrRefuse(database: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  if (database.canMigrate) return migrate(database, migrations);
  let applied: AppliedMigration[];
  try {
    applied = await database.system((tx) => queryRows<AppliedMigration>(tx, sql`select id, checksum from schema_migrations order by id`));
  } catch (error) {
    // 42P01 no such table, 42501 permission denied, 22023 no such role (upptack_system).
    if (!['42P01', '42501', '22023'].includes(sqlState(error) ?? '')) throw error;
    applied = [];
  }
  const done = new Set(checkApplied(applied, migrations));
  const pending = migrations.filter((migration) => !done.has(migration.id)).map((migration) => migration.id);
  if (pending.length > 0) {
    throw new MigrationStateError(
      `${pending.length} database migration(s) are pending (${pending.join(', ')}), and DATABASE_URL names a role that may not ` +
        `apply them. Apply them with \`${MIGRATE_COMMAND}\`, with DATABASE_MIGRATION_URL naming the database owner, then start again.`,
    );
  }
  return [];
}
