import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type ApiResponse, type TestApp } from '../../test-support/test-app.ts';
import { WEB_DIST } from './web-assets.ts';

type OpenApiDocument = { paths: Record<string, Record<string, { parameters?: Array<{ in: string }> }>> };

function expectSecurityHeaders(response: ApiResponse, what: string) {
  expect(response.headers['content-security-policy'], what).toContain("default-src 'self'");
  expect(response.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['referrer-policy'], what).toBe('no-referrer');
  expect(response.headers['x-frame-options'], what).toBe('DENY');
  expect(response.headers['x-request-id'], what).toMatch(/\S{8,}/);
}

/** Headers every answer carries: security headers, a request id, and no caching of data. */
describe('response headers', () => {
  let app: TestApp;
  let signedIn: ApiClient;
  let getRoutes: string[];

  beforeAll(async () => {
    app = await createTestApp();
    signedIn = await signIn(app, await createUser(app.database, { roles: ['caseworker', 'manager'], demo: true }));
    const document = (await anonymous(app).get('/api/v1/openapi.json')).json<OpenApiDocument>();
    getRoutes = Object.entries(document.paths)
      .filter(([, methods]) => methods.get && !(methods.get.parameters ?? []).some((p) => p.in === 'path'))
      .map(([route]) => route);
  });
  afterAll(() => app.close());

  it('makes every API answer uncacheable and secure, anonymous or signed in, success or error', async () => {
    expect(getRoutes.length).toBeGreaterThan(3);
    for (const route of getRoutes) {
      for (const [who, client] of [
        ['anonymous', anonymous(app)],
        ['signed in', signedIn],
      ] as const) {
        const response = await client.get(route);
        expect(response.headers['cache-control'], `${who} ${route} (${response.status})`).toBe('no-store');
        expectSecurityHeaders(response, `${who} ${route}`);
      }
    }
  });

  it('sets no cookie on public routes and pages, even for a caller with a session', async () => {
    for (const url of ['/', '/tillganglighet', '/api/v1/health', '/api/v1/public/reference-data']) {
      for (const client of [anonymous(app), signedIn]) {
        const response = await client.get(url, { accept: 'text/html' });
        expect(response.status, url).toBe(200);
        expect(response.headers['set-cookie'], url).toBeUndefined();
        expect(response.headers['cache-control'], url).toBe('no-store');
        expectSecurityHeaders(response, url);
      }
    }
  });

  it('passes on a well-formed request id, for tracing a request through the logs', async () => {
    const response = await anonymous(app).get('/api/v1/health', { 'x-request-id': 'lb-trace-0123456789' });
    expect(response.headers['x-request-id']).toBe('lb-trace-0123456789');
  });

  it('serves the staff app uncached and its hashed assets as immutable', async () => {
    const page = await anonymous(app).get('/personal/');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="sv"');
    const asset = fs.readdirSync(path.join(WEB_DIST, 'assets')).find((file) => file.endsWith('.js'));
    const response = await anonymous(app).get(`/assets/${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('compresses every text answer for a browser that accepts it: assets once at build time, pages and API per request', async () => {
    const assets = fs.readdirSync(path.join(WEB_DIST, 'assets')).filter((file) => /\.(js|css)$/.test(file));
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      const original = fs.readFileSync(path.join(WEB_DIST, 'assets', asset));
      const response = await app.server.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'br, gzip' } });
      expect(response.headers['content-encoding'], asset).toBe('br');
      expect(String(response.headers.vary).toLowerCase(), asset).toContain('accept-encoding');
      expect(zlib.brotliDecompressSync(response.rawPayload).equals(original), asset).toBe(true);
    }
    const gzipOnly = await app.server.inject({ method: 'GET', url: `/assets/${assets[0]}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    const identity = await app.server.inject({ method: 'GET', url: `/assets/${assets[0]}` });
    expect(identity.headers['content-encoding']).toBeUndefined();

    // The staff app's HTML (under 1 kB) is below the threshold where compressing pays.
    for (const url of ['/', '/api/v1/public/reference-data']) {
      const response = await app.server.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip', accept: 'text/html' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(response.rawPayload).length, url).toBeGreaterThan(response.rawPayload.length);
    }
  });
});
