import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEvent } from '../../features/competence/competence-builders.ts';
import { organisationId } from '../organisations/organisation-id.ts';
import { createUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { queryRows } from '../db/database.ts';
import { MAX_JSON_DEPTH } from './json-body.ts';

/** `levels` nested arrays around a value, written as text (a literal this deep is not a test fixture). */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

/**
 * Issue 16 item 10: a JSON body nested deeper than the limit is refused at the boundary with 400
 * naming where, for every route, before a handler or the database sees it.
 */
describe('JSON bodies are limited in depth at the boundary', () => {
  let app: TestApp;
  let caseworker: ApiClient;

  beforeAll(async () => {
    app = await createTestApp();
    caseworker = await signIn(app, await createUser(app.database, { roles: ['caseworker'] }));
  });
  afterAll(() => app.close());

  const count = async (table: 'screening_drafts' | 'event_registrations') =>
    (await app.database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`)))[0]!.n;

  it('refuses a screening draft nested 5 000 levels deep with 400 naming the field, and saves nothing', async () => {
    const before = await count('screening_drafts');
    const answer = await caseworker.post('/api/v1/encounters/drafts', `{"state":{"answers":${nestedArrays(5000)}}}`, { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    const problem = answer.problem();
    expect(problem.code).toBe('validation_failed');
    const field = ['state', 'answers', ...Array.from({ length: MAX_JSON_DEPTH - 2 }, () => '0')].join('.');
    expect(problem.errors).toEqual([
      { field, location: 'body', code: 'json_too_deep', message: `Innehållet är nästlat i för många nivåer (högst ${MAX_JSON_DEPTH})` },
    ]);
    expect(await count('screening_drafts')).toBe(before);
    // As deep as the body limit (1 MiB) allows: still a 400, not a stack overflow.
    const deepest = await caseworker.post('/api/v1/encounters/drafts', nestedArrays(500_000), { 'content-type': 'application/json' });
    expect(deepest.status).toBe(400);
    expect(await count('screening_drafts')).toBe(before);
  });

  it('refuses deep JSON on a public form too, in English when asked, and registers no one', async () => {
    const event = await createTestEvent(app.database, { tenantId: organisationId('LST-20') });
    const before = await count('event_registrations');
    const answer = await anonymous(app).post(`/api/v1/public/event-registrations/${event.token}`, `{"name":${nestedArrays(40)}}`, {
      'content-type': 'application/json',
      'accept-language': 'en',
    });
    expect(answer.status).toBe(400);
    expect(answer.problem().errors).toEqual([
      expect.objectContaining({
        field: ['name', ...Array.from({ length: MAX_JSON_DEPTH - 1 }, () => '0')].join('.'),
        code: 'json_too_deep',
        message: `The content is nested too many levels deep (at most ${MAX_JSON_DEPTH})`,
      }),
    ]);
    expect(await count('event_registrations')).toBe(before);
  });

  it('names the body itself when the top level is already too deep, and lets the limit itself through to validation', async () => {
    const tooDeep = await caseworker.post('/api/v1/encounters/drafts', nestedArrays(MAX_JSON_DEPTH + 1), { 'content-type': 'application/json' });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.problem().errors[0]).toMatchObject({ field: Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.'), code: 'json_too_deep' });

    // Exactly at the limit the body reaches the route's own rules (here: state must be an object).
    const atLimit = await caseworker.post('/api/v1/encounters/drafts', `{"state":${nestedArrays(MAX_JSON_DEPTH - 1)}}`, { 'content-type': 'application/json' });
    expect(atLimit.status).toBe(400);
    expect(atLimit.problem().errors.map((error) => error.code)).not.toContain('json_too_deep');
    const draft = await caseworker.post('/api/v1/encounters/drafts', `{"state":{"answers":${nestedArrays(MAX_JSON_DEPTH - 2)}}}`, {
      'content-type': 'application/json',
    });
    expect(draft.status).toBe(201);
  });
});
