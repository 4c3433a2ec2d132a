import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccounts, users } from '../../platform/auth/schema.ts';
import { queryRows } from '../../platform/db/database.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { createUser, createUnit, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, withToken, type ApiClient, type TestApp } from '../../test-support/test-app.ts';

type UnitJson = { id: string; version: number; name: string; parentId: string | null; active: boolean };

async function count(app: TestApp, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await app.database.system((tx) => queryRows<{ count: number }>(tx, query));
  return row!.count;
}

describe('administration of organisations, units, users and service accounts', () => {
  let app: TestApp;
  let region: TestUnit;
  let home: TestUnit;
  let coordinator: TestUser;
  let admin: TestUser;
  let coordinatorClient: ApiClient;
  let adminClient: ApiClient;

  beforeAll(async () => {
    app = await createTestApp();
    region = await createUnit(app.database, { level: 'region', name: 'Region Mitt' });
    home = await createUnit(app.database, { parentId: region.id, name: 'Falun' });
    coordinator = await createUser(app.database, { roles: ['agency_coordinator'], unit: region });
    admin = await createUser(app.database, { roles: ['system_admin'], organisation: 'JAMY' });
    coordinatorClient = await signIn(app, coordinator);
    adminClient = await signIn(app, admin);
  });
  afterAll(() => app.close());

  describe('units', () => {
    it('creates, renames, moves and deactivates a unit, keeping every step in its history and the audit trail', async () => {
      const created = await coordinatorClient.post('/api/v1/admin/units', { parentId: region.id, level: 'unit', name: 'Mora', municipalityCode: '2062' });
      expect(created.status).toBe(201);
      const unit = created.json<UnitJson & { countyCode: string }>();
      expect(unit).toMatchObject({ name: 'Mora', parentId: region.id, countyCode: '20', active: true, version: 1 });

      const renamed = await coordinatorClient.patch(`/api/v1/admin/units/${unit.id}`, { version: 1, name: 'Mora och Orsa' });
      expect(renamed.json<UnitJson>()).toMatchObject({ name: 'Mora och Orsa', version: 2 });
      const stale = await coordinatorClient.patch(`/api/v1/admin/units/${unit.id}`, { version: 1, name: 'Något annat' });
      expect(stale.status).toBe(409);
      expect(stale.json().code).toBe('version_conflict');

      const moved = await coordinatorClient.patch(`/api/v1/admin/units/${unit.id}`, { version: 2, parentId: home.id });
      expect(moved.json<UnitJson>()).toMatchObject({ parentId: home.id, version: 3 });
      const deactivated = await coordinatorClient.post(`/api/v1/admin/units/${unit.id}/deactivate`, { version: 3 });
      expect(deactivated.json<UnitJson>()).toMatchObject({ active: false, version: 4 });

      const detail = await coordinatorClient.get(`/api/v1/admin/units/${unit.id}`);
      expect(detail.status).toBe(200);
      const body = detail.json<{ history: Array<{ change: string; before: unknown; after: unknown }>; ancestors: Array<{ name: string }> }>();
      expect(body.history.map((h) => h.change)).toEqual(['deactivated', 'moved', 'renamed', 'created']);
      expect(body.history[2]).toMatchObject({ before: { name: 'Mora' }, after: { name: 'Mora och Orsa' } });
      expect(body.ancestors.map((a) => a.name)).toEqual(['Region Mitt', 'Falun']);

      const actions = await app.database.system((tx) =>
        queryRows<{ action: string }>(tx, sql`select action from audit_events where record_id = ${unit.id} and record_type = 'unit' order by seq`),
      );
      expect(actions.map((a) => a.action)).toEqual(['units.create', 'units.update', 'units.update', 'units.deactivate']);
    });

    it('refuses to place a unit under itself or its own sub-unit', async () => {
      const parent = await createUnit(app.database, { parentId: region.id });
      const child = await createUnit(app.database, { parentId: parent.id });
      const cycle = await coordinatorClient.patch(`/api/v1/admin/units/${parent.id}`, { version: 1, parentId: child.id });
      expect(cycle.status).toBe(400);
      expect(cycle.problem().errors[0]).toMatchObject({
        field: 'parentId',
        code: 'unit_cycle',
        message: 'En enhet kan inte ligga under sig själv eller under en av sina underenheter',
      });
    });

    it('refuses to deactivate a unit that still has active sub-units or people with current roles', async () => {
      const parent = await createUnit(app.database, { parentId: region.id });
      await createUnit(app.database, { parentId: parent.id });
      const withChild = await coordinatorClient.post(`/api/v1/admin/units/${parent.id}/deactivate`, { version: 1 });
      expect(withChild.status).toBe(409);
      expect(withChild.json().detail).toBe('Enheten har aktiva underenheter. Avaktivera eller flytta dem först.');
      const staffed = await createUnit(app.database, { parentId: region.id });
      await createUser(app.database, { roles: ['caseworker'], unit: staffed });
      const withMembers = await coordinatorClient.post(`/api/v1/admin/units/${staffed.id}/deactivate`, { version: 1 });
      expect(withMembers.status).toBe(409);
      expect(await count(app, sql`select count(*)::int as count from units where id = ${staffed.id} and active`)).toBe(1);
    });

    it('rejects an unknown municipality code on its field, and nothing is written', async () => {
      const before = await count(app, sql`select count(*)::int as count from units`);
      const response = await coordinatorClient.post('/api/v1/admin/units', {
        parentId: region.id,
        level: 'unit',
        name: 'Fel kommun',
        municipalityCode: '9999',
      });
      expect(response.status).toBe(400);
      expect(response.problem().errors[0]).toMatchObject({ field: 'municipalityCode', code: 'municipality_unknown' });
      expect(await count(app, sql`select count(*)::int as count from units`)).toBe(before);
    });

    it('never lets a coordinator touch another agency’s units, and says "not found"', async () => {
      const foreign = await createUnit(app.database, { organisation: 'AF' });
      expect((await coordinatorClient.get(`/api/v1/admin/units/${foreign.id}`)).status).toBe(404);
      expect((await coordinatorClient.patch(`/api/v1/admin/units/${foreign.id}`, { version: 1, name: 'Kapad' })).status).toBe(404);
      expect((await coordinatorClient.post('/api/v1/admin/units', { parentId: foreign.id, level: 'unit', name: 'Under AF' })).status).toBe(404);
      expect((await coordinatorClient.get(`/api/v1/admin/units?organisationId=${organisationId('AF')}`)).status).toBe(404);
    });
  });

  describe('organisations', () => {
    it('a system administrator adds a coordination association with its first unit', async () => {
      const created = await adminClient.post('/api/v1/admin/organisations', {
        kind: 'coordination_association',
        code: 'sf-falun',
        name: 'Samordningsförbundet Falun',
        municipalityCode: '2080',
      });
      expect(created.status).toBe(201);
      const organisation = created.json<{ id: string; code: string; countyCode: string }>();
      expect(organisation).toMatchObject({ code: 'SF-FALUN', countyCode: '20' });
      const unit = await adminClient.post('/api/v1/admin/units', { organisationId: organisation.id, level: 'unit', name: 'Kansliet' });
      expect(unit.status).toBe(201);
      const list = await adminClient.get(`/api/v1/admin/units?organisationId=${organisation.id}`);
      expect(list.json<{ units: Array<{ name: string }> }>().units.map((u) => u.name)).toEqual(['Kansliet']);
      const duplicate = await adminClient.post('/api/v1/admin/organisations', { kind: 'shelter', code: 'SF-FALUN', name: 'Något annat' });
      expect(duplicate.status).toBe(400);
      expect(duplicate.problem().errors[0]).toMatchObject({ field: 'code', code: 'organisation_code_taken' });
    });

    it('only a system administrator adds organisations', async () => {
      const refused = await coordinatorClient.post('/api/v1/admin/organisations', { kind: 'shelter', code: 'KJ-X', name: 'Kvinnojouren X' });
      expect(refused.status).toBe(403);
      expect(refused.problem()).toMatchObject({ code: 'forbidden', title: 'Du har inte behörighet till detta' });
    });
  });

  describe('users and roles', () => {
    it('creating a user with an invalid role leaves no user behind', async () => {
      const before = await count(app, sql`select count(*)::int as count from users`);
      const invalid = await coordinatorClient.post('/api/v1/admin/users', {
        email: 'x@test.upptack.se',
        displayName: 'X',
        unitId: home.id,
        role: 'overlord',
        startsOn: '2026-11-23',
      });
      expect(invalid.status).toBe(400);
      expect(invalid.problem().errors.map((e: { field: string }) => e.field)).toEqual(['role']);
      const notGrantable = await coordinatorClient.post('/api/v1/admin/users', {
        email: 'y@test.upptack.se',
        displayName: 'Y',
        unitId: home.id,
        role: 'auditor',
        startsOn: '2026-11-23',
      });
      expect(notGrantable.status).toBe(400);
      expect(notGrantable.problem().errors[0]).toMatchObject({ field: 'role', code: 'role_not_grantable' });
      const taken = await coordinatorClient.post('/api/v1/admin/users', {
        email: coordinator.email,
        displayName: 'Z',
        unitId: home.id,
        role: 'caseworker',
        startsOn: '2026-11-23',
      });
      expect(taken.status).toBe(400);
      expect(taken.problem().errors[0]).toMatchObject({ field: 'email', code: 'email_taken' });
      expect(await count(app, sql`select count(*)::int as count from users`)).toBe(before);
      expect(await count(app, sql`select count(*)::int as count from memberships where role = 'auditor'`)).toBe(0);
    });

    it('creates an account with its first role, and an administrator never sees a password', async () => {
      const response = await coordinatorClient.post('/api/v1/admin/users', {
        email: 'Anna.Ek@Test.Upptack.se',
        displayName: 'Anna Ek',
        unitId: home.id,
        role: 'caseworker',
        startsOn: '2026-11-23',
      });
      expect(response.status).toBe(201);
      const { user } = response.json<{ user: { id: string; email: string; passwordSet: boolean; memberships: unknown[] } }>();
      expect(user).toMatchObject({
        email: 'anna.ek@test.upptack.se',
        passwordSet: false,
        memberships: [{ role: 'caseworker', unitId: home.id, current: true }],
      });
      const [row] = await app.database.system((tx) => tx.select().from(users).where(eq(users.id, user.id)));
      expect(row!.passwordHash).toBeNull();
      // Without a mail server the set-up link waits for a second administrator (ADR 0084).
      expect(row!.passwordSetupHash).toBeNull();
      expect(response.body).not.toContain('nytt-losenord');
    });

    it('keeps ended roles as history and lists only current ones', async () => {
      const person = await createUser(app.database, { roles: ['caseworker'], unit: home });
      const detail = await coordinatorClient.get(`/api/v1/admin/users/${person.id}`);
      const membership = detail.json<{ memberships: Array<{ id: string }> }>().memberships[0]!;
      await coordinatorClient.post(`/api/v1/admin/users/${person.id}/memberships/${membership.id}/end`, { endsOn: '2026-11-23' });
      await coordinatorClient.post(`/api/v1/admin/users/${person.id}/memberships`, { unitId: region.id, role: 'caseworker', startsOn: '2026-11-23' });
      const after = await coordinatorClient.get(`/api/v1/admin/users/${person.id}`);
      expect(after.json<{ memberships: Array<{ unitId: string; current: boolean }> }>().memberships.map((m) => [m.unitId, m.current])).toEqual([
        [home.id, false],
        [region.id, true],
      ]);
      const list = await coordinatorClient.get(`/api/v1/admin/users?unitId=${region.id}`);
      const listed = list.json<{ users: Array<{ id: string; currentRoles: Array<{ unitId: string }> }> }>().users.find((u) => u.id === person.id);
      expect(listed?.currentRoles.map((r) => r.unitId)).toEqual([region.id]);
    });

    it('nobody changes their own roles, and a coordinator cannot take over an administrator’s account', async () => {
      const own = await coordinatorClient.post(`/api/v1/admin/users/${coordinator.id}/memberships`, {
        unitId: region.id,
        role: 'manager',
        startsOn: '2026-11-23',
      });
      expect(own.status).toBe(409);
      const fkAdmin = await createUser(app.database, { roles: ['system_admin'], unit: home });
      const takeover = await coordinatorClient.post(`/api/v1/admin/users/${fkAdmin.id}/reset-password`);
      expect(takeover.status).toBe(403);
      expect(takeover.json().detail).toBe('Personen har en roll som du inte kan ge. Be en systemadministratör.');
    });

    it('a role is held in a unit of the person’s own organisation', async () => {
      const person = await createUser(app.database, { roles: ['caseworker'], unit: home });
      const afUnit = await createUnit(app.database, { organisation: 'AF' });
      const response = await adminClient.post(`/api/v1/admin/users/${person.id}/memberships`, {
        unitId: afUnit.id,
        role: 'caseworker',
        startsOn: '2026-11-23',
      });
      expect(response.status).toBe(400);
      expect(response.problem().errors[0]).toMatchObject({ field: 'unitId' });
    });

    it('a manager sees the staff of their own unit only', async () => {
      const manager = await createUser(app.database, { roles: ['manager'], unit: home });
      const colleague = await createUser(app.database, { roles: ['caseworker'], unit: home });
      const elsewhere = await createUser(app.database, { roles: ['caseworker'], unit: region });
      const client = await signIn(app, manager);
      const list = await client.get('/api/v1/admin/users');
      const ids = list.json<{ users: Array<{ id: string }> }>().users.map((u) => u.id);
      expect(ids).toContain(colleague.id);
      expect(ids).not.toContain(elsewhere.id);
      expect((await client.get(`/api/v1/admin/users/${elsewhere.id}`)).status).toBe(404);
      expect((await client.get(`/api/v1/admin/users/${colleague.id}`)).status).toBe(200);
    });
  });

  describe('service accounts', () => {
    it('shows the token once, stores its hash, authorizes and audits its calls, and revokes it at once', async () => {
      const created = await coordinatorClient.post('/api/v1/admin/service-accounts', { name: 'Ärendesystemet', unitId: home.id, actions: ['units.read'] });
      expect(created.status).toBe(201);
      const { token, serviceAccount } = created.json<{ token: string; serviceAccount: { id: string; tokenHint: string } }>();
      expect(token).toMatch(/^upk_[A-Za-z0-9_-]{43}$/);
      expect(serviceAccount.tokenHint).toBe(token.slice(0, 8));
      const [stored] = await app.database.system((tx) => tx.select().from(serviceAccounts).where(eq(serviceAccounts.id, serviceAccount.id)));
      expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(token);
      const list = await coordinatorClient.get('/api/v1/admin/service-accounts');
      expect(list.body).not.toContain(token);

      const integration = withToken(app, token);
      expect((await integration.get('/api/v1/admin/units')).status).toBe(200);
      expect((await integration.get('/api/v1/admin/users')).status).toBe(403);

      // A refused individual-level action is audited with the service account as the actor.
      expect((await integration.get('/api/v1/audit/events')).status).toBe(403);
      const [event] = await app.database.system((tx) =>
        queryRows<{ actor_kind: string; actor_id: string; outcome: string; acting_unit_id: string }>(
          tx,
          sql`select actor_kind, actor_id, outcome, acting_unit_id from audit_events where actor_kind = 'service' order by seq desc limit 1`,
        ),
      );
      expect(event).toEqual({ actor_kind: 'service', actor_id: serviceAccount.id, outcome: 'denied', acting_unit_id: home.id });

      expect((await coordinatorClient.post(`/api/v1/admin/service-accounts/${serviceAccount.id}/revoke`)).status).toBe(200);
      const revoked = await integration.get('/api/v1/admin/units');
      expect(revoked.status).toBe(401);
      expect((await coordinatorClient.post(`/api/v1/admin/service-accounts/${serviceAccount.id}/revoke`)).status).toBe(409);
    });

    it('gives a service account only actions the permission table allows for integrations', async () => {
      const refused = await coordinatorClient.post('/api/v1/admin/service-accounts', {
        name: 'För mycket',
        unitId: home.id,
        actions: ['units.read', 'users.manage'],
      });
      expect(refused.status).toBe(400);
      expect(refused.problem().errors[0]).toMatchObject({ field: 'actions.1', code: 'action_not_allowed_for_service' });
    });
  });
});
