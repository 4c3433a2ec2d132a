import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';

/**
 * Issue 18: readiness (`/api/v1/health`: the database answers, has every migration, and an
 * embedded data directory takes writes) beside liveness (`/api/v1/health/live`: the process
 * serves HTTP, no database), so an orchestrator takes a pod out of rotation for a database fault
 * instead of restarting it.
 */
const directories: string[] = [];
afterAll(() => {
  for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
});
const temporaryDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-health-'));
  directories.push(dir);
  return dir;
};

describe('readiness and liveness on a healthy database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers ready and alive', async () => {
    const ready = await anonymous(app).get('/api/v1/health');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: app.database.kind });
    const live = await anonymous(app).get('/api/v1/health/live');
    expect(live.status).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    expect(live.headers['cache-control']).toBe('no-store');
  });

  it('describes both in the OpenAPI document', async () => {
    const document = (await anonymous(app).get('/api/v1/openapi.json')).json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>();
    expect(Object.keys(document.paths['/api/v1/health']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '503']));
    const live = Object.keys(document.paths['/api/v1/health/live']?.get?.responses ?? {});
    expect(live).toContain('200');
    expect(live).not.toContain('503');
  });

  it('is not ready while the database lacks a migration this code has, and ready again once it is applied', async () => {
    const [last] = await app.database.system((tx) =>
      queryRows<{ id: string; checksum: string }>(tx, sql`select id, checksum from schema_migrations order by id desc limit 1`),
    );
    if (!last) throw new Error('the test database has no migrations');
    await app.database.owner((tx) => tx.execute(sql`delete from schema_migrations where id = ${last.id}`));
    const pending = await anonymous(app).get('/api/v1/health');
    expect(pending.status).toBe(503);
    expect(pending.json()).toEqual({ status: 'unavailable', database: app.database.kind, failedCheck: 'migrations' });
    expect((await anonymous(app).get('/api/v1/health/live')).status).toBe(200);

    await app.database.owner((tx) => tx.execute(sql`insert into schema_migrations (id, checksum) values (${last.id}, ${last.checksum})`));
    expect((await anonymous(app).get('/api/v1/health')).status).toBe(200);
  });
});

describe('the data directory of an embedded database', () => {
  const withDataDir = async (dataDir: string): Promise<TestApp> => createTestApp({ database: { ...(await createTestDatabase()), dataDir } });

  it('is ready when the directory takes a write, and leaves nothing behind', async () => {
    const dir = temporaryDir();
    const app = await withDataDir(dir);
    try {
      expect((await anonymous(app).get('/api/v1/health')).status).toBe(200);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('is not ready, naming the data directory, when nothing can be written there', async () => {
    // Root writes through permission bits, so "cannot write" is a path that is not a directory.
    const notADirectory = path.join(temporaryDir(), 'pgdata-on-a-file');
    fs.writeFileSync(notADirectory, '');
    const app = await withDataDir(notADirectory);
    try {
      const response = await anonymous(app).get('/api/v1/health');
      expect(response.status).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', database: app.database.kind, failedCheck: 'data_directory' });
      expect((await anonymous(app).get('/api/v1/health/live')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('liveness without a database', () => {
  it('answers 200 while every database call fails or hangs, and makes none', async () => {
    const database = await createTestDatabase();
    const calls: string[] = [];
    const broken = (name: string, outcome: () => Promise<never>) => () => {
      calls.push(name);
      return outcome();
    };
    const fails = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const hangs = () => new Promise<never>(() => {});
    for (const outcome of [fails, hangs]) {
      const app = await createTestApp({
        database: { ...database, transaction: broken('transaction', outcome), system: broken('system', outcome), ping: broken('ping', outcome) },
      });
      try {
        calls.length = 0;
        const response = await anonymous(app).get('/api/v1/health/live');
        expect(response.status).toBe(200);
        expect(response.json()).toEqual({ status: 'ok' });
        expect(calls).toEqual([]);
      } finally {
        await app.server.close();
      }
    }
    await database.close();
  });
});
