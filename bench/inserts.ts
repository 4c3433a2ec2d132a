import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The raw insert ceiling of each database: the driver alone, no ORM, no HTTP, one transaction —
 * the physical limit that later API benchmarks are compared with. Rows look like the platform's:
 * identity key, a tenant uuid, a short text, a small jsonb document, a default timestamp.
 */
export type InsertFigures = { database: string; mode: string; rows: number; ms: number };

const TABLE = `create table bench_rows (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  kind text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
)`;

type Client = { query(text: string, params?: unknown[]): Promise<unknown> };

const row = (i: number) => [crypto.randomUUID(), `kind-${i % 17}`, JSON.stringify({ i, note: 'Räksmörgås', flags: [i % 2 === 0, i % 3 === 0] })];

async function oneRowPerInsert(client: Client, rows: number): Promise<number> {
  const started = performance.now();
  await client.query('begin');
  for (let i = 0; i < rows; i++) {
    await client.query('insert into bench_rows (tenant_id, kind, payload) values ($1, $2, $3)', row(i));
  }
  await client.query('commit');
  return performance.now() - started;
}

async function multiRowInserts(client: Client, rows: number, batch: number): Promise<number> {
  const started = performance.now();
  await client.query('begin');
  for (let done = 0; done < rows; done += batch) {
    const count = Math.min(batch, rows - done);
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = 0; i < count; i++) {
      values.push(`($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
      params.push(...row(done + i));
    }
    await client.query(`insert into bench_rows (tenant_id, kind, payload) values ${values.join(', ')}`, params);
  }
  await client.query('commit');
  return performance.now() - started;
}

async function measure(database: string, client: Client, rows: number, log: (line: string) => void): Promise<InsertFigures[]> {
  const figures: InsertFigures[] = [];
  for (const [mode, run] of [
    ['one row per INSERT', () => oneRowPerInsert(client, rows)],
    ['1000-row multi-VALUES INSERT', () => multiRowInserts(client, rows, 1000)],
  ] as const) {
    await client.query('drop table if exists bench_rows');
    await client.query(TABLE);
    const ms = await run();
    figures.push({ database, mode, rows, ms });
    log(`  ${database}, ${mode}: ${Math.round(rows / (ms / 1000))} rows/s (${rows} rows in ${Math.round(ms)} ms)`);
  }
  await client.query('drop table bench_rows');
  return figures;
}

/** PGlite on disk, as the platform runs it (a scratch data directory). */
export async function benchEmbeddedInserts(rows: number, log: (line: string) => void): Promise<InsertFigures[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-pglite-'));
  const pglite = await PGlite.create({ dataDir: dir });
  try {
    return await measure('PGlite (embedded, on disk)', pglite, rows, log);
  } finally {
    await pglite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL at DATABASE_URL, in a scratch database that is dropped afterwards. */
export async function benchPostgresInserts(url: string, rows: number, log: (line: string) => void): Promise<InsertFigures[]> {
  const name = `upptack_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const version = ((await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?').split(' ')[0];
    return await measure(`PostgreSQL ${version} (${target.hostname.startsWith('/') ? 'Unix socket' : 'TCP'})`, client, rows, log);
  } finally {
    await client.end();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}
