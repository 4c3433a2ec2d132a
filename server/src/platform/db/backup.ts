import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { CHAIN_HEAD_SQL, chainHeadOf, findCheckpoint, signCheckpoint, type AuditCheckpoint } from '../audit/checkpoint.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { EXTENSIONS, embeddedDatabaseExists, openEmbeddedDatabase } from './embedded.ts';
import { loadMigrations } from './migrator.ts';

/**
 * Backup and restore of the embedded database (`npm run admin -- backup|restore`, ADR 0002). A
 * backup is PGlite's own dump of the data directory (a gzipped tar), taken while this process
 * holds the data-directory lock, so no server writes meanwhile. A PostgreSQL server is backed up
 * with pg_dump/pg_restore instead (docs/operations.md).
 *
 * Each backup carries a signed audit checkpoint (platform/audit/checkpoint.ts) in its gzip
 * header's comment field (RFC 1952 FCOMMENT), which every gzip reader skips: a backup kept
 * elsewhere then proves how long the audit trail was when it was taken.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export type BackupSummary = { file: string; bytes: number; migrations: string[]; checkpoint: AuditCheckpoint };

/** Writes a backup of the database in `dataDir` to `file` (refused when the file exists). */
export async function backupEmbedded(dataDir: string, file: string, audit: { key: Buffer; now: Date }): Promise<BackupSummary> {
  if (!embeddedDatabaseExists(dataDir)) throw new BackupError(`There is no database in ${dataDir} to back up.`);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another file name.`);
  const database = await openEmbeddedDatabase({ dataDir });
  try {
    const migrations = await appliedMigrations(database.pglite);
    const head = await database.pglite.query<{ seq: string | number; hash: string }>(CHAIN_HEAD_SQL);
    const checkpoint = signCheckpoint(audit.key, chainHeadOf(head.rows[0]), audit.now);
    const dump = withComment(Buffer.from(await (await database.pglite.dumpDataDir('gzip')).arrayBuffer()), JSON.stringify(checkpoint));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside the target and renamed: a half-written file never looks like a backup.
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, migrations, checkpoint };
  } finally {
    await database.close();
  }
}

const GZIP_FEXTRA = 0x04;
const GZIP_FNAME = 0x08;
const GZIP_FCOMMENT = 0x10;
const GZIP_FHCRC = 0x02;

/** Where a gzip member's optional comment goes (after the extra field and the name), and the flags. */
function commentPosition(gzip: Buffer): { flags: number; position: number } {
  if (gzip[0] !== 0x1f || gzip[1] !== 0x8b) throw new BackupError('The database dump is not gzip.');
  const flags = gzip[3]!;
  let position = 10;
  if (flags & GZIP_FEXTRA) position += 2 + gzip.readUInt16LE(position);
  if (flags & GZIP_FNAME) position = gzip.indexOf(0, position) + 1;
  return { flags, position };
}

function withComment(gzip: Buffer, comment: string): Buffer {
  const { flags, position } = commentPosition(gzip);
  // PGlite writes neither; a header CRC would have to be recomputed, an old comment replaced.
  if (flags & (GZIP_FCOMMENT | GZIP_FHCRC)) throw new BackupError('The database dump already has a gzip comment or header checksum.');
  const header = Buffer.from(gzip.subarray(0, position));
  header[3] = flags | GZIP_FCOMMENT;
  return Buffer.concat([header, Buffer.from(comment, 'latin1'), Buffer.from([0]), gzip.subarray(position)]);
}

/** The audit checkpoint a backup carries, or undefined for a backup taken before they existed. */
export function backupCheckpoint(file: string): AuditCheckpoint | undefined {
  const bytes = fs.readFileSync(file);
  const { flags, position } = commentPosition(bytes);
  if (!(flags & GZIP_FCOMMENT)) return undefined;
  return findCheckpoint(bytes.subarray(position, bytes.indexOf(0, position)).toString('latin1'));
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
