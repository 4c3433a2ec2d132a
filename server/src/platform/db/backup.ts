import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { CHAIN_HEAD_SQL, chainHeadOf, findCheckpoint, signCheckpoint, type AuditCheckpoint } from '../audit/checkpoint.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { EXTENSIONS, embeddedDatabaseExists } from './embedded.ts';
import { TarError, tarDirectory, untarInto } from './tar.ts';
import { loadMigrations } from './migrator.ts';

/**
 * Backup and restore of the embedded database (`npm run admin -- backup|restore`, ADR 0002). A
 * backup is a gzipped tar of the data directory after a clean shutdown, taken while this process
 * holds the data-directory lock, so no server writes meanwhile; it is streamed both ways, so memory
 * stays bounded for any size (ADR 0106; before, PGlite's in-memory dump took 1.2 GB for 66 MB). A PostgreSQL server is backed up
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
  // The lock is held from before the database opens until the archive is complete: no server
  // can start on the directory meanwhile.
  const lock = lockDataDir(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    const pglite = await PGlite.create({ dataDir: pgdata, extensions: EXTENSIONS });
    let migrations: string[];
    let checkpoint: AuditCheckpoint;
    try {
      migrations = await appliedMigrations(pglite);
      const head = await pglite.query<{ seq: string | number; hash: string }>(CHAIN_HEAD_SQL);
      checkpoint = signCheckpoint(audit.key, chainHeadOf(head.rows[0]), audit.now);
    } finally {
      // A clean shutdown: the directory on disk is then complete and consistent, as a template copy is.
      await pglite.close();
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside the target and renamed: a half-written file never looks like a backup.
    const partial = `${file}.partial`;
    fs.rmSync(partial, { force: true });
    try {
      await writeGzipWithComment(Readable.from(tarDirectory(pgdata)), partial, JSON.stringify(checkpoint));
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, migrations, checkpoint };
  } finally {
    lock.release();
  }
}

/** How much of a backup's start is read for its header and comment. */
const HEADER_READ_BYTES = 64 * 1024;
const GZIP_FEXTRA = 0x04;
const GZIP_FNAME = 0x08;
const GZIP_FCOMMENT = 0x10;

/**
 * Streams `source` into `file` as one gzip member whose header carries `comment` (RFC 1952
 * FCOMMENT): the header, the raw deflate stream, then CRC-32 and length of the uncompressed data.
 * Memory stays at zlib's window and one chunk, whatever the size (issue 18 item 10).
 */
async function writeGzipWithComment(source: Readable, file: string, comment: string): Promise<void> {
  let crc = 0;
  let length = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = zlib.crc32(chunk, crc);
      length = (length + chunk.length) % 2 ** 32;
      done(null, chunk);
    },
  });
  // ID1 ID2, deflate, flags: FCOMMENT, no time, no extra flags, OS unknown.
  const header = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, GZIP_FCOMMENT, 0, 0, 0, 0, 0, 255]), Buffer.from(comment, 'latin1'), Buffer.from([0])]);
  await pipeline(
    source,
    measure,
    zlib.createDeflateRaw({ level: 6 }),
    async function* (deflated: AsyncIterable<Buffer>) {
      yield header;
      for await (const chunk of deflated) yield chunk;
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(crc >>> 0, 0);
      trailer.writeUInt32LE(length, 4);
      yield trailer;
    },
    fs.createWriteStream(file, { flags: 'wx' }),
  );
}

/** Where a gzip member's optional comment goes (after the extra field and the name), and the flags. */
function commentPosition(gzip: Buffer): { flags: number; position: number } {
  if (gzip[0] !== 0x1f || gzip[1] !== 0x8b) throw new BackupError('The database dump is not gzip.');
  const flags = gzip[3]!;
  let position = 10;
  if (flags & GZIP_FEXTRA) position += 2 + gzip.readUInt16LE(position);
  if (flags & GZIP_FNAME) position = gzip.indexOf(0, position) + 1;
  return { flags, position };
}

/** The audit checkpoint a backup carries, or undefined for a backup taken before they existed. */
export function backupCheckpoint(file: string): AuditCheckpoint | undefined {
  // The header is all that is needed (the checkpoint is a few hundred bytes): never the whole file.
  const handle = fs.openSync(file, 'r');
  const head = Buffer.alloc(HEADER_READ_BYTES);
  let bytes: Buffer;
  try {
    bytes = head.subarray(0, fs.readSync(handle, head, 0, head.length, 0));
  } finally {
    fs.closeSync(handle);
  }
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
 * Restores `file` into `dataDir`. The archive is unpacked, streamed, beside the database
 * (`pgdata.restoring`) and opened there to check it: it must be an Upptäck database whose
 * migrations this code knows. A database already in `dataDir` is only replaced with `force`, and
 * then kept beside it as `pgdata.before-restore-<time>`. Reads old backups (PGlite's own dumps)
 * and new ones alike.
 */
export async function restoreEmbedded(file: string, dataDir: string, options: { force: boolean; now: Date }): Promise<RestoreSummary> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const existing = embeddedDatabaseExists(dataDir);
  if (existing && !options.force) {
    throw new BackupError(`${dataDir} already holds a database. Add --force to replace it (it is kept beside the restored one).`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  // The data-directory lock: a server running on this directory makes the restore refuse.
  const lock = lockDataDir(dataDir);
  const partial = path.join(dataDir, 'pgdata.restoring');
  try {
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    const migrations = await unpackAndCheck(file, partial);
    const target = path.join(dataDir, 'pgdata');
    let previous: string | undefined;
    if (existing) {
      previous = path.join(dataDir, `pgdata.before-restore-${options.now.toISOString().replace(/[:.]/g, '-')}`);
      fs.renameSync(target, previous);
    }
    fs.renameSync(partial, target);
    return { dataDir, migrations, previous };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}

async function unpackAndCheck(file: string, partial: string): Promise<string[]> {
  const notBackup = () => new BackupError(`${file} is not a backup of an embedded Upptäck database.`);
  try {
    await untarInto(fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(zlib.createGunzip()), partial);
  } catch (error) {
    if (error instanceof TarError || (error as { code?: unknown }).code?.toString().startsWith('Z_')) throw notBackup();
    throw error;
  }
  if (!fs.existsSync(path.join(partial, 'PG_VERSION'))) throw notBackup();
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir: partial, extensions: EXTENSIONS });
  } catch {
    throw notBackup();
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
