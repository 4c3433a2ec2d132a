import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';

describe('the ceiling on anonymous writes, in the running app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ config: { publicWriteLimit: 2 } });
  });
  afterAll(() => app.close());

  it('answers the public API with 429 and Retry-After once an address is over it; others and reads go on', async () => {
    const visitor = anonymous(app, { remoteAddress: '192.0.2.10' });
    const path = '/api/v1/public/survey-links/unknown-link-token-0000000000/responses';
    const first = await visitor.post(path, { answers: {} });
    const second = await visitor.post(path, { answers: {} });
    expect([first.status, second.status]).not.toContain(429);
    const third = await visitor.post(path, { answers: {} });
    expect(third.status).toBe(429);
    expect(third.problem().title).toBe('För många försök. Vänta en stund och försök igen.');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await anonymous(app, { remoteAddress: '192.0.2.11' }).post(path, { answers: {} })).status).not.toBe(429);
    expect((await visitor.get('/api/v1/health')).status).toBe(200);
  });

  it('answers a public form with a plain Swedish page that says how long to wait', async () => {
    const post = () =>
      app.server.inject({
        method: 'POST',
        url: '/enkat/unknown-link-token-0000000000/skicka',
        remoteAddress: '192.0.2.20',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'confirm=1',
      });
    await post();
    await post();
    const refused = await post();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('<h1>Vänta en stund</h1>');
    expect(refused.body).toContain('Vänta 10 minuter och skicka igen');
  });
});
