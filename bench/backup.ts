/**
 * `npx tsx bench/backup.ts [--mb N]`: peak memory (maximum resident set size) of backing up and
 * restoring an embedded database of about N MB (default 300), each in a process of its own, for
 * the streamed backup (`npm run admin -- backup`, ADR 0106) and, for comparison, PGlite's
 * in-memory dump that the backup used before. Figures go to docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parseFlags } from '../server/src/admin/command.ts';
import { checkpointKey } from '../server/src/platform/audit/checkpoint.ts';
import { testConfig } from '../server/src/config.ts';
import { backupEmbedded, restoreEmbedded } from '../server/src/platform/db/backup.ts';
import { EXTENSIONS, openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { migrate } from '../server/src/platform/db/migrator.ts';

const { flags } = parseFlags(process.argv.slice(2));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Directory size in bytes. */
function du(directory: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const child = typeof flags.child === 'string' ? flags.child : undefined;
if (child) {
  // One measured operation in this process; the parent reads the peak from the last line.
  const dataDir = String(flags['data-dir']);
  const file = String(flags.file);
  if (child === 'backup') await backupEmbedded(dataDir, file, { key: checkpointKey(testConfig()), now: new Date() });
  else if (child === 'restore') await restoreEmbedded(file, dataDir, { force: false, now: new Date() });
  else if (child === 'pglite-dump') {
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: EXTENSIONS });
    fs.writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
    await pglite.close();
  } else throw new Error(`unknown --child ${child}`);
  log(`maxrss ${process.resourceUsage().maxRSS}`);
} else {
  const megabytes = Number(flags.mb ?? 300);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-backup-'));
  try {
    const source = path.join(tmp, 'source');
    const database = await openEmbeddedDatabase({ dataDir: source });
    await migrate(database);
    // About 1 kB a row (under the TOAST threshold, so stored as is), in batches of 50 000.
    await database.pglite.exec('create table bench_fill (id integer primary key, payload text not null)');
    const rows = megabytes * 1000;
    for (let from = 1; from <= rows; from += 50_000) {
      const to = Math.min(rows, from + 49_999);
      await database.pglite.exec(`insert into bench_fill select g, repeat(md5(g::text), 30) from generate_series(${from}, ${to}) g`);
    }
    await database.close();
    const size = du(path.join(source, 'pgdata'));
    log(`Embedded database: ${(size / 1_048_576).toFixed(0)} MB on disk (${rows.toLocaleString('sv-SE')} filler rows of ~1 kB, plus the schema).`);

    const measure = (operation: string, dataDir: string, file: string) => {
      const started = performance.now();
      const result = spawnSync('node_modules/.bin/tsx', ['bench/backup.ts', '--child', operation, '--data-dir', dataDir, '--file', file], {
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`${operation} failed: ${result.stderr}`);
      const kilobytes = Number(/maxrss (\d+)/.exec(result.stdout)?.[1]);
      return { peakMb: kilobytes / 1024, seconds: (performance.now() - started) / 1000, fileMb: fs.statSync(file).size / 1_048_576 };
    };
    log('\n| operation | peak RSS | time | backup file |\n| --- | --- | --- | --- |');
    const row = (label: string, figure: { peakMb: number; seconds: number; fileMb: number }) =>
      log(`| ${label} | ${figure.peakMb.toFixed(0)} MB | ${figure.seconds.toFixed(1)} s | ${figure.fileMb.toFixed(0)} MB |`);
    const backupFile = path.join(tmp, 'backup.tar.gz');
    row('backup (streamed)', measure('backup', source, backupFile));
    row('restore (streamed)', measure('restore', path.join(tmp, 'restored'), backupFile));
    if (flags['skip-old'] === undefined) row('PGlite dumpDataDir (the backup before)', measure('pglite-dump', source, path.join(tmp, 'old.tar.gz')));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
