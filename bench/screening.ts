/**
 * Screening benchmark (issue 5; not part of `npm test`). Encounter writes through the full API —
 * service-account token, zod validation, the routine and question-set rules, idempotency key,
 * audit event, row-level security — against the raw ceiling measured in the same run: the same
 * rows each encounter write produces (encounter, three answers, information given, idempotency
 * key, audit event through audit_append), inserted with the raw driver, one transaction per
 * encounter, at the same concurrency. Then the latency at half the API's maximum throughput,
 * open loop (each request's latency counts from when it was due, so queueing is not hidden).
 * Targets: API ≥ 50 % of the ceiling; p95 ≤ 20 ms at half the maximum.
 *
 *   node_modules/.bin/tsx bench/screening.ts [--seconds 10] [--connections 8]
 *
 * The platform runs in a child process (the load generator must not share its event loop). With
 * DATABASE_URL set, both run against a throwaway database on that PostgreSQL server; otherwise on
 * an embedded database on disk. Figures go to docs/benchmarks.md by hand.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import readline from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { parseFlags } from '../server/src/admin/command.ts';
import { createPostgresDatabase, encounterBody, openBenchDatabase, prepareFixture, type Fixture } from './screening-fixture.ts';

const { flags } = parseFlags(process.argv.slice(2));
const SECONDS = typeof flags.seconds === 'string' ? Number(flags.seconds) : 10;
const CONNECTIONS = typeof flags.connections === 'string' ? Number(flags.connections) : 8;
const log = (line: string) => process.stdout.write(`${line}\n`);

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

/* ------------------------------------------------------------------ the API */

type Server = { port: number; kind: string; fixture: Fixture; stop(): Promise<void> };

async function startServer(databaseUrl: string | undefined): Promise<Server> {
  const child = spawn('node_modules/.bin/tsx', ['bench/screening-server.ts'], {
    env: { ...process.env, ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
  });
  const started = JSON.parse(line) as Omit<Server, 'stop'>;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...started,
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

function poster(server: Server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const body = encounterBody(server.fixture.processId);
  return () =>
    new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const request = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/v1/encounters',
          agent,
          headers: {
            authorization: `Bearer ${server.fixture.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'idempotency-key': crypto.randomUUID(),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
}

/** Closed loop: each connection sends its next request when the previous one answered. */
async function closedLoop(send: () => Promise<unknown>, seconds: number, connections: number) {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await send();
        } catch {
          failures++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { perSecond: latencies.length / seconds, latencies, failures };
}

/** Open loop at a fixed rate: latency from when each request was due, not from when it was sent. */
async function openLoop(send: () => Promise<number>, rate: number, seconds: number) {
  const interval = 1000 / rate;
  const total = Math.floor(rate * seconds);
  const start = performance.now();
  const latencies: number[] = [];
  const pending: Array<Promise<void>> = [];
  let statuses = 0;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      send().then((status) => {
        if (status !== 201) statuses++;
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(pending);
  return { latencies, unexpected: statuses };
}

/* ------------------------------------------------------------------ the raw ceiling */

type RawClient = { query(text: string, params?: unknown[]): Promise<unknown>; transaction<T>(work: (client: RawClient) => Promise<T>): Promise<T> };

/**
 * One encounter's rows, as the write produces them, with the raw driver in one transaction:
 * the encounter, its three answers, the information given, the idempotency key and the audit
 * event (through the same append function, so the ceiling pays for the hash chain too).
 */
function rawWrite(fixture: Fixture) {
  return async (client: RawClient) => {
    const id = crypto.randomUUID();
    await client.transaction(async (tx) => {
      await tx.query(
        `insert into screening_encounters (id, tenant_id, unit_id, created_by_service_account, process_id, routine_version_id, question_set_version_id,
           occurred_on, occurred_month, channel, basis, interpreter, eligible, client_sex, client_age_band, client_municipality_code, client_county_code,
           status, asking, outcome, children_in_household, child_at_risk, acute_danger, completed_at)
         values ($1, $2, $3, $4, $5, $6, '7d1f3a52-6c0e-4b8a-9f21-5e3c0a1d2b02', current_date, date_trunc('month', current_date)::date, 'phone', 'routine',
           'none', true, 'female', '35_44', '2080', '20', 'completed', 'asked', 'nothing_disclosed', 'no', false, false, now())`,
        [id, fixture.tenantId, fixture.unitId, fixture.serviceAccountId, fixture.processId, fixture.routineVersionId],
      );
      await tx.query(
        `insert into screening_answers (id, encounter_id, tenant_id, item_key, choice) values
           (gen_random_uuid(), $1, $2, 'exposure', 'no'), (gen_random_uuid(), $1, $2, 'perpetration', 'no'), (gen_random_uuid(), $1, $2, 'children', 'no')`,
        [id, fixture.tenantId],
      );
      await tx.query(`insert into screening_information (encounter_id, tenant_id, material, language, delivery) values ($1, $2, 'handout', 'sv', 'shown')`, [
        id,
        fixture.tenantId,
      ]);
      await tx.query(
        `insert into screening_idempotency (tenant_id, actor_id, key, operation, request_hash, encounter_id, status_code) values ($1, $2, $3, 'create', $4, $5, 201)`,
        [fixture.tenantId, fixture.serviceAccountId, crypto.randomUUID(), crypto.randomBytes(32).toString('hex'), id],
      );
      await tx.query(
        `select audit_append($1, 'service', $2, $3, '{}'::text[], 'encounters.create', 'allowed', 'encounter', $4, $1, null, false, '127.0.0.1', null, '{"status":"completed"}'::jsonb)`,
        [fixture.tenantId, fixture.serviceAccountId, fixture.unitId, id],
      );
    });
  };
}

async function rawCeiling(databaseUrl: string | undefined, connections: number, seconds: number) {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // `end()` resolves before its sockets close, so dropping the database can reach an idle client.
    pool.on('error', () => {});
    const { database } = await openBenchDatabase(databaseUrl);
    const fixture = await prepareFixture(database);
    await database.close();
    const client: RawClient = {
      query: (text, params) => pool.query(text, params),
      async transaction(work) {
        const connection = await pool.connect();
        try {
          await connection.query('begin');
          const result = await work({ query: (text, params) => connection.query(text, params), transaction: () => Promise.reject(new Error('nested')) });
          await connection.query('commit');
          return result;
        } catch (error) {
          await connection.query('rollback');
          throw error;
        } finally {
          connection.release();
        }
      },
    };
    const write = rawWrite(fixture);
    const result = await closedLoop(() => write(client), seconds, connections);
    await pool.end();
    return result;
  }
  // The embedded ceiling: a PGlite of its own on disk, migrated the same way, driven directly.
  const { database, cleanup } = await openBenchDatabase(undefined);
  const fixture = await prepareFixture(database);
  const pglite = (database as unknown as { pglite: PGlite }).pglite;
  const client: RawClient = {
    query: (text, params) => pglite.query(text, params),
    transaction: (work) =>
      pglite.transaction((tx) => work({ query: (text, params) => tx.query(text, params), transaction: () => Promise.reject(new Error('nested')) })),
  };
  const write = rawWrite(fixture);
  const result = await closedLoop(() => write(client), seconds, connections);
  await cleanup();
  return result;
}

/* ------------------------------------------------------------------ the run */

const target = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : undefined;
try {
  const server = await startServer(target?.url);
  log(
    `Screening benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, Node.js ${process.version}, ${server.kind}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const send = poster(server);
  try {
    if ((await send()) !== 201) throw new Error('the encounter write did not answer 201');
    await closedLoop(send, 2, CONNECTIONS);
    const api = await closedLoop(send, SECONDS, CONNECTIONS);
    const apiLatency = percentiles(api.latencies);
    log(
      `API, ${CONNECTIONS} connections, ${SECONDS} s: ${api.perSecond.toFixed(0)} encounters/s (p50 ${ms(apiLatency.p50)}, p95 ${ms(apiLatency.p95)}), ${api.failures} failures`,
    );
    const half = api.perSecond / 2;
    const open = await openLoop(send, half, SECONDS);
    const openLatency = percentiles(open.latencies);
    log(
      `API at half the maximum (${half.toFixed(0)}/s, open loop, ${SECONDS} s): p50 ${ms(openLatency.p50)}, p95 ${ms(openLatency.p95)}, p99 ${ms(openLatency.p99)}, max ${ms(openLatency.max)}; ${open.unexpected} answers other than 201`,
    );
    await server.stop();
    const raw = await rawCeiling(target?.url, CONNECTIONS, SECONDS);
    log(`Raw ceiling (same rows, raw driver, one transaction per encounter, ${CONNECTIONS} concurrent): ${raw.perSecond.toFixed(0)} encounters/s`);
    log(
      `API / raw ceiling: ${((api.perSecond / raw.perSecond) * 100).toFixed(0)} % (target ≥ 50 %); p95 at half the maximum ${ms(openLatency.p95)} (target ≤ 20 ms)`,
    );
  } finally {
    await server.stop().catch(() => undefined);
  }
} finally {
  await target?.drop();
}
