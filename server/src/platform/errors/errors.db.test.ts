import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem.ts';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';

/** A value that must never reach a client: it stands for personal data inside a database error. */
const SECRET = 'anna.andersson@example.se';

/** A database whose every query fails the way PostgreSQL fails, with a value in the message. */
function failingDatabase(database: TestDatabase): TestDatabase {
  const fault = () =>
    Promise.reject(
      Object.assign(new Error(`duplicate key value violates unique constraint "users_email": Key (email)=(${SECRET}) already exists.`), {
        code: '23505',
        constraint: 'users_email',
      }),
    );
  return { ...database, transaction: fault, system: fault, ping: fault };
}

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
    const response = await anonymous(app).request(method, url, method === 'GET' || method === 'DELETE' ? undefined : '{not json', { 'content-type': 'application/json' });
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
    expect(response.json()).toEqual({ status: 'unavailable', database: app.database.kind });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
