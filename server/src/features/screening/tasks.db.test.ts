import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskList } from '#shared/contracts/screening.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createEncounter } from './builders.ts';

/** The caseworker's task list (issue 22): own vs colleague vs other organisation; each kind appears and goes when resolved. */
describe('the caseworker’s task list', () => {
  let app: TestApp;
  let unit: TestUnit;
  let otherUnit: TestUnit;
  let caseworker: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let stranger: TestUser;
  let client: ApiClient;

  const tasks = async (api: ApiClient) => {
    const response = await api.get('/api/v1/encounters/tasks');
    expect(response.status).toBe(200);
    return response.json<TaskList>().tasks.map((task) => `${task.kind}:${task.encounter.id}`);
  };

  beforeAll(async () => {
    app = await createTestApp();
    unit = await createUnit(app.database, { name: 'Uppgifter testenhet' });
    otherUnit = await createUnit(app.database, { organisation: 'AF', name: 'Annan myndighet' });
    caseworker = await createUser(app.database, { unit });
    colleague = await createUser(app.database, { unit });
    manager = await createUser(app.database, { unit, roles: ['manager'] });
    stranger = await createUser(app.database, { unit: otherUnit });
    client = await signIn(app, caseworker);
  });
  afterAll(() => app.close());

  it('lists the caseworker’s own open tasks of each kind, a manager the unit’s, never another organisation’s; one audit event per encounter shown', async () => {
    const handover = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'disclosed' });
    const report = await createEncounter(app.database, { unit, createdBy: caseworker.id, referral: 'report' });
    const notAsked = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'not_asked' });
    const done = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'asked' });
    const colleagues = await createEncounter(app.database, { unit, createdBy: colleague.id, state: 'not_asked' });
    const foreign = await createEncounter(app.database, { unit: otherUnit, createdBy: stranger.id, state: 'not_asked' });

    const mine = await tasks(client);
    expect(mine).toEqual(
      expect.arrayContaining([`handover_unconfirmed:${handover.id}`, `child_concern_to_report:${report.id}`, `not_asked_follow_up:${notAsked.id}`]),
    );
    const ids = mine.map((task) => task.split(':')[1]);
    expect(ids).not.toContain(done.id);
    expect(ids).not.toContain(colleagues.id);
    expect(ids).not.toContain(foreign.id);

    const unitTasks = (await tasks(await signIn(app, manager))).map((task) => task.split(':')[1]);
    expect(unitTasks).toEqual(expect.arrayContaining([handover.id, report.id, notAsked.id, colleagues.id]));
    expect(unitTasks).not.toContain(foreign.id);
    expect((await tasks(await signIn(app, stranger))).map((task) => task.split(':')[1])).toEqual([foreign.id]);

    const [audit] = await app.database.system((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where record_id = ${notAsked.id} and action = 'encounters.read' and actor_id = ${caseworker.id}`,
      ),
    );
    expect(audit!.n).toBe(1);
  });

  it('drops each task when it is resolved: the handover confirmed, the report made, the client asked later under the same case reference', async () => {
    const handover = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'disclosed' });
    const report = await createEncounter(app.database, { unit, createdBy: caseworker.id, referral: 'report' });
    const notAsked = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'not_asked', caseReference: 'FK-2026-022001' });
    const before = await tasks(client);
    expect(before).toEqual(
      expect.arrayContaining([`handover_unconfirmed:${handover.id}`, `child_concern_to_report:${report.id}`, `not_asked_follow_up:${notAsked.id}`]),
    );

    expect((await client.patch(`/api/v1/encounters/${handover.id}/referrals/${handover.referralIds[0]}`, { action: 'confirm_handover' })).status).toBe(200);
    expect((await client.patch(`/api/v1/encounters/${report.id}/referrals/${report.referralIds[0]}`, { action: 'mark_report_made' })).status).toBe(200);
    app.clock.advance(60_000);
    await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'asked', caseReference: 'FK-2026-022001' });

    const after = await tasks(client);
    expect(after).not.toContain(`handover_unconfirmed:${handover.id}`);
    expect(after).not.toContain(`child_concern_to_report:${report.id}`);
    expect(after).not.toContain(`not_asked_follow_up:${notAsked.id}`);
  });

  it('keeps a not-asked encounter without a case reference until the caseworker marks it followed up; only a not-asked one can be', async () => {
    const notAsked = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'not_asked' });
    const asked = await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'asked' });
    app.clock.advance(60_000);
    await createEncounter(app.database, { unit, createdBy: caseworker.id, state: 'asked' });
    expect(await tasks(client)).toContain(`not_asked_follow_up:${notAsked.id}`);

    expect((await (await signIn(app, stranger)).post(`/api/v1/encounters/${notAsked.id}/follow-up`)).status).toBe(404);
    expect((await client.post(`/api/v1/encounters/${asked.id}/follow-up`)).status).toBe(409);
    const marked = await client.post(`/api/v1/encounters/${notAsked.id}/follow-up`);
    expect(marked.status).toBe(200);
    expect(marked.json<{ followedUpAt: string | null }>().followedUpAt).toBe(app.clock.now().toISOString());
    expect(await tasks(client)).not.toContain(`not_asked_follow_up:${notAsked.id}`);
  });
});
