import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encounter } from '#shared/contracts/screening.ts';
import type { RecordProtection } from '#shared/contracts/records.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { CANARY_PLACES_SCRIPT, createProcess, type TestProcess } from './builders.ts';

/**
 * The designated unit and the staff connections of a protected identity change only with two
 * people (issue 16 item 4, ADR 0104). Before, one manager moved a protected encounter to another
 * unit, or removed a connection (letting that person open it), alone.
 */
describe('moving or opening a protected identity takes two people', () => {
  let app: TestApp;
  let unit: TestUnit;
  let elsewhere: TestUnit;
  let caseworker: ApiClient;
  let elsewhereCaseworker: ApiClient;
  let connectedUser: TestUser;
  let firstManager: TestUser;
  let secondManager: TestUser;
  let first: ApiClient;
  let second: ApiClient;
  let process: TestProcess;

  beforeAll(async () => {
    app = await createTestApp({ scripts: [CANARY_PLACES_SCRIPT] });
    unit = await createUnit(app.database, { name: 'Skyddsenheten' });
    elsewhere = await createUnit(app.database, { name: 'Annan enhet' });
    caseworker = await signIn(app, await createUser(app.database, { unit }));
    elsewhereCaseworker = await signIn(app, await createUser(app.database, { unit: elsewhere }));
    connectedUser = await createUser(app.database, { unit, roles: ['manager'] });
    firstManager = await createUser(app.database, { unit, roles: ['manager'] });
    secondManager = await createUser(app.database, { unit, roles: ['manager'] });
    first = await signIn(app, firstManager);
    second = await signIn(app, secondManager);
    process = await createProcess(app.database, unit.tenantId);
  });
  afterAll(() => app.close());

  const protectedEncounter = async () => {
    const created = await caseworker.post('/api/v1/encounters', {
      processId: process.processId,
      channel: 'phone',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080', protectedIdentity: true },
      actions: { referrals: [], information: [] },
    });
    expect(created.status).toBe(201);
    return created.json<Encounter>();
  };

  const asApp = (user: TestUser, statement: ReturnType<typeof sql>) =>
    app.database
      .transaction({ role: 'upptack_app', settings: { tenant_id: unit.tenantId, user_id: user.id, unit_id: unit.id } }, (tx) => tx.execute(statement))
      .then(
        () => 'allowed',
        (error: unknown) => {
          const failure = error as Error & { cause?: Error };
          return failure.cause?.message ?? failure.message;
        },
      );

  const actions = (recordId: string) =>
    app.database.system((tx) =>
      queryRows<{ action: string; actor_id: string; details: Record<string, unknown> | null }>(
        tx,
        sql`select action, actor_id, details from audit_events where record_id = ${recordId} and action like 'records.%' order by seq`,
      ),
    );

  it('one manager’s new designated unit is a request; the record stays where it is until a second manager asks for the same unit (old code moved it at once)', async () => {
    const encounter = await protectedEncounter();
    const url = `/api/v1/records/encounter/${encounter.id}/protection`;

    const requested = await first.put(url, { protectedIdentity: true, designatedUnitId: elsewhere.id });
    expect(requested.status).toBe(200);
    expect(requested.json<RecordProtection>()).toMatchObject({
      protectedIdentity: true,
      designatedUnitId: null,
      unitChangeRequest: { requestedBy: firstManager.id, requestedByMe: true, to: elsewhere.id },
    });
    expect((await elsewhereCaseworker.get(`/api/v1/encounters/${encounter.id}`)).status).not.toBe(200);
    expect((await caseworker.get(`/api/v1/encounters/${encounter.id}`)).status).toBe(200);

    const again = await first.put(url, { protectedIdentity: true, designatedUnitId: elsewhere.id });
    expect(again.status).toBe(409);
    expect(again.json().detail).toBe('Du har redan begärt att ärendet ska flyttas till den enheten. En annan person med behörighet måste godkänna.');

    // The database refuses the move by the requester, and a request written in someone else's name.
    expect(await asApp(firstManager, sql`update record_protections set designated_unit_id = ${elsewhere.id} where record_id = ${encounter.id}`)).toMatch(
      /only by two people/,
    );
    expect(
      await asApp(firstManager, sql`update record_protections set unit_change_requested_by = ${secondManager.id} where record_id = ${encounter.id}`),
    ).toMatch(/own name/);
    expect(await asApp(firstManager, sql`update record_protections set lift_requested_by = ${secondManager.id} where record_id = ${encounter.id}`)).toMatch(
      /own name/,
    );

    // A second manager asking for a different unit replaces the request; it is not an approval.
    const other = await second.put(url, { protectedIdentity: true, designatedUnitId: unit.id });
    expect(other.json<RecordProtection>()).toMatchObject({ designatedUnitId: null, unitChangeRequest: { requestedBy: secondManager.id, to: unit.id } });
    await first.put(url, { protectedIdentity: true, designatedUnitId: elsewhere.id });
    const approved = await second.put(url, { protectedIdentity: true, designatedUnitId: elsewhere.id });
    expect(approved.status).toBe(200);
    expect(approved.json<RecordProtection>()).toMatchObject({ protectedIdentity: true, designatedUnitId: elsewhere.id, unitChangeRequest: null });
    // Moved: the approver, acting in the old unit, no longer reaches the record at all.
    const [stored] = await app.database.system((tx) =>
      queryRows<{ designated_unit_id: string; protected_identity: boolean; unit_change_to: string | null }>(
        tx,
        sql`select designated_unit_id, protected_identity, unit_change_to from record_protections where record_id = ${encounter.id}`,
      ),
    );
    expect(stored).toEqual({ designated_unit_id: elsewhere.id, protected_identity: true, unit_change_to: null });
    expect((await caseworker.get(`/api/v1/encounters/${encounter.id}`)).status).not.toBe(200);

    const events = await actions(encounter.id);
    expect(events.map((event) => [event.action, event.actor_id])).toEqual([
      ['records.request_designated_unit', firstManager.id],
      ['records.request_designated_unit', secondManager.id],
      ['records.request_designated_unit', firstManager.id],
      ['records.protect', secondManager.id],
    ]);
    expect(events[3]!.details).toMatchObject({ designatedUnit: elsewhere.id, unitChangeRequestedBy: firstManager.id });
  });

  it('a designated unit on a record without protected identity is still one person’s call', async () => {
    const created = await caseworker.post('/api/v1/encounters', {
      processId: process.processId,
      channel: 'phone',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080', protectedIdentity: false },
      actions: { referrals: [], information: [] },
    });
    const id = created.json<Encounter>().id;
    const moved = await first.put(`/api/v1/records/encounter/${id}/protection`, { protectedIdentity: false, designatedUnitId: unit.id });
    expect(moved.json<RecordProtection>()).toMatchObject({ designatedUnitId: unit.id, unitChangeRequest: null });
  });

  it('connecting staff to a protected identity is one person’s call; removing the connection takes a second (old code removed it at once)', async () => {
    const encounter = await protectedEncounter();
    const base = `/api/v1/records/encounter/${encounter.id}/connections`;
    const connected = await first.post(base, { userId: connectedUser.id });
    expect(connected.status).toBe(201);
    const connectedClient = await signIn(app, connectedUser);
    expect((await connectedClient.get(`/api/v1/encounters/${encounter.id}`)).status).toBe(404);

    const requested = await first.delete(`${base}/${connectedUser.id}`);
    expect(requested.status).toBe(200);
    expect(requested.json<RecordProtection>().connections).toEqual([
      expect.objectContaining({ userId: connectedUser.id, removalRequest: expect.objectContaining({ requestedBy: firstManager.id, requestedByMe: true }) }),
    ]);
    expect((await connectedClient.get(`/api/v1/encounters/${encounter.id}`)).status).toBe(404);
    const again = await first.delete(`${base}/${connectedUser.id}`);
    expect(again.status).toBe(409);
    expect(again.json().detail).toBe('Du har redan begärt att kopplingen ska tas bort. En annan person med behörighet måste godkänna.');
    expect(await asApp(firstManager, sql`delete from record_connections where record_id = ${encounter.id}`)).toMatch(/only by two people/);
    expect(await asApp(firstManager, sql`update record_connections set removal_requested_by = ${secondManager.id} where record_id = ${encounter.id}`)).toMatch(
      /own name/,
    );

    const removed = await second.delete(`${base}/${connectedUser.id}`);
    expect(removed.status).toBe(200);
    expect(removed.json<RecordProtection>().connections).toEqual([]);
    const events = await actions(encounter.id);
    expect(events.map((event) => [event.action, event.actor_id])).toEqual([
      ['records.connect', firstManager.id],
      ['records.request_disconnect', firstManager.id],
      ['records.disconnect', secondManager.id],
    ]);
    expect(events[2]!.details).toMatchObject({ user: connectedUser.id, removalRequestedBy: firstManager.id });
  });

  it('the database refuses a direct removal even with no request', async () => {
    const encounter = await protectedEncounter();
    await first.post(`/api/v1/records/encounter/${encounter.id}/connections`, { userId: connectedUser.id });
    expect(await asApp(secondManager, sql`delete from record_connections where record_id = ${encounter.id}`)).toMatch(/only by two people/);
    const [row] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from record_connections where record_id = ${encounter.id}`),
    );
    expect(row!.count).toBe(1);
  });
});
