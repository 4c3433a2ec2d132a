import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { recordAudit } from '../audit/audit.ts';
import { ATTEMPTS_EXHAUSTED, enqueueJob } from '../jobs/job-runner.ts';
import { jobs } from '../jobs/schema.ts';
import { startMetricsServer, type MetricsServer } from './metrics-server.ts';

/** One sample's value from the exposition text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[4]);
  }
  return undefined;
}

describe('metrics (issue 18, ADR 0089)', () => {
  let app: TestApp;
  let user: TestUser;
  let client: ApiClient;
  let server: MetricsServer;
  const token = crypto.randomBytes(16).toString('hex');
  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(`http://127.0.0.1:${server.port}/metrics`, { headers });

  beforeAll(async () => {
    app = await createTestApp({ config: { metricsPort: 0 } });
    user = await createUser(app.database, { organisation: 'FK' });
    client = await signIn(app, user);
    server = await startMetricsServer({ metrics: app.metrics, port: 0, host: '127.0.0.1', token, logger: app.server.log });
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('times requests by route pattern and status, never by the URL with its ids', async () => {
    const missing = crypto.randomUUID();
    expect((await client.get(`/api/v1/jobs/${missing}`)).status).toBe(404);
    expect((await client.get('/api/v1/health/live')).status).toBe(200);
    expect((await anonymous(app).get(`/api/v1/no-such-route/${missing}`)).status).toBe(404);
    const text = await (await scrape()).text();
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/api/v1/jobs/:id', method: 'GET', status_code: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/api/v1/health/live', method: 'GET', status_code: '200' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/api/v1/jobs/:id', le: '+Inf' })).toBe(1);
    expect(text).not.toContain(missing);
    expect(text).not.toContain('no-such-route');
  });

  it('counts refused sign-ins without naming who tried', async () => {
    const before = sample(await (await scrape()).text(), 'upptack_login_failures_total', { reason: 'credentials' }) ?? 0;
    const refused = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: 'not-the-password-at-all' });
    expect(refused.status).toBe(401);
    const text = await (await scrape()).text();
    expect(sample(text, 'upptack_login_failures_total', { reason: 'credentials' })).toBe(before + 1);
    expect(text).not.toContain(user.email);
  });

  it('counts audit events that could not be written, and the write fails with them', async () => {
    const before = await (await scrape()).text();
    expect(sample(before, 'upptack_audit_write_failures_total', { reason: 'database_unavailable' })).toBeGreaterThanOrEqual(0);
    const errorsBefore = sample(before, 'upptack_audit_write_failures_total', { reason: 'error' }) ?? 0;
    // A refused audit row (here: a record organisation that is no uuid) fails the transaction it is in.
    const failed = app.database.system((tx) =>
      recordAudit(tx, 'system', { ip: null, requestId: null }, { action: 'test.metrics', recordType: 'test', recordId: 'x', recordTenantId: 'not-a-uuid' }),
    );
    await expect(failed).rejects.toThrow();
    // A working audit write counts nothing.
    await app.database.system((tx) => recordAudit(tx, 'system', { ip: null, requestId: null }, { action: 'test.metrics' }));
    const text = await (await scrape()).text();
    expect(sample(text, 'upptack_audit_write_failures_total', { reason: 'error' })).toBe(errorsBefore + 1);
  });

  it('shows the job queue: depth, oldest age, running jobs and dead letters', async () => {
    const before = await (await scrape()).text();
    const deadBefore = sample(before, 'upptack_job_dead_letters') ?? 0;
    const queuedBefore = sample(before, 'upptack_job_queue_depth') ?? 0;
    const [waiting, dead] = await app.database.system(async (tx) => [
      await enqueueJob(tx, { kind: 'test.metrics', tenantId: null, createdBy: null }),
      await enqueueJob(tx, { kind: 'test.metrics', tenantId: null, createdBy: null }),
    ]);
    await app.database.system((tx) => tx.update(jobs).set({ status: 'failed', errorCode: ATTEMPTS_EXHAUSTED }).where(eq(jobs.id, dead)));
    // The app's clock moves on: the queued job has waited two minutes.
    app.clock.advance(120_000);
    const text = await (await scrape()).text();
    expect(sample(text, 'upptack_job_queue_depth')).toBe(queuedBefore + 1);
    expect(sample(text, 'upptack_job_queue_oldest_age_seconds')).toBeGreaterThanOrEqual(120);
    expect(sample(text, 'upptack_job_dead_letters')).toBe(deadBefore + 1);
    expect(sample(text, 'upptack_jobs_running')).toBe(0);
    expect(text).not.toContain(waiting);
    await app.database.system((tx) => tx.update(jobs).set({ status: 'succeeded' }).where(eq(jobs.id, waiting)));
  });

  it('reports event-loop lag and, on PostgreSQL, the connection pool', async () => {
    const text = await (await scrape()).text();
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    if (app.database.kind === 'postgresql') {
      expect(sample(text, 'upptack_db_pool_max')).toBeGreaterThan(0);
      expect(sample(text, 'upptack_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'upptack_db_pool_waiting')).toBe(0);
    } else {
      // The embedded database has one connection in the process and no pool to report.
      expect(text).not.toContain('upptack_db_pool');
    }
  });

  it('answers only a scrape with the token, only on its own port, and only at /metrics', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${token}x` })).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect((await fetch(`http://127.0.0.1:${server.port}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    // The public port has no metrics.
    expect((await anonymous(app).get('/metrics')).status).toBe(404);
    expect((await anonymous(app).get('/api/v1/metrics')).status).toBe(404);
  });
});
