import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { ApiClient, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';

/**
 * SCIM 2.0 Groups, `PUT /Users` and discovery (issue 19, ADR 0107), with request bodies shaped as
 * Microsoft Entra ID sends them (learn.microsoft.com: "Tutorial: Develop and plan provisioning for
 * a SCIM endpoint", the request/response examples) and Okta's filtered remove and PUT.
 */
const DOMAIN = 'fk-groups.example.se';
const scimHeaders = { 'content-type': 'application/scim+json' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('SCIM groups', () => {
  let app: TestApp;
  let unit: TestUnit;
  let author: TestUser;
  let admin: ApiClient;
  let scim: ApiClient;
  let n = 0;

  const entraUser = async (name: string) => {
    const userName = `${name}-${++n}@${DOMAIN}`;
    const created = await scim.post(
      '/api/v1/scim/v2/Users',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], externalId: `obj-${name}-${n}`, userName, active: true, displayName: name },
      scimHeaders,
    );
    expect(created.status, created.body).toBe(201);
    return created.json<{ id: string }>().id;
  };
  const entraGroup = async (displayName: string, externalId: string) => {
    const created = await scim.post(
      '/api/v1/scim/v2/Groups',
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId,
        displayName,
        meta: { resourceType: 'Group' },
      },
      scimHeaders,
    );
    expect(created.status, created.body).toBe(201);
    return created.json<{ id: string }>().id;
  };
  const members = (op: 'Add' | 'Remove', ids: string[]) => ({
    schemas: [PATCH_OP],
    Operations: [{ op, path: 'members', value: ids.map((value) => ({ $ref: null, value })) }],
  });
  /** The person's roles today and where each came from. */
  const rolesOf = (userId: string) =>
    app.database.system((tx) =>
      queryRows<{ role: string; source: string }>(
        tx,
        sql`select role, source from memberships where user_id = ${userId}::uuid
             and (ends_on is null or ends_on > (app_now() at time zone 'Europe/Stockholm')::date) order by role`,
      ),
    );

  beforeAll(async () => {
    app = await createTestApp({ config: { publicUrl: 'https://upptack.example.se' } });
    unit = await createUnit(app.database, { organisation: 'FK' });
    author = await createUser(app.database, { unit, roles: ['system_admin'] });
    admin = await signIn(app, author);
    const configured = await admin.put(`/api/v1/admin/organisations/${unit.tenantId}/identity-provider`, {
      issuer: 'https://login.microsoftonline.com/0000/v2.0',
      clientId: 'upptack',
      clientSecret: 'secret',
      emailDomains: [DOMAIN],
      localPasswords: true,
      mappingRules: [
        { claim: 'groups', value: 'obj-editors', unitId: unit.id, role: 'knowledge_editor' },
        { claim: 'groups', value: 'Strateger', unitId: unit.id, role: 'county_strategist' },
      ],
    });
    expect(configured.status, configured.body).toBe(200);
    const issued = await admin.post(`/api/v1/admin/organisations/${unit.tenantId}/scim-token`, { expiresInDays: 30 });
    scim = new ApiClient(app.server, { bearer: issued.json<{ token: string }>().token });
  });
  afterAll(() => app.close());

  it('describes itself: ServiceProviderConfig, ResourceTypes and Schemas, behind the token', async () => {
    const config = await scim.get('/api/v1/scim/v2/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers['content-type']).toMatch(/application\/scim\+json/);
    expect(config.json()).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } });
    const types = (await scim.get('/api/v1/scim/v2/ResourceTypes')).json<{ Resources: Array<{ id: string; endpoint: string }> }>();
    expect(types.Resources.map((type) => [type.id, type.endpoint])).toEqual([
      ['User', '/Users'],
      ['Group', '/Groups'],
    ]);
    const schemas = (await scim.get('/api/v1/scim/v2/Schemas')).json<{ Resources: Array<{ id: string }> }>();
    expect(schemas.Resources.map((schema) => schema.id)).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group']);
    expect((await new ApiClient(app.server).get('/api/v1/scim/v2/ServiceProviderConfig')).status).toBe(401);
  });

  it('creates a group as Entra ID does, finds it by displayName without members, and refuses the same name twice', async () => {
    const id = await entraGroup('Redaktörer', 'obj-editors');
    const found = await scim.get(`/api/v1/scim/v2/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Redaktörer"')}`);
    expect(found.json()).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: 'Redaktörer', externalId: 'obj-editors' }] });
    expect(found.json<{ Resources: Array<Record<string, unknown>> }>().Resources[0]).not.toHaveProperty('members');
    const again = await scim.post('/api/v1/scim/v2/Groups', { displayName: 'redaktörer' }, scimHeaders);
    expect(again.status).toBe(409);
    expect((await scim.get('/api/v1/scim/v2/Groups?filter=members%20eq%20%22x%22')).status).toBe(400);
  });

  it('gives the mapped role when a member is added and ends it when the member is removed (Entra ID PATCH)', async () => {
    const group = await entraGroup('Redaktörer 2', 'obj-editors-2');
    await admin.put(`/api/v1/admin/organisations/${unit.tenantId}/identity-provider`, {
      ...(await currentConfig()),
      mappingRules: [
        { claim: 'groups', value: 'obj-editors', unitId: unit.id, role: 'knowledge_editor' },
        { claim: 'groups', value: 'obj-editors-2', unitId: unit.id, role: 'knowledge_editor' },
        { claim: 'groups', value: 'Strateger', unitId: unit.id, role: 'county_strategist' },
      ],
    });
    const person = await entraUser('redaktor');
    const added = await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Add', [person]), scimHeaders);
    expect(added.status, added.body).toBe(204);
    expect(await rolesOf(person)).toEqual([{ role: 'knowledge_editor', source: 'scim' }]);
    const read = await scim.get(`/api/v1/scim/v2/Groups/${group}`);
    expect(read.json()).toMatchObject({ members: [{ value: person }] });
    const removed = await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Remove', [person]), scimHeaders);
    expect(removed.status).toBe(204);
    expect(await rolesOf(person)).toEqual([]);
    const events = await app.database.system((tx) =>
      queryRows<{ action: string; via: string }>(
        tx,
        sql`select action, details->>'via' as via from audit_events where record_id = ${person} and action like 'identity.role_%' order by seq`,
      ),
    );
    expect(events).toEqual([
      { action: 'identity.role_mapped', via: 'scim' },
      { action: 'identity.role_unmapped', via: 'scim' },
    ]);
  });

  it('maps by displayName too, follows a rename, and removes with Okta’s filtered path', async () => {
    const group = await entraGroup('Strateger', 'obj-strateger');
    const person = await entraUser('strateg');
    await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Add', [person]), scimHeaders);
    expect(await rolesOf(person)).toEqual([{ role: 'county_strategist', source: 'scim' }]);
    const renamed = await scim.patch(
      `/api/v1/scim/v2/Groups/${group}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Strateger (gamla)' }] },
      scimHeaders,
    );
    expect(renamed.status).toBe(204);
    expect(await rolesOf(person)).toEqual([]);
    await scim.patch(`/api/v1/scim/v2/Groups/${group}`, { Operations: [{ op: 'replace', value: { id: group, displayName: 'Strateger' } }] }, scimHeaders);
    expect(await rolesOf(person)).toEqual([{ role: 'county_strategist', source: 'scim' }]);
    await scim.patch(`/api/v1/scim/v2/Groups/${group}`, { Operations: [{ op: 'remove', path: `members[value eq "${person}"]` }] }, scimHeaders);
    expect(await rolesOf(person)).toEqual([]);
  });

  it('never touches a role an administrator gave, and DELETE of a group ends the roles it gave', async () => {
    // Entra ID's group ids are unique: the first group with this one is deleted first.
    const first = await scim.get(`/api/v1/scim/v2/Groups?filter=${encodeURIComponent('externalId eq "obj-editors"')}`);
    const duplicate = await scim.post('/api/v1/scim/v2/Groups', { displayName: 'Annat namn', externalId: 'obj-editors' }, scimHeaders);
    expect(duplicate.status).toBe(409);
    expect((await scim.delete(`/api/v1/scim/v2/Groups/${first.json<{ Resources: Array<{ id: string }> }>().Resources[0]!.id}`)).status).toBe(204);
    const group = await entraGroup('Redaktörer 3', 'obj-editors');
    const person = await entraUser('blandad');
    await app.database.system((tx) =>
      tx.execute(
        sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on) values (${unit.tenantId}::uuid, ${person}::uuid, ${unit.id}::uuid, 'manager', '2024-01-01')`,
      ),
    );
    await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Add', [person]), scimHeaders);
    expect(await rolesOf(person)).toEqual([
      { role: 'knowledge_editor', source: 'scim' },
      { role: 'manager', source: 'local' },
    ]);
    expect((await scim.delete(`/api/v1/scim/v2/Groups/${group}`)).status).toBe(204);
    expect((await scim.get(`/api/v1/scim/v2/Groups/${group}`)).status).toBe(404);
    expect(await rolesOf(person)).toEqual([{ role: 'manager', source: 'local' }]);
  });

  it('takes as members only accounts the organisation provisioned, and never another organisation’s groups', async () => {
    const group = await entraGroup('Enbart egna', 'obj-own');
    const local = await createUser(app.database, { unit, email: `lokal@${DOMAIN}` });
    const foreign = await createUser(app.database, { organisation: 'AF' });
    for (const id of [local.id, foreign.id, 'not-a-uuid']) {
      const refused = await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Add', [id]), scimHeaders);
      expect(refused.status).toBe(400);
      expect(refused.problem().errors[0]).toMatchObject({ field: 'members' });
    }
    expect((await scim.get(`/api/v1/scim/v2/Groups/${group}`)).json()).toMatchObject({ members: [] });
    const otherUnit = await createUnit(app.database, { organisation: 'MV' });
    const [foreignGroup] = await app.database.system((tx) =>
      queryRows<{ id: string }>(tx, sql`insert into scim_groups (tenant_id, display_name) values (${otherUnit.tenantId}::uuid, 'Annan') returning id`),
    );
    expect((await scim.get(`/api/v1/scim/v2/Groups/${foreignGroup!.id}`)).status).toBe(404);
    expect((await scim.patch(`/api/v1/scim/v2/Groups/${foreignGroup!.id}`, members('Add', []), scimHeaders)).status).toBe(404);
    expect((await scim.delete(`/api/v1/scim/v2/Groups/${foreignGroup!.id}`)).status).toBe(404);
  });

  it('replaces a user with PUT (Okta); active false deactivates and ends every session at once', async () => {
    const id = await entraUser('okta');
    await app.database.system((tx) =>
      tx.execute(sql`update users set password_hash = (select password_hash from users where password_hash is not null limit 1) where id = ${id}::uuid`),
    );
    const email = `okta-${n}@${DOMAIN}`;
    const session = await signIn(app, { email, password: 'test-password-that-is-long' });
    expect((await session.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: true });
    const put = await scim.put(
      `/api/v1/scim/v2/Users/${id}`,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id,
        userName: email,
        name: { givenName: 'Olle', familyName: 'Okta' },
        emails: [{ primary: true, value: email, type: 'work' }],
        active: false,
        externalId: '00u1okta',
      },
      scimHeaders,
    );
    expect(put.status, put.body).toBe(200);
    expect(put.json()).toMatchObject({ displayName: 'Olle Okta', externalId: '00u1okta', active: false });
    expect((await session.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: false });
    const outside = await scim.put(`/api/v1/scim/v2/Users/${id}`, { userName: 'someone@elsewhere.example.org' }, scimHeaders);
    expect(outside.status).toBe(400);
  });

  it('gives nothing beyond what the rules’ author may still give (ADR 0082), checked when the group changes', async () => {
    const group = await entraGroup('Redaktörer 4', 'obj-editors');
    const person0 = await entraUser('fore');
    await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Add', [person0]), scimHeaders);
    expect(await rolesOf(person0)).toEqual([{ role: 'knowledge_editor', source: 'scim' }]);
    const person = await entraUser('efter');
    // The administrator who wrote the rules is no longer one.
    await app.database.system((tx) =>
      tx.execute(sql`update memberships set ends_on = '2000-01-02', starts_on = '2000-01-01' where user_id = ${author.id}::uuid`),
    );
    await scim.patch(`/api/v1/scim/v2/Groups/${group}`, members('Add', [person]), scimHeaders);
    expect(await rolesOf(person)).toEqual([]);
  });

  async function currentConfig() {
    const current = (await admin.get(`/api/v1/admin/organisations/${unit.tenantId}/identity-provider`)).json<{
      provider: { issuer: string; clientId: string; emailDomains: string[]; localPasswords: boolean; version: number };
    }>().provider;
    return {
      issuer: current.issuer,
      clientId: current.clientId,
      emailDomains: current.emailDomains,
      localPasswords: current.localPasswords,
      version: current.version,
    };
  }
});
