import { eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/schema.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, TEST_PASSWORD } from '../../test-support/builders.ts';
import { anonymous, ApiClient, createTestApp, nextTotp, signIn, type TestApp } from '../../test-support/test-app.ts';

/** Signs in with the password only and returns the client (stage as the server decides). */
async function passwordOnly(app: TestApp, email: string): Promise<{ client: ApiClient; stage: string }> {
  const response = await anonymous(app).post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
  expect(response.status).toBe(200);
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  const session = response.json<{ csrfToken: string; stage: string }>();
  return { client: new ApiClient(app.server, { cookie, csrfToken: session.csrfToken }), stage: session.stage };
}

describe('second factor: mandatory TOTP for individual-level roles, enrolment, recovery codes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('a caseworker (individual-level grants) without TOTP can do nothing but enrol', async () => {
    const user = await createUser(app.database, { roles: ['caseworker'], totp: false });
    const { client, stage } = await passwordOnly(app, user.email);
    expect(stage).toBe('totp_enrolment');
    const blocked = await client.get('/api/v1/permissions');
    expect(blocked.status).toBe(401);
    expect(blocked.json().code).toBe('second_factor_required');
    const session = await client.get('/api/v1/auth/session');
    expect(session.json()).toMatchObject({ signedIn: true, stage: 'totp_enrolment', secondFactorRequired: true, totpEnabled: false, permissions: {} });
  });

  it('enrols with a QR code and a first code, answers ten recovery codes once, and stores only hashes', async () => {
    const user = await createUser(app.database, { roles: ['caseworker'], totp: false });
    const { client } = await passwordOnly(app, user.email);
    const started = await client.post('/api/v1/auth/totp/enrolment');
    expect(started.status).toBe(200);
    const { secret, otpauthUri, qrDataUrl } = started.json<{ secret: string; otpauthUri: string; qrDataUrl: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Uppt%C3%A4ck:/);
    expect(qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = await client.post('/api/v1/auth/totp/enrolment/confirm', { totp: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.problem().errors[0]).toMatchObject({ field: 'totp', code: 'totp_wrong' });

    const code = await generate({ secret, epoch: Math.floor(app.clock.now().getTime() / 1000) });
    const confirmed = await client.post('/api/v1/auth/totp/enrolment/confirm', { totp: code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers['cache-control']).toBe('no-store');
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const recovery of recoveryCodes) expect(recovery).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);

    // The same session is now complete; the secret and the codes are not stored in the clear.
    expect((await client.get('/api/v1/permissions')).status).toBe(200);
    const [row] = await app.database.system((tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(row!.totpSecretEncrypted).not.toContain(secret);
    expect(row!.recoveryCodeHashes.join(' ')).not.toContain(recoveryCodes[0]!.replaceAll('-', ''));

    // A second enrolment is refused while one is active.
    expect((await client.post('/api/v1/auth/totp/enrolment')).status).toBe(409);

    // Signing in again needs a code: without one the answer says so, with a valid one it succeeds.
    const withoutCode = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.json().code).toBe('second_factor_required');
    const fresh = await nextTotp(app, secret);
    const withCode = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: fresh });
    expect(withCode.status).toBe(200);
    expect(withCode.json().stage).toBe('full');

    // A code is accepted once (replay), and a recovery code once.
    const replay = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: fresh });
    expect(replay.status).toBe(401);
    const recovery = recoveryCodes[3]!.toUpperCase();
    const recovered = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD, recoveryCode: recovery });
    expect(recovered.status).toBe(200);
    const again = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD, recoveryCode: recovery });
    expect(again.status).toBe(401);
    expect(again.json().detail).toBe('Fel e-postadress, lösenord eller engångskod.');
    const [left] = await app.database.system((tx) => tx.select({ hashes: users.recoveryCodeHashes }).from(users).where(eq(users.id, user.id)));
    expect(left!.hashes).toHaveLength(9);
  });

  it('a role without individual-level grants signs in with a password alone', async () => {
    const editor = await createUser(app.database, { roles: ['directory_editor'] });
    const { stage } = await passwordOnly(app, editor.email);
    expect(stage).toBe('full');
  });

  it('gaining an individual-level role mid-session sends the user to enrolment on the very next request', async () => {
    const editor = await createUser(app.database, { roles: ['directory_editor'] });
    const { client } = await passwordOnly(app, editor.email);
    expect((await client.get('/api/v1/permissions')).status).toBe(200);
    await app.database.system((tx) =>
      tx.execute(
        sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on) values (${editor.tenantId}, ${editor.id}, ${editor.unitId}, 'auditor', '2024-01-01')`,
      ),
    );
    const next = await client.get('/api/v1/permissions');
    expect(next.status).toBe(401);
    expect(next.json().code).toBe('second_factor_required');
  });

  it('demo accounts skip the second factor only in demo mode', async () => {
    const demo = await createUser(app.database, { roles: ['auditor'], demo: true });
    expect((await passwordOnly(app, demo.email)).stage).toBe('full');
    const production = await createTestApp({ config: { demoMode: false } });
    try {
      const sameKind = await createUser(production.database, { roles: ['auditor'], demo: true });
      expect((await passwordOnly(production, sameKind.email)).stage).toBe('totp_enrolment');
    } finally {
      await production.close();
    }
  });

  it('an administrator’s reset removes the second factor and ends every session; the user enrols anew', async () => {
    const unit = await createUnit(app.database);
    const coordinator = await createUser(app.database, { roles: ['agency_coordinator'], unit });
    const approver = await createUser(app.database, { roles: ['agency_coordinator'], unit });
    const caseworker = await createUser(app.database, { roles: ['caseworker'], unit });
    const caseworkerClient = await signIn(app, caseworker);
    const admin = await signIn(app, coordinator);
    const requested = await admin.post(`/api/v1/admin/users/${caseworker.id}/reset-second-factor`);
    expect(requested.status).toBe(200);
    // A caseworker reads individual-level data: a second administrator approves (ADR 0084).
    const resetId = requested.json<{ reset: { id: string } }>().reset.id;
    const reset = await (await signIn(app, approver)).post(`/api/v1/admin/users/${caseworker.id}/resets/${resetId}/approve`);
    expect(reset.status).toBe(200);
    expect((await admin.get(`/api/v1/admin/users/${caseworker.id}`)).json()).toMatchObject({ totpEnabled: false, recoveryCodesLeft: 0 });
    const ended = await caseworkerClient.get('/api/v1/permissions');
    expect(ended.status).toBe(401);
    expect(ended.json().code).toBe('session_expired');
    expect((await passwordOnly(app, caseworker.email)).stage).toBe('totp_enrolment');
    const [status] = await app.database.system((tx) =>
      queryRows<{ secret: string | null }>(tx, sql`select totp_secret_encrypted as secret from users where id = ${caseworker.id}`),
    );
    expect(status!.secret).toBeNull();
  });
});
