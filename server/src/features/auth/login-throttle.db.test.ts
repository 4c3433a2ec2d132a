import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { MAX_FAILURES } from './login-throttle.ts';

/**
 * Issue 16 item 5: the throttle counts an attempt before its password is evaluated, atomically, so
 * parallel attempts cannot all pass the check before any of them is counted.
 */
describe('login throttle under concurrency', () => {
  let app: TestApp;
  let target: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    target = await createUser(app.database, { roles: ['caseworker'], demo: true });
  });
  afterAll(() => app.close());

  it('evaluates at most the limit of 100 parallel wrong passwords for one account', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, attempt) => anonymous(app).post('/api/v1/auth/login', { email: target.email, password: `wrong password ${attempt}` })),
    );
    const evaluated = answers.filter((answer) => answer.status === 401).length;
    const throttled = answers.filter((answer) => answer.status === 429).length;
    expect(evaluated).toBeLessThanOrEqual(MAX_FAILURES);
    expect(evaluated + throttled).toBe(100);
    // Nothing is evaluated once the limit is reached, not even the right password.
    const right = await anonymous(app).post('/api/v1/auth/login', { email: target.email, password: target.password });
    expect(right.status).toBe(429);
  });

  it('evaluates at most the limit of 100 parallel wrong passwords from one address', async () => {
    const address = '203.0.113.9';
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, attempt) =>
        anonymous(app, { remoteAddress: address }).post('/api/v1/auth/login', { email: `nobody${attempt}@test.upptack.se`, password: 'wrong password here' }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(100 - MAX_FAILURES);
  });

  it('does not count successful sign-ins against the address', async () => {
    const user = await createUser(app.database, { roles: ['caseworker'], demo: true });
    const address = '203.0.113.10';
    // One after the other: an attempt still in flight counts until it has succeeded.
    for (let attempt = 1; attempt <= 2 * MAX_FAILURES; attempt++) {
      const answer = await anonymous(app, { remoteAddress: address }).post('/api/v1/auth/login', { email: user.email, password: user.password });
      expect(answer.status).toBe(200);
    }
    // A wrong password afterwards is still evaluated: the successes left no failures behind.
    const wrong = await anonymous(app, { remoteAddress: address }).post('/api/v1/auth/login', { email: user.email, password: 'wrong password here' });
    expect(wrong.status).toBe(401);
    expect((await signIn(app, user)).cookie).toBeDefined();
  });
});
