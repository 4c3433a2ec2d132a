import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import { EXTENSIONS, embeddedDatabaseExists, openEmbeddedDatabase } from './embedded.ts';
import { loadMigrations } from './migrator.ts';

/**
 * Backup and restore of the embedded database (`npm run admin -- backup|restore`, ADR 0002). A
 * backup is PGlite's own dump of the data directory (a gzipped tar), taken while this process
 * holds the data-directory lock, so no server writes meanwhile. A PostgreSQL server is backed up
 * with pg_dump/pg_restore instead (docs/operations.md).
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export type BackupSummary = { file: string; bytes: number; migrations: string[] };

/** Writes a backup of the database in `dataDir` to `file` (refused when the file exists). */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupSummary> {
  if (!embeddedDatabaseExists(dataDir)) throw new BackupError(`There is no database in ${dataDir} to back up.`);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another file name.`);
  const database = await openEmbeddedDatabase({ dataDir });
  try {
    const migrations = await appliedMigrations(database.pglite);
    const dump = await database.pglite.dumpDataDir('gzip');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside the target and renamed: a half-written file never looks like a backup.
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, migrations };
  } finally {
    await database.close();
  }
}

async function appliedMigrations(pglite: PGlite): Promise<string[]> {
  const result = await pglite.query<{ id: string }>('select id from schema_migrations order by id');
  return result.rows.map((row) => row.id);
}

export type RestoreSummary = { dataDir: string; migrations: string[]; previous: string | undefined };

/**
 * Restores `file` into `dataDir`. The backup is opened and checked in memory first: it must be an
 * Upptäck database whose migrations this code knows. A database already in `dataDir` is only
 * replaced with `force`, and then kept beside it as `pgdata.before-restore-<time>`.
 */
export async function restoreEmbedded(file: string, dataDir: string, options: { force: boolean; now: Date }): Promise<RestoreSummary> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const dump = new Blob([fs.readFileSync(file)]);
  const migrations = await checkBackup(file, dump);

  const existing = embeddedDatabaseExists(dataDir);
  if (existing && !options.force) {
    throw new BackupError(`${dataDir} already holds a database. Add --force to replace it (it is kept beside the restored one).`);
  }
  // The data-directory lock: a server running on this directory makes the restore refuse.
  const lock = lockDataDir(dataDir);
  try {
    const target = path.join(dataDir, 'pgdata');
    const partial = path.join(dataDir, 'pgdata.restoring');
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    const restored = await PGlite.create({ dataDir: partial, loadDataDir: dump, extensions: EXTENSIONS });
    await restored.close();
    let previous: string | undefined;
    if (existing) {
      previous = path.join(dataDir, `pgdata.before-restore-${options.now.toISOString().replace(/[:.]/g, '-')}`);
      fs.renameSync(target, previous);
    }
    fs.renameSync(partial, target);
    return { dataDir, migrations, previous };
  } finally {
    lock.release();
  }
}

/** A gzipped tar: checked here because PGlite reports a corrupt archive outside its promise. */
function isGzippedTar(bytes: Buffer): boolean {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return false;
  try {
    return zlib.gunzipSync(bytes).subarray(257, 262).toString('latin1') === 'ustar';
  } catch {
    return false;
  }
}

async function checkBackup(file: string, dump: Blob): Promise<string[]> {
  if (!isGzippedTar(Buffer.from(await dump.arrayBuffer()))) throw new BackupError(`${file} is not a backup of an embedded Upptäck database.`);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ loadDataDir: dump, extensions: EXTENSIONS });
  } catch {
    throw new BackupError(`${file} is not a backup of an embedded Upptäck database.`);
  }
  try {
    const migrations = await appliedMigrations(pglite).catch(() => {
      throw new BackupError(`${file} is a database, but not an Upptäck database.`);
    });
    const known = new Set(loadMigrations().map((migration) => migration.id));
    const unknown = migrations.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new BackupError(`${file} comes from a newer version of Upptäck (migration ${unknown.join(', ')}). Restore it with that version.`);
    }
    return migrations;
  } finally {
    await pglite.close();
  }
}
