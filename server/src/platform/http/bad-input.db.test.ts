import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#shared/auth/roles.ts';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem.ts';
import { createUser, type TestUser } from '../../test-support/builders.ts';
import { garbageRequests, type OpenApiOperation } from '../../test-support/garbage.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type ApiResponse, type TestApp } from '../../test-support/test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

const STACK_FRAME = /\bat .+\.(ts|tsx|js|mjs|cjs):\d+/;

/** What is wrong with an answer to a bad request; undefined when the answer is fine. */
function verdict(response: ApiResponse, expectStatus: number[] | undefined): string | undefined {
  if (response.status >= 500) return `answered ${response.status}`;
  if (expectStatus !== undefined && !expectStatus.includes(response.status)) return `answered ${response.status}, expected ${expectStatus.join(' or ')}`;
  if (STACK_FRAME.test(response.body)) return 'leaked a stack trace';
  if (response.status >= 400) {
    if (!String(response.headers['content-type']).startsWith(PROBLEM_CONTENT_TYPE)) return `error without problem+json (${response.headers['content-type']})`;
    const problem = response.json<{ status?: number; code?: string }>();
    if (problem.status !== response.status || typeof problem.code !== 'string') return 'malformed problem document';
  }
  return undefined;
}

/**
 * Sends garbage to every operation in the OpenAPI document (wrong types, missing fields, huge
 * bodies, invalid JSON, wrong content types, random path parameters, odd headers), anonymously and
 * signed in with every role. Routes added by later features are covered without changing this
 * file. Responses are also checked against their declared schemas (createTestApp), so a route
 * that answers something it does not declare fails here too.
 */
describe('bad input never yields a server error', () => {
  let app: TestApp;
  let everyRole: TestUser;
  let operations: Array<{ method: Method; path: string; operation: OpenApiOperation }>;

  beforeAll(async () => {
    // Thousands of anonymous writes from one address: lift the ceiling so each reaches validation.
    app = await createTestApp({ config: { publicWriteLimit: 100_000 } });
    everyRole = await createUser(app.database, { roles: [...ROLES], demo: true });
    const document = (await anonymous(app).get('/api/v1/openapi.json')).json<OpenApiDocument>();
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase() as Method, path, operation })),
    );
  });
  afterAll(() => app.close());

  async function sendEverything(caller: () => Promise<ApiClient>, renew: (response: ApiResponse) => boolean) {
    const failures: string[] = [];
    let sent = 0;
    let client = await caller();
    for (const [index, { method, path, operation }] of operations.entries()) {
      for (const request of garbageRequests(method, path, operation, { bodyLimit: app.context.config.bodyLimitBytes, seed: 2026 + index })) {
        const response = await client.request(method, request.url, request.body, request.headers);
        sent++;
        const problem = verdict(response, request.expectStatus);
        if (problem) failures.push(`${method} ${path} — ${request.name}: ${problem}: ${response.body.slice(0, 200)}`);
        // A case may end the session (e.g. sign-out); the next case starts signed in again.
        if (renew(response)) client = await caller();
      }
    }
    return { failures, sent };
  }

  it('covers every route the app registers', () => {
    expect(operations.length).toBe(app.routes.length);
  });

  it('answers anonymous garbage with 4xx problem documents', async () => {
    const { failures, sent } = await sendEverything(
      async () => anonymous(app),
      () => false,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(operations.length * 40);
    // Some 60 requests per route, over a hundred routes: minutes when the two cores are shared.
  }, 600_000);

  it('answers garbage from a user holding every role with 4xx problem documents', async () => {
    const { failures, sent } = await sendEverything(
      () => signIn(app, everyRole),
      (response) => response.status === 401,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(operations.length * 40);
    // Thousands of requests, growing with every feature's routes: 30 s alone on the shared two
    // cores after the survey routes (2026-11-22), and over 60 s beside the other database files.
  }, 600_000);
});
