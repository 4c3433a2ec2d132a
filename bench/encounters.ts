/**
 * `GET /api/v1/encounters` at ten times the demo's size (issue 22): `node_modules/.bin/tsx
 * bench/encounters.ts [--factor 10] [--requests 200]` (also `npm run bench -- --only encounters`).
 *
 * Builds the demo database as the browser tests do (scripts/build-template.ts, the suite's
 * calendar, a year of history), then copies every encounter `factor − 1` times with all the rows
 * that hang on it (answers, information, notes, forms, …: every table with a foreign key to
 * screening_encounters), each copy a new id and otherwise the same: same unit, same caseworker,
 * same dates. So each caseworker and unit holds ten times the encounters, open tasks included.
 * Then starts the platform on that data directory as `npm start` does and measures, one request
 * at a time after a warm-up, the list as the demo caseworker sees it (their own) and as the demo
 * manager sees it (the unit's). Also prints the start-up time on the grown database.
 * Target: p95 ≤ 50 ms. Figures go to docs/benchmarks.md by hand.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parseFlags } from '../server/src/admin/command.ts';
import { EXTENSIONS } from '../server/src/platform/db/embedded.ts';
import { PROJECT_ROOT } from '../server/src/platform/paths.ts';
import { freePort, signInOverHttp } from '../server/src/test-support/server-process.ts';
import { E2E_CLOCK_START } from '../e2e/support/global-setup.ts';

const { flags } = parseFlags(process.argv.slice(2));
const factor = Number(flags.factor ?? 10);
const requests = Number(flags.requests ?? 200);
if (!Number.isInteger(factor) || factor < 1 || !Number.isInteger(requests) || requests < 1)
  throw new Error('--factor and --requests are positive whole numbers');
const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Copies every encounter `factor − 1` times, with every row that references it. */
async function grow(pglite: PGlite): Promise<{ before: number; after: number }> {
  const count = async () => Number((await pglite.query<{ n: number }>('select count(*)::int as n from screening_encounters')).rows[0]!.n);
  const before = await count();
  if (factor === 1) return { before, after: before };
  await pglite.exec(`
    create temporary table encounter_copies as
      select e.id as old_id, gen_random_uuid() as new_id from screening_encounters e cross join generate_series(1, ${factor - 1});`);
  const columns = async (table: string) =>
    (
      await pglite.query<{ column_name: string; data_type: string; is_identity: string; column_default: string | null; is_generated: string }>(
        `select column_name, data_type, is_identity, column_default, is_generated from information_schema.columns
          where table_schema = 'public' and table_name = $1 order by ordinal_position`,
        [table],
      )
    ).rows;
  const copy = async (table: string, key: string) => {
    const list = (await columns(table)).filter((column) => column.is_identity !== 'YES' && column.is_generated !== 'ALWAYS');
    const target = list.map((column) => column.column_name);
    const source = list.map((column) => {
      if (column.column_name === key) return 'c.new_id';
      // A child's own uuid key gets a new value; any other column is copied as it is.
      if (column.column_name === 'id' && key !== 'id') return column.column_default ?? 'gen_random_uuid()';
      return `t.${column.column_name}`;
    });
    await pglite.exec(`insert into ${table} (${target.join(', ')}) select ${source.join(', ')} from ${table} t join encounter_copies c on c.old_id = t.${key}`);
  };
  await copy('screening_encounters', 'id');
  const children = (
    await pglite.query<{ table_name: string; column_name: string }>(`
      select distinct kcu.table_name, kcu.column_name
        from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
       where ccu.table_name = 'screening_encounters' and ccu.column_name = 'id' and kcu.column_name = 'encounter_id' and kcu.table_name <> 'screening_encounters'`)
  ).rows;
  for (const child of children) await copy(child.table_name, child.column_name);
  log(`  copied with: ${children.map((child) => `${child.table_name}.${child.column_name}`).join(', ')}`);
  await pglite.exec('analyze; checkpoint;');
  return { before, after: await count() };
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
}

function serverEnvironment(port: number): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    CLOCK_START: E2E_CLOCK_START,
  };
  delete environment.DATABASE_URL;
  return environment;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-encounters-'));
try {
  log(`GET /api/v1/encounters at ${factor}× the demo — ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${load()}`);
  execFileSync(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['scripts/build-template.ts', '--data-dir', dataDir], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CLOCK_START: E2E_CLOCK_START, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: EXTENSIONS });
  const grown = await grow(pglite);
  await pglite.close();
  log(`  encounters: ${grown.before} in the demo → ${grown.after}`);

  const port = await freePort();
  const started = performance.now();
  const child = spawn(path.join(PROJECT_ROOT, 'node_modules/.bin/node'), ['scripts/start.mjs'], {
    cwd: PROJECT_ROOT,
    env: serverEnvironment(port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const healthy = await fetch(`${url}/api/v1/health`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    log(`  start-up on the grown database (restart, migrations and demo already there): ${Math.round(performance.now() - started)} ms`);
    for (const [who, email] of [
      ['caseworker (own encounters)', 'handlaggare.fk@demo.upptack.se'],
      ['manager (the unit’s)', 'chef.fk@demo.upptack.se'],
    ] as const) {
      const { cookie } = await signInOverHttp(url, email);
      const times: number[] = [];
      let shown = 0;
      for (let i = 0; i < requests + 20; i++) {
        const begin = performance.now();
        const response = await fetch(`${url}/api/v1/encounters`, { headers: { cookie } });
        const body = (await response.json()) as { encounters: unknown[]; reminders: unknown[] };
        if (response.status !== 200) throw new Error(`GET /api/v1/encounters: ${response.status}`);
        if (i >= 20) times.push(performance.now() - begin);
        shown = body.encounters.length + body.reminders.length;
      }
      log(`  ${who}: ${requests} requests, ${shown} rows per answer: ${percentiles(times)} (load average ${load()})`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
