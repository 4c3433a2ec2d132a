/**
 * `npm run bench [-- --rows N] [--runs N] [--fill N] [--only startup|inserts|directory|screening|screening-bundle|competence|follow-up|encounters|lighthouse]`: the figures in
 * docs/benchmarks.md. Never part of `npm test`: timings belong here, not in assertions.
 *   --rows  rows per insert benchmark (default 20 000; the recorded figures use 100 000)
 *   --runs  start-ups per start-up figure (default 5)
 *   --fill  extra rows in the "filled" data directory (default 50 000, about 1 kB each)
 * With DATABASE_URL set, the insert ceiling of that PostgreSQL server is measured too.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseFlags } from '../server/src/admin/command.ts';
import { benchEmbeddedInserts, benchPostgresInserts, type InsertFigures } from './inserts.ts';
import { benchStartup, type StartupFigures } from './startup.ts';

const { flags } = parseFlags(process.argv.slice(2));
const number = (name: string, fallback: number) => {
  const value = flags[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number`);
  return parsed;
};
const rows = number('rows', 20_000);
const runs = number('runs', 5);
const fillRows = number('fill', 50_000);
const only = typeof flags.only === 'string' ? flags.only : undefined;
const log = (line: string) => process.stdout.write(`${line}\n`);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
log(
  `Upptäck benchmarks — ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${os.cpus().length} cores, ` +
    `${Math.round(os.totalmem() / 1_073_741_824)} GB, Node.js ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);

let startup: StartupFigures[] = [];
if (!only || only === 'startup') {
  log(`\nStart-up to the first 200 from /api/v1/health (${runs} runs each):`);
  startup = await benchStartup({ runs, fillRows, log });
}
const inserts: InsertFigures[] = [];
if (!only || only === 'inserts') {
  log(`\nRaw insert ceiling (${rows} rows, one transaction):`);
  inserts.push(...(await benchEmbeddedInserts(rows, log)));
  if (process.env.DATABASE_URL) inserts.push(...(await benchPostgresInserts(process.env.DATABASE_URL, rows, log)));
  else log('  PostgreSQL: not measured (set DATABASE_URL to a PostgreSQL server)');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
log('\n| start-up | median | min | max |\n| --- | --- | --- | --- |');
for (const { label, runs: times } of startup) {
  log(`| ${label} | ${(median(times) / 1000).toFixed(2)} s | ${(Math.min(...times) / 1000).toFixed(2)} s | ${(Math.max(...times) / 1000).toFixed(2)} s |`);
}
if (inserts.length > 0) {
  log('\n| database | insert | rows/s |\n| --- | --- | --- |');
  for (const figure of inserts) log(`| ${figure.database} | ${figure.mode} | ${Math.round(figure.rows / (figure.ms / 1000)).toLocaleString('sv-SE')} |`);
}

// Feature benchmarks are scripts of their own (they take their own options); run them in turn.
const FEATURE_BENCHMARKS: Record<string, string> = {
  directory: 'bench/directory.ts',
  screening: 'bench/screening.ts',
  'screening-bundle': 'bench/screening-bundle.ts',
  competence: 'bench/competence.ts',
  'follow-up': 'bench/follow-up.ts',
  encounters: 'bench/encounters.ts',
  lighthouse: 'bench/lighthouse.ts',
};
for (const [name, script] of Object.entries(FEATURE_BENCHMARKS)) {
  if (only && only !== name) continue;
  log(`\n${name}:`);
  const result = spawnSync('node_modules/.bin/tsx', [script], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
