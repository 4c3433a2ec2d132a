import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFixture } from '../../test-support/example-records/builders.ts';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';

/**
 * The contract (issue 3): anonymous API routes are exactly these; every other route answers 401
 * to an anonymous caller before it validates the body.
 */
const ANONYMOUS_ROUTES: RegExp[] = [
  /^GET \/api\/v1\/health(\/live)?$/,
  /^GET \/api\/v1\/openapi\.json$/,
  /^[A-Z]+ \/api\/v1\/auth\//,
  /^GET \/api\/v1\/directory\/services$/,
  /^GET \/api\/v1\/directory\/handout\.pdf$/,
  /^[A-Z]+ \/api\/v1\/public\//,
  // The languages offered (issue 21): public reference data, names and directions only.
  /^GET \/api\/v1\/languages$/,
  // SCIM provisioning (issue 19): no session; each route requires the organisation's SCIM token.
  /^[A-Z]+ \/api\/v1\/scim\/v2\//,
];

describe('which API routes admit anonymous callers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(exampleFixture);
  });
  afterAll(() => app.close());

  it('only the routes the contract lists are public or authentication routes', () => {
    const open = app.routes.filter((route) => route.access.kind === 'public' || route.access.kind === 'auth').map((route) => `${route.method} ${route.url}`);
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((key) => !ANONYMOUS_ROUTES.some((pattern) => pattern.test(key)))).toEqual([]);
  });

  it('every other route answers 401 to an anonymous caller, even with a broken body and bad parameters', async () => {
    const closed = app.routes.filter((route) => route.access.kind !== 'public' && route.access.kind !== 'auth');
    expect(closed.length).toBeGreaterThan(20);
    const answers: string[] = [];
    for (const route of closed) {
      const url = route.url.replace(/:[A-Za-z]+/g, 'not-a-valid-parameter');
      const response = await anonymous(app).request(route.method, url, route.method === 'GET' ? undefined : '{"broken json', {
        'content-type': 'application/json',
      });
      answers.push(`${route.method} ${route.url} → ${response.status} ${response.json<{ code: string }>().code}`);
    }
    expect(answers.filter((answer) => !answer.endsWith('→ 401 unauthenticated'))).toEqual([]);
  });

  it('an expired or unknown session is told apart from none, still before the body', async () => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: { cookie: 'upptack_session=forged-token', 'content-type': 'application/json' },
      payload: '{"broken json',
    });
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).code).toBe('session_expired');
    expect(JSON.parse(response.body).title).toBe('Du har blivit utloggad. Logga in igen.');
  });
});
