import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from './platform/db/embedded.ts';
import { queryRows } from './platform/db/database.ts';
import { tablesWithDemoRows } from './platform/demo/demo-seed.ts';
import { dataDirsOfThisFile, signInOverHttp, startServer } from './test-support/server-process.ts';

/**
 * Start-up and shutdown of the real server process (issue 2, "Operations"): production refuses
 * to start without its settings or on demo data, a second process on the same data directory is
 * refused, SIGTERM lets requests in flight finish and closes the database.
 */
const KEY = Buffer.alloc(32, 7).toString('base64');
const dataDir = dataDirsOfThisFile();

describe('production start', () => {
  it('exits non-zero naming each missing setting, and creates nothing', async () => {
    const dir = dataDir('prod-missing');
    const server = await startServer({ dataDir: dir, env: { NODE_ENV: 'production' } });
    const { code } = await server.exited;
    expect(code).not.toBe(0);
    for (const setting of ['ENCRYPTION_KEY', 'LOOKUP_KEY', 'PUBLIC_URL']) expect(server.output()).toContain(`${setting}: required when NODE_ENV=production`);
    expect(server.output()).not.toMatch(/\bat .+\.(ts|mjs):\d+/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('names a setting with a wrong value', async () => {
    const server = await startServer({
      dataDir: dataDir('prod-invalid'),
      env: { NODE_ENV: 'production', ENCRYPTION_KEY: 'too-short', LOOKUP_KEY: KEY, PUBLIC_URL: 'not a url' },
    });
    expect((await server.exited).code).not.toBe(0);
    expect(server.output()).toMatch(/ENCRYPTION_KEY: must be 32 bytes/);
    expect(server.output()).toMatch(/PUBLIC_URL/);
  });

  it('starts on an empty data directory without creating any demo data', async () => {
    const dir = dataDir('prod-empty');
    const server = await startServer({
      dataDir: dir,
      env: { NODE_ENV: 'production', ENCRYPTION_KEY: KEY, LOOKUP_KEY: KEY, PUBLIC_URL: 'https://upptack.example.se' },
    });
    await server.healthy(120_000);
    const start = await fetch(`${server.url}/`);
    expect(await start.text()).not.toContain('DEMO');
    expect((await fetch(`${server.url}/personal/`)).status).toBe(200);
    expect((await server.stop()).code).toBe(0);
    const database = await openEmbeddedDatabase({ dataDir: dir });
    expect(await tablesWithDemoRows(database)).toEqual([]);
    const [users] = await database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from users`));
    expect(users?.n).toBe(0);
    await database.close();
  });

  it('refuses a database that contains demo rows, naming the tables, and leaves it untouched', async () => {
    const dir = dataDir('prod-demo');
    const demo = await startServer({ dataDir: dir });
    await demo.healthy();
    expect((await demo.stop()).code).toBe(0);
    const before = fs.statSync(path.join(dir, 'pgdata', 'PG_VERSION')).mtimeMs;

    const production = await startServer({
      dataDir: dir,
      env: { NODE_ENV: 'production', ENCRYPTION_KEY: KEY, LOOKUP_KEY: KEY, PUBLIC_URL: 'https://upptack.example.se' },
    });
    expect((await production.exited).code).not.toBe(0);
    expect(production.output()).toMatch(/contains demo data \(.*users.*\)/);
    expect(production.output()).not.toMatch(/\bat .+\.(ts|mjs):\d+/);
    expect(fs.statSync(path.join(dir, 'pgdata', 'PG_VERSION')).mtimeMs).toBe(before);
    const database = await openEmbeddedDatabase({ dataDir: dir });
    expect(await tablesWithDemoRows(database)).toContain('users');
    await database.close();
  });
});

describe('start-up refusals', () => {
  it('refuses a second process on the same data directory with a clear message, and the first keeps serving', async () => {
    const dir = dataDir('second');
    const first = await startServer({ dataDir: dir });
    await first.healthy();
    const second = await startServer({ dataDir: dir });
    expect((await second.exited).code).not.toBe(0);
    expect(second.output()).toContain(`The data directory ${dir} is in use by another Upptäck process (PID ${first.child.pid})`);
    expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);
    expect((await first.stop()).code).toBe(0);
  });

  it('refuses a database that belongs to a newer version', async () => {
    const dir = dataDir('newer');
    const server = await startServer({ dataDir: dir });
    await server.healthy();
    await server.stop();
    const database = await openEmbeddedDatabase({ dataDir: dir });
    await database.owner((tx) => tx.execute(sql`insert into schema_migrations (id, checksum) values ('9999_from_the_future', 'x')`));
    await database.close();
    const again = await startServer({ dataDir: dir });
    expect((await again.exited).code).not.toBe(0);
    expect(again.output()).toContain('Upptäck cannot start: The database has migration 9999_from_the_future');
  });
});

describe('graceful shutdown on SIGTERM', () => {
  it('stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const dir = dataDir('shutdown');
    const server = await startServer({ dataDir: dir });
    await server.healthy();
    const session = await signInOverHttp(server.url);

    // A request whose body is still on its way when the signal arrives.
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', resolve));
    socket.write(
      'POST /api/v1/reference-data/municipality-export HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: 2\r\nCookie: ${session.cookie}\r\nX-CSRF-Token: ${session.csrfToken}\r\nConnection: close\r\n\r\n{`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    // The listener closes first: a new connection is refused while the old request is open.
    await expect
      .poll(
        () =>
          fetch(`${server.url}/api/v1/health`).then(
            () => 'accepted',
            () => 'refused',
          ),
        { timeout: 10_000 },
      )
      .toBe('refused');
    socket.end('}');
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 202 /);
    const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(response)?.[1];
    expect(jobId).toBeDefined();

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('"msg":"shutting down"');
    // Closed cleanly: the lock is released and the request's job was committed.
    expect(fs.existsSync(path.join(dir, 'upptack.lock'))).toBe(false);
    const database = await openEmbeddedDatabase({ dataDir: dir });
    const rows = await database.system((tx) => queryRows<{ id: string }>(tx, sql`select id from jobs where id = ${jobId}`));
    expect(rows).toHaveLength(1);
    await database.close();
  });
});
