import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { anonymous, ApiClient, createTestApp, signIn, type ApiResponse, type TestApp } from '../../test-support/test-app.ts';

describe('logout, password change, role change and deactivation take effect on the very next request', () => {
  let app: TestApp;
  let unit: TestUnit;
  let coordinator: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    unit = await createUnit(app.database);
    coordinator = await createUser(app.database, { roles: ['agency_coordinator'], unit });
  });
  afterAll(() => app.close());

  it('a password change ends every other session and keeps the one that changed it', async () => {
    const user = await createUser(app.database, { roles: ['manager'], unit });
    const laptop = await signIn(app, user);
    const phone = await signIn(app, user);
    const changed = await laptop.post('/api/v1/auth/password', { currentPassword: user.password, newPassword: 'fyra hästar dansar på isen i maj' });
    expect(changed.status).toBe(200);
    const renewed = String(changed.headers['set-cookie']);
    expect(renewed).toMatch(/upptack_session=/);
    const other = await phone.get('/api/v1/admin/units');
    expect(other.status).toBe(401);
    expect(other.json().code).toBe('session_expired');
    const continued = new ApiClient(app.server, { cookie: renewed.split(';')[0]!, csrfToken: changed.json<{ csrfToken: string }>().csrfToken });
    expect((await continued.get('/api/v1/admin/units')).status).toBe(200);
  });

  it('refuses a wrong current password and new passwords that are short, breached, repetitive or contain the email', async () => {
    const user = await createUser(app.database, { roles: ['manager'], unit, email: 'kerstin.berg@test.upptack.se' });
    const client = await signIn(app, user);
    const attempt = (currentPassword: string, newPassword: string) => client.post('/api/v1/auth/password', { currentPassword, newPassword });
    expect((await attempt('fel lösenord', 'fyra hästar dansar på isen i maj')).problem().errors[0]).toMatchObject({
      field: 'currentPassword',
      code: 'password_wrong',
    });
    expect((await attempt(user.password, 'kort')).problem().errors[0]).toMatchObject({ field: 'newPassword', code: 'password_too_short' });
    expect((await attempt(user.password, '1qaz2wsx3edc4rfv')).problem().errors[0]).toMatchObject({ field: 'newPassword', code: 'password_breached' });
    expect((await attempt(user.password, 'abababababababab')).problem().errors[0]).toMatchObject({ field: 'newPassword', code: 'password_repetitive' });
    expect((await attempt(user.password, 'kerstin.berg och hennes katt')).problem().errors[0]).toMatchObject({
      field: 'newPassword',
      code: 'password_contains_email',
    });
    const breached = await attempt(user.password, '1qaz2wsx3edc4rfv');
    expect(breached.status).toBe(400);
    expect(breached.problem().errors[0]?.message).toBe('Lösenordet finns i listor över läckta eller vanliga lösenord. Välj ett annat.');
  });

  it('ending a role today removes its permissions at the next request', async () => {
    const manager = await createUser(app.database, { roles: ['manager'], unit });
    const client = await signIn(app, manager);
    expect((await client.get('/api/v1/admin/units')).status).toBe(200);
    const admin = await signIn(app, coordinator);
    const detail = await admin.get(`/api/v1/admin/users/${manager.id}`);
    const membershipId = detail.json<{ memberships: Array<{ id: string }> }>().memberships[0]!.id;
    const ended = await admin.post(`/api/v1/admin/users/${manager.id}/memberships/${membershipId}/end`, { endsOn: '2026-11-23' });
    expect(ended.status).toBe(200);
    expect(ended.json()).toMatchObject({ memberships: [{ id: membershipId, endsOn: '2026-11-23', current: false }] });
    const after = await client.get('/api/v1/admin/units');
    expect(after.status).toBe(403);
    expect((await client.get('/api/v1/auth/session')).json()).toMatchObject({ roles: [], permissions: {} });
  });

  it('granting a role gives its permissions at the next request', async () => {
    const editor = await createUser(app.database, { roles: ['directory_editor'], unit });
    const client = await signIn(app, editor);
    expect((await client.get('/api/v1/admin/units')).status).toBe(403);
    const admin = await signIn(app, coordinator);
    const granted = await admin.post(`/api/v1/admin/users/${editor.id}/memberships`, { unitId: unit.id, role: 'manager', startsOn: '2026-11-23' });
    expect(granted.status).toBe(201);
    // Manager holds an individual-level grant: the next request asks for a second factor first.
    expect((await client.get('/api/v1/admin/units')).json().code).toBe('second_factor_required');
  });

  it('with roles in two units, every action is taken in the one unit chosen, and the switch is audited', async () => {
    const other = await createUnit(app.database);
    const person = await createUser(app.database, { roles: ['manager'], unit });
    await app.database.system((tx) =>
      tx.execute(
        sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on) values (${other.tenantId}, ${person.id}, ${other.id}, 'caseworker', '2024-01-01')`,
      ),
    );
    const client = await signIn(app, person);
    expect((await client.get('/api/v1/auth/session')).json()).toMatchObject({ actingUnitId: null, roles: [], permissions: {} });
    expect((await client.get('/api/v1/admin/units')).status).toBe(403);
    const asManager = await client.post('/api/v1/auth/acting-unit', { unitId: unit.id });
    expect(asManager.json()).toMatchObject({ actingUnitId: unit.id, roles: ['manager'] });
    expect((await client.get('/api/v1/admin/units')).status).toBe(200);
    await client.post('/api/v1/auth/acting-unit', { unitId: other.id });
    expect((await client.get('/api/v1/admin/units')).status).toBe(403);
    const foreign = await createUnit(app.database, { organisation: 'AF' });
    expect((await client.post('/api/v1/auth/acting-unit', { unitId: foreign.id })).status).toBe(404);
    const switches = await app.database.system((tx) =>
      queryRows<{ record_id: string }>(tx, sql`select record_id from audit_events where action = 'auth.switch_unit' and actor_id = ${person.id} order by seq`),
    );
    expect(switches.map((row) => row.record_id)).toEqual([unit.id, other.id]);
  });

  it('deactivation ends the session at the next request and refuses sign-in with the neutral message', async () => {
    const user = await createUser(app.database, { roles: ['manager'], unit });
    const client = await signIn(app, user);
    const admin = await signIn(app, coordinator);
    expect((await admin.post(`/api/v1/admin/users/${user.id}/deactivate`)).status).toBe(200);
    const next = await client.get('/api/v1/admin/units');
    expect(next.status).toBe(401);
    expect(next.json().code).toBe('session_expired');
    const login = await anonymous(app).post('/api/v1/auth/login', { email: user.email, password: user.password });
    expect(login.status).toBe(401);
    expect(login.json().detail).toBe('Fel e-postadress, lösenord eller engångskod.');
  });

  it('a set-up link sets the first password once, under the password rules, and expires', async () => {
    const admin = await signIn(app, coordinator);
    // Without a mail server a second administrator releases the link to hand over (ADR 0084).
    const second = await signIn(app, await createUser(app.database, { roles: ['agency_coordinator'], unit }));
    const release = async (response: ApiResponse) => {
      const { user, reset } = response.json<{ user: { id: string }; reset: { id: string } }>();
      return (await second.post(`/api/v1/admin/users/${user.id}/resets/${reset.id}/approve`)).json<{ setupLink: { url: string; expiresAt: string } }>()
        .setupLink;
    };
    const created = await admin.post('/api/v1/admin/users', {
      email: 'ny.kollega@test.upptack.se',
      displayName: 'Ny Kollega',
      unitId: unit.id,
      role: 'caseworker',
      startsOn: '2026-11-23',
    });
    expect(created.status).toBe(201);
    const { url } = await release(created);
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/personal\/nytt-losenord#[A-Za-z0-9_-]{43}$/);
    const token = url.split('#')[1]!;
    const weak = await anonymous(app).post('/api/v1/auth/password-setup', { token, password: 'passwordpassword' });
    expect(weak.status).toBe(400);
    expect(weak.problem().errors[0]).toMatchObject({ field: 'password', code: 'password_breached' });
    expect((await anonymous(app).post('/api/v1/auth/password-setup', { token, password: 'blå cyklar rullar i regnet' })).status).toBe(204);
    expect((await anonymous(app).post('/api/v1/auth/password-setup', { token, password: 'blå cyklar rullar i regnet' })).status).toBe(410);
    const login = await anonymous(app).post('/api/v1/auth/login', { email: 'ny.kollega@test.upptack.se', password: 'blå cyklar rullar i regnet' });
    expect(login.status).toBe(200);
    expect(login.json().stage).toBe('totp_enrolment');

    const another = await admin.post('/api/v1/admin/users', {
      email: 'sen.kollega@test.upptack.se',
      displayName: 'Sen Kollega',
      unitId: unit.id,
      role: 'caseworker',
      startsOn: '2026-11-23',
    });
    const late = (await release(another)).url.split('#')[1]!;
    app.clock.advance(72 * 3_600_000 + 1);
    const expired = await anonymous(app).post('/api/v1/auth/password-setup', { token: late, password: 'blå cyklar rullar i regnet' });
    expect(expired.status).toBe(410);
    expect(expired.json().detail).toBe('Länken för att välja lösenord fungerar inte längre. Be din administratör om en ny.');
  });
});
