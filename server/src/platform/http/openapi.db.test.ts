import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  security: unknown[];
  parameters: Array<{ in: string }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
  'x-access': unknown;
};
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: OpenApiDocument;
  let documented: Set<string>;

  beforeAll(async () => {
    app = await createTestApp();
    const response = await anonymous(app).get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    document = response.json<OpenApiDocument>();
    documented = new Set(Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`)));
  });
  afterAll(() => app.close());

  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('lists every API route registered on the server, however it was registered', () => {
    // HEAD routes are Fastify's automatic companions of GET routes.
    const registered = app.registeredRoutes
      .filter((route) => route.url.startsWith('/api/') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${openApiPath(route.url)}`);
    expect(registered.length).toBeGreaterThan(0);
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents nothing that is not served', () => {
    const served = new Set(app.registeredRoutes.map((route) => `${route.method} ${openApiPath(route.url)}`));
    expect([...documented].filter((operation) => !served.has(operation))).toEqual([]);
  });

  it('gives every operation a unique id, a summary, tags, access and a success response', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      expect(operation.summary, operation.operationId).toMatch(/\S/);
      expect(operation.tags.length, operation.operationId).toBeGreaterThan(0);
      expect(operation['x-access'], operation.operationId).toBeDefined();
      // A redirect URI (the OpenID Connect callback) succeeds with a redirect.
      expect(
        Object.keys(operation.responses).some((status) => /^(2\d\d|303)$/.test(status)),
        operation.operationId,
      ).toBe(true);
    }
  });

  const problemStatuses = (operation: Operation | undefined) => Object.keys(operation?.responses ?? {}).filter((status) => /^4\d\d$/.test(status));

  it('declares the 4xx problem answers each kind of operation gives, as problem documents', () => {
    expect(problemStatuses(document.paths['/api/v1/directory/entries/{id}']?.put)).toEqual(['400', '401', '403', '404', '409']);
    expect(problemStatuses(document.paths['/api/v1/directory/entries/{id}']?.get)).toEqual(['400', '401', '403', '404']);
    expect(problemStatuses(document.paths['/api/v1/public/event-registrations/{token}']?.post)).toEqual(['400', '404', '429']);
    expect(problemStatuses(document.paths['/api/v1/public/event-registrations/{token}']?.get)).toEqual(['400', '404']);
    expect(problemStatuses(document.paths['/api/v1/public/directory/export.json']?.get)).toEqual([]);
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        const statuses = problemStatuses(operation);
        // Every operation that needs a caller says what happens without one; every path parameter may name nothing.
        expect(statuses.includes('401'), name).toBe(operation.security.length > 0 && operation['x-access'] !== 'auth');
        expect(statuses.includes('404'), name).toBe(operation.parameters.some((parameter) => parameter.in === 'path'));
        expect(statuses.includes('403'), name).toBe(typeof operation['x-access'] === 'object' || (method !== 'get' && operation.security.length > 0));
        for (const status of statuses)
          expect(Object.keys(operation.responses[status]?.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });
});
