import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, type TestUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';

describe('sign-in, sessions and throttling', () => {
  let app: TestApp;
  let caseworker: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    caseworker = await createUser(app.database, { roles: ['caseworker'], demo: true });
  });
  afterAll(() => app.close());

  it('signs in and tells who is signed in', async () => {
    const client = await signIn(app, caseworker);
    const session = await client.get('/api/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.json()).toMatchObject({ signedIn: true, user: { email: caseworker.email }, roles: ['caseworker'], actingUnitId: caseworker.unitId });
    expect(Number(session.headers['x-session-idle-seconds'])).toBe(15 * 60);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await anonymous(app).post('/api/v1/auth/login', { email: caseworker.email, password: caseworker.password });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/upptack_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('answers a wrong password and an unknown account with the same neutral message', async () => {
    const wrong = await anonymous(app).post('/api/v1/auth/login', { email: caseworker.email, password: 'not the right password' });
    const unknown = await anonymous(app).post('/api/v1/auth/login', { email: 'nobody@test.upptack.se', password: 'not the right password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().detail).toBe('Fel e-postadress, lösenord eller engångskod.');
  });

  it('throttles the 11th failure for the same email, even for an account that does not exist', async () => {
    const email = 'ghost@test.upptack.se';
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await anonymous(app, { remoteAddress: `192.0.2.${attempt}` }).post('/api/v1/auth/login', { email, password: 'wrong password number' });
      expect(response.status).toBe(401);
    }
    const eleventh = await anonymous(app).post('/api/v1/auth/login', { email, password: 'wrong password number' });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect(eleventh.json().detail).toBe('Fel e-postadress, lösenord eller engångskod.');
    app.clock.advance(15 * 60_000 + 1000);
    const later = await anonymous(app).post('/api/v1/auth/login', { email, password: 'wrong password number' });
    expect(later.status).toBe(401);
  });

  it('throttles the 11th failure from the same client address, checked before the body', async () => {
    const address = '198.51.100.7';
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await anonymous(app, { remoteAddress: address }).post('/api/v1/auth/login', {
        email: `someone${attempt}@test.upptack.se`,
        password: 'wrong password number',
      });
      expect(response.status).toBe(401);
    }
    const garbage = await anonymous(app, { remoteAddress: address }).post('/api/v1/auth/login', '{not json');
    expect(garbage.status).toBe(429);
    expect(garbage.headers['retry-after']).toBeDefined();
  });

  it('rejects a cross-site sign-in', async () => {
    const response = await anonymous(app).post(
      '/api/v1/auth/login',
      { email: caseworker.email, password: caseworker.password },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(response.status).toBe(403);
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const client = await signIn(app, caseworker);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await client.get('/api/v1/jobs/00000000-0000-4000-8000-000000000000');
    expect(after.status).toBe(401);
    expect(after.json().code).toBe('session_expired');
  });

  it('ends an idle session after the idle timeout, and an active one after the absolute timeout', async () => {
    const client = await signIn(app, caseworker);
    app.clock.advance(14 * 60_000);
    expect((await client.get('/api/v1/auth/session')).json().signedIn).toBe(true);
    app.clock.advance(16 * 60_000);
    expect((await client.get('/api/v1/auth/session')).json().signedIn).toBe(false);

    const active = await signIn(app, caseworker);
    for (let hour = 0; hour < 8; hour++) {
      app.clock.advance(10 * 60_000);
      await active.get('/api/v1/auth/session');
      app.clock.advance(50 * 60_000 - 1);
      await active.get('/api/v1/auth/session');
    }
    expect((await active.get('/api/v1/auth/session')).json().signedIn).toBe(false);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const other = await createUnit(app.database);
    const client = await signIn(app, caseworker);
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/v1/auth/acting-unit',
      headers: { cookie: client.cookie ?? '', 'content-type': 'application/json' },
      payload: JSON.stringify({ unitId: other.id }),
    });
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).code).toBe('csrf_failed');
  });

  it('answers 401 to an anonymous caller before validating the body', async () => {
    const response = await anonymous(app).request('GET', '/api/v1/jobs/not-a-uuid');
    expect(response.status).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });
});
