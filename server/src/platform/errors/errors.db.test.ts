import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '#shared/i18n/errors.ts';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem.ts';
import { platformErrorMessages } from './messages.ts';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';

/** A value that must never reach a client: it stands for personal data inside a database error. */
const SECRET = 'anna.andersson@example.se';

/** A bug's database error: PostgreSQL's, with a value in the message. */
const duplicateKey = () =>
  Object.assign(new Error(`duplicate key value violates unique constraint "users_email": Key (email)=(${SECRET}) already exists.`), {
    code: '23505',
    constraint: 'users_email',
  });

/** A database whose every query fails with the error `makeError` makes. */
function failingDatabase(database: TestDatabase, makeError: () => Error = duplicateKey): TestDatabase {
  const fault = () => Promise.reject(makeError());
  return { ...database, transaction: fault, system: fault, ping: fault };
}

/** An error as node-postgres reports it from the server: the message and the SQLSTATE. */
const serverError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
/** As drizzle rethrows a driver error: its own message, the driver's error as the cause. */
const fromDrizzle = (cause: Error) => new Error('Failed query: select 1\nparams: ', { cause });

describe('unknown routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it.each([
    ['GET', '/api/v1/does-not-exist'],
    ['POST', '/api/v1/does-not-exist'],
    ['DELETE', '/api/v1/health'],
    ['PUT', '/api/v1/openapi.json'],
    ['GET', '/api/v2/health'],
    ['GET', '/api/v1/health/'],
  ] as const)('%s %s → 404 problem document', async (method, url) => {
    const response = await anonymous(app).request(method, url, method === 'GET' || method === 'DELETE' ? undefined : '{not json', {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ status: 404, code: 'route_not_found', type: 'urn:upptack:problem:route_not_found' });
  });

  it('answers a browser that asks for an unknown page with a Swedish HTML page', async () => {
    const response = await anonymous(app).get('/finns-inte', { accept: 'text/html' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="sv"');
    expect(response.body).toContain('Sidan finns inte');
  });

  it('answers anything else that is unknown with JSON', async () => {
    const response = await anonymous(app).get('/finns-inte');
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('answers in English when asked', async () => {
    const response = await anonymous(app).get('/api/v1/does-not-exist', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(response.json()).toMatchObject({ title: expect.stringMatching(/[a-z]/) });
    const swedish = await anonymous(app).get('/api/v1/does-not-exist');
    expect(response.json<{ title: string }>().title).not.toBe(swedish.json<{ title: string }>().title);
  });
});

describe('a genuine fault', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ database: failingDatabase(await createTestDatabase()) });
  });
  afterAll(() => app.close());

  it('answers 500 in the same problem format, with the request id and nothing from the fault', async () => {
    const response = await anonymous(app).get('/api/v1/public/reference-data', { 'x-request-id': 'trace-0123456789' });
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      type: 'urn:upptack:problem:internal_error',
      title: expect.any(String),
      status: 500,
      code: 'internal_error',
      instance: '/api/v1/public/reference-data',
      requestId: 'trace-0123456789',
    });
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('users_email');
    expect(response.body).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('reports a database that hangs as unavailable too', async () => {
    const hanging = await createTestApp({ database: { ...(await createTestDatabase()), ping: () => new Promise<void>(() => {}) } });
    try {
      const response = await anonymous(hanging).get('/api/v1/health');
      expect(response.status).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable' });
    } finally {
      await hanging.close();
    }
  });

  it('reports the database as unavailable on the health route: 503', async () => {
    const response = await anonymous(app).get('/api/v1/health');
    expect(response.status).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', database: app.database.kind, failedCheck: 'database' });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

/**
 * Issue 18: a database that is down, restarting, out of space or too slow is not a bug. Every kind
 * of such fault, as the driver reports it, answers 503 with Retry-After — never 500.
 */
describe('the database unavailable', () => {
  const faults: Array<[string, () => Error, number]> = [
    [
      'connection refused (server down)',
      () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' }),
      5,
    ],
    ['connection reset', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 5],
    ['connection terminated (fast stop, failover)', () => new Error('Connection terminated unexpectedly'), 5],
    ['a client whose connection broke', () => fromDrizzle(new Error('Client has encountered a connection error and is not queryable')), 5],
    ['08006 connection failure', () => fromDrizzle(serverError('08006', 'connection failure')), 5],
    ['08001 unable to establish a connection', () => serverError('08001', 'could not connect to server'), 5],
    ['57P01 admin shutdown (restart, fast stop)', () => fromDrizzle(serverError('57P01', 'terminating connection due to administrator command')), 5],
    ['57P02 crash shutdown', () => serverError('57P02', 'terminating connection because of crash of another server process'), 5],
    ['57P03 cannot connect now (starting up)', () => serverError('57P03', 'the database system is starting up'), 5],
    ['connect timeout', () => new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }), 5],
    ['no free connection in time', () => new Error('timeout exceeded when trying to connect'), 5],
    ['57014 statement timeout', () => fromDrizzle(serverError('57014', 'canceling statement due to statement timeout')), 5],
    ['55P03 lock timeout', () => fromDrizzle(serverError('55P03', 'canceling statement due to lock timeout')), 5],
    ['25P03 idle-in-transaction timeout', () => serverError('25P03', 'terminating connection due to idle-in-transaction timeout'), 5],
    ['53100 disk full', () => fromDrizzle(serverError('53100', 'could not extend file "base/16384/16385": No space left on device')), 30],
    ['53200 out of memory', () => serverError('53200', 'out of memory'), 30],
    ['53300 too many connections', () => serverError('53300', 'sorry, too many clients already'), 30],
  ];

  it.each(faults)('%s → 503 service_unavailable with Retry-After, in Swedish and English', async (_name, makeError, retryAfter) => {
    const app = await createTestApp({ database: failingDatabase(await createTestDatabase(), makeError) });
    try {
      const response = await anonymous(app).get('/api/v1/public/reference-data', { 'x-request-id': 'trace-0123456789' });
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe(String(retryAfter));
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual({
        type: 'urn:upptack:problem:service_unavailable',
        title: errorMessages.sv.service_unavailable,
        status: 503,
        code: 'service_unavailable',
        detail: platformErrorMessages.sv.databaseUnavailable,
        instance: '/api/v1/public/reference-data',
        requestId: 'trace-0123456789',
      });
      const english = await anonymous(app).get('/api/v1/public/reference-data', { 'accept-language': 'en' });
      expect(english.json()).toMatchObject({ title: errorMessages.en.service_unavailable, detail: platformErrorMessages.en.databaseUnavailable });
      // Signed-in requests meet the database before the route, when the session is read.
      const staff = await anonymous(app).get('/api/v1/jobs', { cookie: 'upptack_session=a-session-the-database-cannot-look-up' });
      expect({ status: staff.status, retryAfter: staff.headers['retry-after'] }).toEqual({ status: 503, retryAfter: String(retryAfter) });
      // The operator sees the outage in the log, as a warning naming its kind, not as a bug.
      const lines = app.capture.logLines;
      expect(lines.some((line) => line.includes('"msg":"database unavailable"') && line.includes('"databaseFault":'))).toBe(true);
      expect(lines.some((line) => line.includes('unhandled error'))).toBe(false);
    } finally {
      await app.close();
    }
  });

  it("still answers a bug's database error with 500, not 503", async () => {
    const app = await createTestApp({ database: failingDatabase(await createTestDatabase(), () => fromDrizzle(duplicateKey())) });
    try {
      const response = await anonymous(app).get('/api/v1/public/reference-data');
      expect(response.status).toBe(500);
      expect(response.headers['retry-after']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
