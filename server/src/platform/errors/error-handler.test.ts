import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '#shared/i18n/errors.ts';
import { ERROR_CODES, PROBLEM_CONTENT_TYPE, type ProblemDocument } from '#shared/problem.ts';
import { AppError, invalidField } from './app-error.ts';
import { handleError } from './error-handler.ts';

/** How thrown errors become RFC 9457 problem documents (ADR 0004). */
describe('problem mapping', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify({ bodyLimit: 1024, genReqId: () => 'request-0123456789' });
    app.setErrorHandler((error, request, reply) => handleError(error as Error, request, reply));
    app.get('/conflict', async () => {
      throw new AppError('version_conflict', {
        detail: { sv: 'Någon hann före.', en: 'Someone got there first.' },
        headers: { 'retry-after': '5' },
      });
    });
    app.get('/field', async () => {
      throw invalidField('municipality', 'unknown_municipality', { sv: 'Kommunen finns inte.', en: 'No such municipality.' }, 'query');
    });
    app.get('/fault', async () => {
      throw new Error('the secret internals of a bug');
    });
    app.get('/client-error', async () => {
      throw Object.assign(new Error('bad header'), { statusCode: 431 });
    });
    app.post('/echo', async (request) => request.body);
    await app.ready();
  });
  afterAll(() => app.close());

  const problem = (body: string) => JSON.parse(body) as ProblemDocument;

  it('sends an AppError with its catalogue status, localised title and detail, and its headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/conflict?x=1' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['retry-after']).toBe('5');
    expect(problem(response.body)).toEqual({
      type: 'urn:upptack:problem:version_conflict',
      title: errorMessages.sv.version_conflict,
      status: 409,
      code: 'version_conflict',
      detail: 'Någon hann före.',
      instance: '/conflict',
      requestId: 'request-0123456789',
    });
    const english = await app.inject({ method: 'GET', url: '/conflict', headers: { 'accept-language': 'en' } });
    expect(problem(english.body)).toMatchObject({ title: errorMessages.en.version_conflict, detail: 'Someone got there first.' });
  });

  it("lists field errors with path, location, code and a message in the request's language", async () => {
    const response = await app.inject({ method: 'GET', url: '/field', headers: { 'x-locale': 'en' } });
    expect(response.statusCode).toBe(400);
    expect(problem(response.body).errors).toEqual([
      { field: 'municipality', location: 'query', code: 'unknown_municipality', message: 'No such municipality.' },
    ]);
  });

  it('answers a fault with 500 and nothing of the fault', async () => {
    const response = await app.inject({ method: 'GET', url: '/fault' });
    expect(response.statusCode).toBe(500);
    expect(problem(response.body)).toEqual({
      type: 'urn:upptack:problem:internal_error',
      title: errorMessages.sv.internal_error,
      status: 500,
      code: 'internal_error',
      instance: '/fault',
      requestId: 'request-0123456789',
    });
  });

  it("maps the framework's client errors to 4xx codes", async () => {
    const cases = [
      { payload: '{broken', contentType: 'application/json', status: 400, code: 'invalid_json' },
      { payload: '', contentType: 'application/json', status: 400, code: 'invalid_json' },
      { payload: JSON.stringify({ big: 'x'.repeat(2000) }), contentType: 'application/json', status: 413, code: 'payload_too_large' },
      { payload: '<a/>', contentType: 'application/xml', status: 415, code: 'unsupported_media_type' },
    ];
    for (const { payload, contentType, status, code } of cases) {
      const response = await app.inject({ method: 'POST', url: '/echo', payload, headers: { 'content-type': contentType } });
      expect({ status: response.statusCode, code: problem(response.body).code }).toEqual({ status, code });
    }
    const other = await app.inject({ method: 'GET', url: '/client-error' });
    expect(other.statusCode).toBe(400);
    expect(problem(other.body).code).toBe('validation_failed');
  });

  it('gives every code in the catalogue a 4xx or 5xx status and a title in both languages', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(errorMessages.sv[code as keyof typeof ERROR_CODES], code).toMatch(/\S/);
      expect(errorMessages.en[code as keyof typeof ERROR_CODES], code).toMatch(/\S/);
    }
  });
});
