import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../config.ts';
import { FEATURES } from '../../features/index.ts';
import { SYSTEM_SOURCE, recordAudit } from '../audit/audit.ts';
import { checkpointKey, isSigned } from '../audit/checkpoint.ts';
import { createFieldCipher } from '../crypto/field-encryption.ts';
import { seedDemoData } from '../demo/demo-seed.ts';
import { jobs } from '../jobs/schema.ts';
import { fixedClock } from '../time/clock.ts';
import { backupCheckpoint, backupEmbedded, BackupError, restoreEmbedded } from './backup.ts';
import { queryRows, type Database } from './database.ts';
import { EXTENSIONS, openEmbeddedDatabase } from './embedded.ts';
import { openPostgresDatabase } from './postgres.ts';

/**
 * A backup restored into a fresh database holds every table unchanged: on the embedded database
 * through `npm run admin -- backup/restore`, on PostgreSQL (DATABASE_URL) through the documented
 * pg_dump/pg_restore commands (docs/operations.md).
 */
type TableFingerprint = { rows: number; hash: string | null };

const AUDIT = { key: checkpointKey(testConfig()), now: new Date('2026-11-23T09:00:00Z') };

async function fingerprints(database: Database): Promise<Record<string, TableFingerprint>> {
  return database.system(async (tx) => {
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const result: Record<string, TableFingerprint> = {};
    for (const { name } of tables) {
      const [row] = await queryRows<{ rows: number; hash: string | null }>(
        tx,
        sql`select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as hash from ${sql.identifier(name)} t`,
      );
      result[name] = row!;
    }
    return result;
  });
}

/** Demo data plus what demo data lacks: a binary job result, audit events, text beyond ASCII. */
async function fillWithData(database: Database): Promise<void> {
  const config = testConfig();
  await seedDemoData(database, FEATURES, { config, clock: fixedClock('2026-11-23T09:00:00Z'), cipher: createFieldCipher(config.encryptionKey) });
  await database.system(async (tx) => {
    await tx.insert(jobs).values({
      kind: 'test.binary',
      status: 'succeeded',
      resultFile: crypto.randomBytes(4096),
      resultFilename: 'blob.bin',
      result: { text: 'Räksmörgås – “quoted” \\ backslash' },
    });
    for (let i = 0; i < 25; i++) await recordAudit(tx, 'system', SYSTEM_SOURCE, { action: 'test.backup', details: { i } });
  });
}

describe('backup and restore', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-backup-test-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** An embedded database on disk, from the run's migrated template. */
  async function embeddedDataDir(name: string): Promise<string> {
    const dataDir = path.join(tmp, name);
    fs.mkdirSync(path.join(dataDir, 'pgdata'), { recursive: true });
    const pglite = await PGlite.create({
      dataDir: path.join(dataDir, 'pgdata'),
      loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]),
      extensions: EXTENSIONS,
    });
    await pglite.close();
    return dataDir;
  }

  if (!process.env.DATABASE_URL) {
    // Each test unpacks and opens whole databases on disk: minutes on a loaded 2-core machine.
    describe('the embedded database', { timeout: 180_000 }, () => {
      let source: string;
      let original: Record<string, TableFingerprint>;
      let backupFile: string;

      beforeAll(async () => {
        source = await embeddedDataDir('source');
        const database = await openEmbeddedDatabase({ dataDir: source });
        await fillWithData(database);
        original = await fingerprints(database);
        await database.close();
        backupFile = path.join(tmp, 'backups', 'upptack.tar.gz');
        const summary = await backupEmbedded(source, backupFile, AUDIT);
        expect(summary.bytes).toBeGreaterThan(0);
      });

      it('restores into a fresh directory with every table unchanged', async () => {
        const target = path.join(tmp, 'fresh');
        const summary = await restoreEmbedded(backupFile, target, { force: false, now: new Date() });
        expect(summary.previous).toBeUndefined();
        const restored = await openEmbeddedDatabase({ dataDir: target });
        const copy = await fingerprints(restored);
        await restored.close();
        expect(Object.keys(original).length).toBeGreaterThan(10);
        expect(original.users!.rows).toBeGreaterThan(0);
        expect(original.audit_events!.rows).toBe(25);
        expect(copy).toEqual(original);
      });

      it('carries a signed checkpoint of the audit trail in its gzip header, which restoring skips', async () => {
        const checkpoint = backupCheckpoint(backupFile);
        expect(checkpoint).toMatchObject({ events: 25, head: expect.stringMatching(/^[0-9a-f]{64}$/), at: '2026-11-23T09:00:00.000Z' });
        expect(isSigned(AUDIT.key, checkpoint!)).toBe(true);
        expect(isSigned(checkpointKey(testConfig({ lookupKey: crypto.randomBytes(32) })), checkpoint!)).toBe(false);
        expect(isSigned(AUDIT.key, { ...checkpoint!, events: 20 })).toBe(false);
      });

      it('replaces an existing database only with --force, keeping the old one beside it', async () => {
        const target = await embeddedDataDir('occupied');
        await expect(restoreEmbedded(backupFile, target, { force: false, now: new Date() })).rejects.toThrow(/already holds a database.*--force/);
        const summary = await restoreEmbedded(backupFile, target, { force: true, now: new Date('2026-11-23T10:00:00Z') });
        expect(summary.previous).toBe(path.join(target, 'pgdata.before-restore-2026-11-23T10-00-00-000Z'));
        expect(fs.existsSync(path.join(summary.previous!, 'PG_VERSION'))).toBe(true);
        const restored = await openEmbeddedDatabase({ dataDir: target });
        expect(await fingerprints(restored)).toEqual(original);
        await restored.close();
      });

      it("restores a backup made before backups were streamed (PGlite's own dump of the data directory)", async () => {
        // The run's template is such a dump, of a migrated database.
        const target = path.join(tmp, 'from-pglite-dump');
        const summary = await restoreEmbedded(inject('pgliteTemplate'), target, { force: false, now: new Date() });
        expect(summary.migrations.length).toBeGreaterThan(10);
        const restored = await openEmbeddedDatabase({ dataDir: target });
        const [row] = await restored.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from schema_migrations`));
        await restored.close();
        expect(row!.n).toBe(summary.migrations.length);
      });

      it('refuses to overwrite a backup, and to back up a directory without a database', async () => {
        await expect(backupEmbedded(source, backupFile, AUDIT)).rejects.toThrow(BackupError);
        await expect(backupEmbedded(path.join(tmp, 'empty'), path.join(tmp, 'x.tar.gz'), AUDIT)).rejects.toThrow(/no database/);
      });

      it('refuses a file that is not a backup, and a backup from a newer version', async () => {
        const garbage = path.join(tmp, 'garbage.tar.gz');
        fs.writeFileSync(garbage, crypto.randomBytes(1000));
        await expect(restoreEmbedded(garbage, path.join(tmp, 'never'), { force: false, now: new Date() })).rejects.toThrow(/not a backup/);

        const newer = await embeddedDataDir('newer');
        const database = await openEmbeddedDatabase({ dataDir: newer });
        await database.owner((tx) => tx.execute(sql`insert into schema_migrations (id, checksum) values ('9999_future', 'x')`));
        await database.close();
        const newerBackup = path.join(tmp, 'newer.tar.gz');
        await backupEmbedded(newer, newerBackup, AUDIT);
        await expect(restoreEmbedded(newerBackup, path.join(tmp, 'never'), { force: false, now: new Date() })).rejects.toThrow(/newer version.*9999_future/);
        expect(fs.existsSync(path.join(tmp, 'never', 'pgdata'))).toBe(false);
      });
    });
  } else {
    describe('PostgreSQL with pg_dump and pg_restore', () => {
      const url = process.env.DATABASE_URL!;
      const names = [`upptack_b_${crypto.randomBytes(4).toString('hex')}`, `upptack_r_${crypto.randomBytes(4).toString('hex')}`] as const;
      const urlOf = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
      const admin = new pg.Client({ connectionString: url });

      beforeAll(async () => {
        await admin.connect();
        await admin.query(`create database ${names[0]} template ${inject('postgresTemplate')}`);
        await admin.query(`create database ${names[1]}`);
      });
      afterAll(async () => {
        for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      });

      it('restores into a fresh database with every table unchanged', async () => {
        const source = await openPostgresDatabase({ url: urlOf(names[0]), poolSize: 2 });
        await fillWithData(source);
        const original = await fingerprints(source);
        await source.close();

        const dump = path.join(tmp, 'upptack.dump');
        execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, urlOf(names[0])], { stdio: 'pipe' });
        execFileSync('pg_restore', ['--no-owner', `--dbname=${urlOf(names[1])}`, dump], { stdio: 'pipe' });

        const restored = await openPostgresDatabase({ url: urlOf(names[1]), poolSize: 2 });
        const copy = await fingerprints(restored);
        await restored.close();
        expect(original.audit_events!.rows).toBe(25);
        expect(copy).toEqual(original);
      });
    });
  }
});
