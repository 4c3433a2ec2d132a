import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresCluster, type PostgresCluster } from '../../test-support/postgres-cluster.ts';
import { startServer, temporaryDataDir } from '../../test-support/server-process.ts';
import { queryRows } from './database.ts';
import { databaseFault } from './faults.ts';
import { openPostgresDatabase } from './postgres.ts';

/**
 * Issue 18: a PostgreSQL restart or fast stop must not take the platform down. On a throwaway
 * cluster of its own (it needs PostgreSQL's server binaries and fails without them, as CI has
 * them): the driver survives a session ended under a checked-out client, and the app answers
 * 200 or 503 with Retry-After — never 500, never a crash — while PostgreSQL restarts or is
 * stopped, and 200 again by itself when it is back.
 */
const KEY = Buffer.alloc(32, 7).toString('base64');
/** Reads the database on every call (the reference data, by contrast, is cached). */
const SEARCH = '/api/v1/directory/services?municipality=2080';

let cluster: PostgresCluster;
const directories: string[] = [];
beforeAll(async () => {
  cluster = await createPostgresCluster();
});
afterAll(() => {
  cluster?.destroy();
  for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the PostgreSQL driver', () => {
  it('survives the session of a checked-out client being ended, discards that client and reconnects', async () => {
    const database = await openPostgresDatabase({ url: cluster.url, poolSize: 2 });
    const terminator = new pg.Client({ connectionString: cluster.url });
    await terminator.connect();
    try {
      let endedPid = 0;
      const failure = await database
        .owner(async (tx) => {
          const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
          endedPid = row?.pid ?? 0;
          // As a fast stop does: the server ends the session while the client is checked out and
          // idle in its transaction. Its 'error' event comes before the next query.
          await terminator.query('select pg_terminate_backend($1)', [endedPid]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          return tx.execute(sql`select 1`);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(databaseFault(failure)).toBe('connection');

      const [after] = await database.owner((tx) => queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`));
      expect(after?.pid).toBeGreaterThan(0);
      expect(after?.pid).not.toBe(endedPid);
      // The broken client was closed, not put back: the pool holds only the new one.
      expect(database.pool.totalCount).toBe(1);
    } finally {
      await terminator.end();
      await database.close();
    }
  });

  it('starts every session with the timeouts and UTC, and a statement over its timeout fails as a timeout', async () => {
    const defaults = await openPostgresDatabase({ url: cluster.url, poolSize: 1 });
    try {
      const [settings] = await defaults.owner((tx) =>
        queryRows<Record<string, string>>(
          tx,
          sql`select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
                     current_setting('idle_in_transaction_session_timeout') as idle, current_setting('TimeZone') as zone`,
        ),
      );
      expect(settings).toEqual({ statement: '30s', lock: '10s', idle: '1min', zone: 'UTC' });
    } finally {
      await defaults.close();
    }
    const strict = await openPostgresDatabase({
      url: cluster.url,
      poolSize: 1,
      timeouts: { connectMs: 5_000, statementMs: 200, lockMs: 100, idleInTransactionMs: 60_000 },
    });
    try {
      const failure = await strict
        .owner((tx) => tx.execute(sql`select pg_sleep(2)`))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(databaseFault(failure)).toBe('timeout');
      // The connection survives a statement timeout and serves the next transaction.
      await expect(strict.owner((tx) => tx.execute(sql`select 1`))).resolves.toBeDefined();
    } finally {
      await strict.close();
    }
  });

  it('gives up connecting to a frozen server after the connect timeout', async () => {
    // A stopped postmaster still has its connections accepted by the kernel, but never answers.
    const pid = cluster.postmasterPid();
    process.kill(pid, 'SIGSTOP');
    try {
      const failure = await openPostgresDatabase({
        url: cluster.url,
        poolSize: 1,
        timeouts: { connectMs: 500, statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000 },
      }).then(
        (database) => database.close(),
        (error: unknown) => error,
      );
      expect(databaseFault(failure)).toBe('timeout');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });
});

describe('the app on PostgreSQL', () => {
  it('keeps running through pg_ctl restart -m fast and a stop, answering 200 or 503 with Retry-After, and 200 again by itself', async () => {
    const dataDir = temporaryDataDir('pg-faults');
    directories.push(dataDir);
    // Production: migrations only, no demo data to seed on an empty server.
    const server = await startServer({
      dataDir,
      env: { DATABASE_URL: cluster.url, NODE_ENV: 'production', ENCRYPTION_KEY: KEY, LOOKUP_KEY: KEY, PUBLIC_URL: 'https://upptack.example.se' },
    });
    const running = () => server.child.exitCode === null && server.child.signalCode === null;
    const get = (url: string) => fetch(`${server.url}${url}`);
    try {
      await server.healthy(120_000);
      expect((await get(SEARCH)).status).toBe(200);

      // Requests run while PostgreSQL restarts: every answer is 200, or 503 with Retry-After.
      const answers: string[] = [];
      let loading = true;
      const load = async () => {
        while (loading) {
          for (const url of [SEARCH, '/api/v1/health']) {
            const answer = await get(url).then(
              (response) =>
                `${response.status}${response.status === 503 && !response.headers.get('retry-after') && url === SEARCH ? ' without Retry-After' : ''}`,
              (error: unknown) => `no answer: ${(error as Error).message}`,
            );
            answers.push(answer);
          }
        }
      };
      // Some requests hold their connection when the restart comes: readiness reads the migration
      // table, which a lock keeps them waiting for.
      const locker = new pg.Client({ connectionString: cluster.url });
      locker.on('error', () => {});
      await locker.connect();
      await locker.query('begin; lock table schema_migrations in access exclusive mode');
      const waiting = Array.from({ length: 3 }, () =>
        get('/api/v1/health').then(
          (response) => String(response.status),
          (error: unknown) => `no answer: ${(error as Error).message}`,
        ),
      );
      const workers = Array.from({ length: 4 }, load);
      await new Promise((resolve) => setTimeout(resolve, 500));
      cluster.restart();
      await new Promise((resolve) => setTimeout(resolve, 300));
      loading = false;
      await Promise.all(workers);
      answers.push(...(await Promise.all(waiting)));
      await locker.end().catch(() => {});

      expect(running()).toBe(true);
      expect(new Set(answers.filter((answer) => answer !== '200' && answer !== '503'))).toEqual(new Set());
      expect(server.output()).not.toContain("Unhandled 'error' event");
      await expect.poll(async () => (await get(SEARCH)).status, { timeout: 30_000 }).toBe(200);
      expect((await get('/api/v1/health')).status).toBe(200);

      // PostgreSQL stopped: the app stays up, data routes answer 503, readiness names the database.
      cluster.stop();
      const down = await get(SEARCH);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(await down.json()).toMatchObject({ code: 'service_unavailable', status: 503 });
      const notReady = await get('/api/v1/health');
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'unavailable', database: 'postgresql', failedCheck: 'database' });
      expect((await get('/api/v1/health/live')).status).toBe(200);
      expect(server.output()).toContain('"msg":"database unavailable"');
      expect(server.output()).not.toContain('"msg":"unhandled error"');

      // Back by itself once PostgreSQL is.
      cluster.start();
      await expect.poll(async () => (await get(SEARCH)).status, { timeout: 30_000 }).toBe(200);
      expect((await get('/api/v1/health')).status).toBe(200);
      expect(running()).toBe(true);
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    } finally {
      if (running()) server.child.kill('SIGKILL');
    }
  });
});
