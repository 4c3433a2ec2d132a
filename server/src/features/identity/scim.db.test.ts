import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit } from '../../test-support/builders.ts';
import { ApiClient, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';

/**
 * SCIM 2.0 Users (issue 19 item 4) with request bodies shaped as Microsoft Entra ID sends them
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
const DOMAIN = 'fk-scim.example.se';
const scimHeaders = { 'content-type': 'application/scim+json' };

describe('SCIM provisioning', () => {
  let app: TestApp;
  let unit: TestUnit;
  let admin: ApiClient;
  let scim: ApiClient;

  const entraCreate = (userName: string, externalId: string) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Stina Synkad', familyName: 'Synkad', givenName: 'Stina' },
    roles: [],
  });

  beforeAll(async () => {
    app = await createTestApp({ config: { publicUrl: 'https://upptack.example.se' } });
    unit = await createUnit(app.database, { organisation: 'FK' });
    admin = await signIn(app, await createUser(app.database, { unit, roles: ['system_admin'] }));
    const configured = await admin.put(`/api/v1/admin/organisations/${unit.tenantId}/identity-provider`, {
      issuer: 'https://login.microsoftonline.com/0000/v2.0',
      clientId: 'upptack',
      clientSecret: 'secret',
      emailDomains: [DOMAIN],
      localPasswords: true,
    });
    expect(configured.status, configured.body).toBe(200);
    const issued = await admin.post(`/api/v1/admin/organisations/${unit.tenantId}/scim-token`, { expiresInDays: 30 });
    expect(issued.status, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ baseUrl: 'https://upptack.example.se/api/v1/scim/v2' });
    scim = new ApiClient(app.server, { bearer: issued.json<{ token: string }>().token });
  });
  afterAll(() => app.close());

  it('creates a user as Entra ID does, finds it by filter, and refuses a second one with the same userName', async () => {
    const probe = await scim.get(`/api/v1/scim/v2/Users?filter=${encodeURIComponent('userName eq "stina@fk-scim.example.se"')}`);
    expect(probe.json()).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scim.post('/api/v1/scim/v2/Users', entraCreate(`stina@${DOMAIN}`, 'obj-1'), scimHeaders);
    expect(created.status, created.body).toBe(201);
    expect(created.headers['content-type']).toMatch(/application\/scim\+json/);
    expect(created.json()).toMatchObject({ userName: `stina@${DOMAIN}`, externalId: 'obj-1', displayName: 'Stina Synkad', active: true });
    const found = await scim.get(`/api/v1/scim/v2/Users?filter=${encodeURIComponent('externalId eq "obj-1"')}`);
    expect(found.json()).toMatchObject({ totalResults: 1, Resources: [{ id: created.json().id }] });
    const again = await scim.post('/api/v1/scim/v2/Users', entraCreate(`stina@${DOMAIN}`, 'obj-1'), scimHeaders);
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', detail: 'Det finns redan ett konto med det användarnamnet (userName).' });
  });

  it('refuses a userName outside the organisation’s email domains', async () => {
    const response = await scim.post('/api/v1/scim/v2/Users', entraCreate('someone@another-agency.se', 'obj-x'), scimHeaders);
    expect(response.status).toBe(400);
    expect(response.problem().errors[0]).toMatchObject({ field: 'userName', code: 'scim_invalid_value' });
  });

  it('updates with Entra ID’s PatchOp shapes: capitalised ops, paths, and a value object without a path', async () => {
    const { id } = (await scim.post('/api/v1/scim/v2/Users', entraCreate(`per@${DOMAIN}`, 'obj-2'), scimHeaders)).json<{ id: string }>();
    const patched = await scim.patch(
      `/api/v1/scim/v2/Users/${id}`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Per Persson' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: `per.persson@${DOMAIN}` },
          { op: 'Add', path: 'name.givenName', value: 'Per' },
          { op: 'replace', value: { externalId: 'obj-2b', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Ekonomi' } },
        ],
      },
      scimHeaders,
    );
    expect(patched.status, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ displayName: 'Per Persson', userName: `per.persson@${DOMAIN}`, externalId: 'obj-2b', active: true });
  });

  it('deactivates with active "False" and ends the person’s sessions at once; DELETE deactivates too', async () => {
    const { id } = (await scim.post('/api/v1/scim/v2/Users', entraCreate(`leaver@${DOMAIN}`, 'obj-3'), scimHeaders)).json<{ id: string }>();
    // The provisioned person has been given a role and signs in with a password while still employed.
    await app.database.system((tx) =>
      tx.execute(sql`update users set password_hash = (select password_hash from users where password_hash is not null limit 1) where id = ${id}::uuid`),
    );
    await app.database.system((tx) =>
      tx.execute(
        sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on) values (${unit.tenantId}::uuid, ${id}::uuid, ${unit.id}::uuid, 'knowledge_editor', '2024-01-01')`,
      ),
    );
    const session = await signIn(app, { email: `leaver@${DOMAIN}`, password: 'test-password-that-is-long' });
    expect((await session.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: true });
    const off = await scim.patch(
      `/api/v1/scim/v2/Users/${id}`,
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
      scimHeaders,
    );
    expect(off.json()).toMatchObject({ active: false });
    expect((await session.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: false });
    const [revoked] = await app.database.system((tx) =>
      queryRows<{ open: number }>(tx, sql`select count(*)::int as open from sessions where user_id = ${id}::uuid and revoked_at is null`),
    );
    expect(revoked!.open).toBe(0);
    const on = await scim.patch(`/api/v1/scim/v2/Users/${id}`, { Operations: [{ op: 'Replace', path: 'active', value: 'True' }] }, scimHeaders);
    expect(on.json()).toMatchObject({ active: true });
    expect((await scim.delete(`/api/v1/scim/v2/Users/${id}`)).status).toBe(204);
    expect((await scim.get(`/api/v1/scim/v2/Users/${id}`)).json()).toMatchObject({ active: false });
    const events = await app.database.system((tx) =>
      queryRows<{ action: string }>(tx, sql`select action from audit_events where record_id = ${id} and action like 'scim.%' order by seq`),
    );
    expect(events.map((e) => e.action)).toEqual([
      'scim.user_created',
      'scim.user_deactivated',
      'scim.user_updated',
      'scim.user_reactivated',
      'scim.user_updated',
      'scim.user_deactivated',
    ]);
  });

  it('never reaches another organisation’s accounts', async () => {
    const other = await createUser(app.database, { organisation: 'AF' });
    expect((await scim.get(`/api/v1/scim/v2/Users/${other.id}`)).status).toBe(404);
    expect((await scim.delete(`/api/v1/scim/v2/Users/${other.id}`)).status).toBe(404);
  });

  it('refuses a missing, unknown, expired or rotated token', async () => {
    expect((await new ApiClient(app.server).get('/api/v1/scim/v2/Users')).status).toBe(401);
    expect((await new ApiClient(app.server, { bearer: 'scim_not-a-real-token' }).get('/api/v1/scim/v2/Users')).status).toBe(401);
    const rotated = await admin.post(`/api/v1/admin/organisations/${unit.tenantId}/scim-token`, { expiresInDays: 1 });
    expect((await scim.get('/api/v1/scim/v2/Users')).status).toBe(401);
    const fresh = new ApiClient(app.server, { bearer: rotated.json<{ token: string }>().token });
    expect((await fresh.get('/api/v1/scim/v2/Users')).status).toBe(200);
    app.clock.advance(2 * 86_400_000);
    expect((await fresh.get('/api/v1/scim/v2/Users')).status).toBe(401);
    const [stored] = await app.database.system((tx) =>
      queryRows<{ token_hash: string }>(tx, sql`select token_hash from scim_tokens where tenant_id = ${unit.tenantId}::uuid`),
    );
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
