import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUser, createUnit, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { CONTROL_CANARY, PROTECTED_CANARY } from '../../test-support/canary.ts';
import { createExampleRecord, exampleFixture } from '../../test-support/example-records/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';

type Event = { action: string; outcome: string; record_id: string | null; break_glass: boolean; reason: string | null };

describe('protection rules and break-the-glass on an individual-level record type', () => {
  let app: TestApp;
  let region: TestUnit;
  let home: TestUnit;
  let sibling: TestUnit;
  let designated: TestUnit;
  let otherAgency: TestUnit;
  let caseworker: TestUser;
  let colleague: TestUser;
  let designatedCaseworker: TestUser;
  let manager: TestUser;
  let client: ApiClient;

  async function eventsSince(seq: number): Promise<Event[]> {
    return app.database.system((tx) =>
      queryRows<Event>(tx, sql`select action, outcome, record_id, break_glass, reason from audit_events where seq > ${seq} order by seq`),
    );
  }
  async function lastSeq(): Promise<number> {
    const [row] = await app.database.system((tx) => queryRows<{ seq: number }>(tx, sql`select coalesce(max(seq), 0)::int as seq from audit_events`));
    return row!.seq;
  }

  beforeAll(async () => {
    // Grants shorter than the idle timeout, so a test can outlive one without signing in again.
    app = await createTestApp({ ...exampleFixture, config: { breakGlassMinutes: 10 } });
    region = await createUnit(app.database, { level: 'region' });
    home = await createUnit(app.database, { parentId: region.id });
    sibling = await createUnit(app.database, { parentId: region.id });
    designated = await createUnit(app.database, { parentId: region.id, name: 'Särskild handläggning' });
    otherAgency = await createUnit(app.database, { organisation: 'AF' });
    caseworker = await createUser(app.database, { roles: ['caseworker'], unit: home });
    colleague = await createUser(app.database, { roles: ['caseworker'], unit: home });
    designatedCaseworker = await createUser(app.database, { roles: ['caseworker'], unit: designated });
    manager = await createUser(app.database, { roles: ['manager'], unit: home });
    client = await signIn(app, caseworker);
  });
  afterAll(() => app.close());

  it('opens a record in the caller’s unit and writes exactly one audit event for the read', async () => {
    const record = await createExampleRecord(app.database, { unit: home, createdBy: colleague.id });
    const before = await lastSeq();
    const response = await client.get(`/api/v1/examples/${record.id}`);
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ id: record.id, locationWithheld: false, municipalityCode: '2080' });
    expect(await eventsSince(before)).toEqual([{ action: 'example.read', outcome: 'allowed', record_id: record.id, break_glass: false, reason: null }]);
  });

  it('answers another agency’s record exactly like a missing one, and audits the denial', async () => {
    const record = await createExampleRecord(app.database, { unit: otherAgency });
    const missing = await client.get('/api/v1/examples/00000000-0000-4000-8000-000000000001');
    const before = await lastSeq();
    const foreign = await client.get(`/api/v1/examples/${record.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json().code).toBe(missing.json().code);
    expect(foreign.json().title).toBe('Det du söker finns inte');
    expect(await eventsSince(before)).toEqual([{ action: 'example.read', outcome: 'denied', record_id: record.id, break_glass: false, reason: null }]);
  });

  it('offers break-the-glass for a record of another unit, grants it with a reason for a limited time, and flags the reads', async () => {
    const record = await createExampleRecord(app.database, { unit: sibling });
    const refused = await client.get(`/api/v1/examples/${record.id}`);
    expect(refused.status).toBe(403);
    expect(refused.json().code).toBe('break_glass_required');

    const noReason = await client.post(`/api/v1/records/example_record/${record.id}/break-glass`, { reason: 'kort' });
    expect(noReason.status).toBe(400);
    expect(noReason.problem().errors[0]).toMatchObject({ field: 'reason', code: 'reason_required' });

    const reason = 'Klienten ringde och handläggaren i Borlänge är sjuk';
    const before = await lastSeq();
    const granted = await client.post(`/api/v1/records/example_record/${record.id}/break-glass`, { reason });
    expect(granted.status).toBe(201);
    expect(new Date(granted.json<{ expiresAt: string }>().expiresAt).getTime() - app.clock.now().getTime()).toBe(10 * 60_000);
    const read = await client.get(`/api/v1/examples/${record.id}`);
    expect(read.status).toBe(200);
    expect(await eventsSince(before)).toEqual([
      { action: 'records.break_glass', outcome: 'allowed', record_id: record.id, break_glass: true, reason },
      { action: 'example.read', outcome: 'allowed', record_id: record.id, break_glass: true, reason },
    ]);

    app.clock.advance(10 * 60_000 + 1);
    const expired = await client.get(`/api/v1/examples/${record.id}`);
    expect(expired.status).toBe(403);
  });

  it('never lets break-the-glass change a record, and needs none inside the scope', async () => {
    const own = await createExampleRecord(app.database, { unit: home, createdBy: caseworker.id });
    const inScope = await client.post(`/api/v1/records/example_record/${own.id}/break-glass`, { reason: 'Behöver läsa mitt eget ärende' });
    expect(inScope.status).toBe(409);

    const elsewhere = await createExampleRecord(app.database, { unit: sibling });
    await client.post(`/api/v1/records/example_record/${elsewhere.id}/break-glass`, { reason: 'Behöver se ärendet för ett samtal' });
    const change = await client.patch(`/api/v1/examples/${elsewhere.id}`, { title: 'Ändrad' });
    expect(change.status).toBe(403);
  });

  it('lets a caseworker change only records they created; a colleague’s is refused and audited', async () => {
    const mine = await createExampleRecord(app.database, { unit: home, createdBy: caseworker.id });
    const theirs = await createExampleRecord(app.database, { unit: home, createdBy: colleague.id });
    const before = await lastSeq();
    expect((await client.patch(`/api/v1/examples/${mine.id}`, { title: 'Nytt namn' })).status).toBe(200);
    expect((await client.patch(`/api/v1/examples/${theirs.id}`, { title: 'Nytt namn' })).status).toBe(403);
    expect(await eventsSince(before)).toEqual([
      { action: 'example.change', outcome: 'allowed', record_id: mine.id, break_glass: false, reason: null },
      { action: 'example.change', outcome: 'denied', record_id: theirs.id, break_glass: false, reason: null },
    ]);
  });

  it('hides a record from a staff member connected to it, whatever they try, and from their lists', async () => {
    const record = await createExampleRecord(app.database, { unit: home, createdBy: colleague.id, connectedUserIds: [caseworker.id] });
    expect((await client.get(`/api/v1/examples/${record.id}`)).status).toBe(404);
    expect((await client.post(`/api/v1/records/example_record/${record.id}/break-glass`, { reason: 'Jag vill se mitt eget ärende' })).status).toBe(404);
    const list = await client.get('/api/v1/examples');
    expect(list.json<{ records: Array<{ id: string }> }>().records.map((r) => r.id)).not.toContain(record.id);
    const colleagueClient = await signIn(app, colleague);
    expect((await colleagueClient.get(`/api/v1/examples/${record.id}`)).status).toBe(200);
  });

  it('a manager connected to a record can neither see nor remove the connection', async () => {
    const record = await createExampleRecord(app.database, { unit: home, connectedUserIds: [manager.id] });
    const managerClient = await signIn(app, manager);
    expect((await managerClient.get(`/api/v1/records/example_record/${record.id}/protection`)).status).toBe(404);
    expect((await managerClient.delete(`/api/v1/records/example_record/${record.id}/connections/${manager.id}`)).status).toBe(404);
    const [row] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from record_connections where record_id = ${record.id}`),
    );
    expect(row!.count).toBe(1);
  });

  it('lets only the designated unit open a record designated to it', async () => {
    const record = await createExampleRecord(app.database, { unit: home, designatedUnitId: designated.id });
    expect((await client.get(`/api/v1/examples/${record.id}`)).status).toBe(404);
    const designatedClient = await signIn(app, designatedCaseworker);
    expect((await designatedClient.get(`/api/v1/examples/${record.id}`)).status).toBe(200);
    const list = await designatedClient.get('/api/v1/examples');
    expect(list.json<{ records: Array<{ id: string }> }>().records.map((r) => r.id)).toContain(record.id);
  });

  it('a manager marks protected identity and connects a colleague; both are audited', async () => {
    const record = await createExampleRecord(app.database, { unit: home, address: CONTROL_CANARY });
    const managerClient = await signIn(app, manager);
    const before = await lastSeq();
    const marked = await managerClient.put(`/api/v1/records/example_record/${record.id}/protection`, { protectedIdentity: true, designatedUnitId: null });
    expect(marked.status).toBe(200);
    expect(marked.json()).toMatchObject({ protectedIdentity: true, designatedUnitId: null, connections: [] });
    const connected = await managerClient.post(`/api/v1/records/example_record/${record.id}/connections`, { userId: colleague.id });
    expect(connected.status).toBe(201);
    expect(connected.json<{ connections: Array<{ userId: string }> }>().connections.map((c) => c.userId)).toEqual([colleague.id]);
    expect((await eventsSince(before)).map((e) => e.action)).toEqual(['records.protect', 'records.connect']);
    const shown = await client.get(`/api/v1/examples/${record.id}`);
    expect(shown.json()).toMatchObject({ address: null, municipalityCode: null, locationWithheld: true });
  });

  it('never shows the location of a protected identity: not in a record, a list, a new record or an export', async () => {
    const shielded = await createExampleRecord(app.database, { unit: home, createdBy: caseworker.id, address: PROTECTED_CANARY, protectedIdentity: true });
    await createExampleRecord(app.database, { unit: home, createdBy: caseworker.id, address: CONTROL_CANARY });
    const one = await client.get(`/api/v1/examples/${shielded.id}`);
    expect(one.json()).toMatchObject({ address: null, municipalityCode: null, locationWithheld: true });
    const list = await client.get('/api/v1/examples');
    expect(list.body).toContain(CONTROL_CANARY);
    expect(list.body).not.toContain(PROTECTED_CANARY);
    const exported = await client.get('/api/v1/examples/export.csv');
    expect(exported.body).toContain(CONTROL_CANARY);
    expect(exported.body).not.toContain(PROTECTED_CANARY);
    const created = await client.post('/api/v1/examples', { title: 'Ny', address: PROTECTED_CANARY, municipalityCode: '2080', protectedIdentity: true });
    expect(created.status).toBe(201);
    expect(created.body).not.toContain(PROTECTED_CANARY);
    // The value is stored: the rule is about showing it.
    const [stored] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from example_records where address = ${PROTECTED_CANARY}`),
    );
    expect(stored!.count).toBe(2);
  });

  it('writes one audit event per record shown in a list', async () => {
    const unit = await createUnit(app.database, { parentId: region.id });
    const lister = await createUser(app.database, { roles: ['caseworker'], unit });
    const a = await createExampleRecord(app.database, { unit });
    const b = await createExampleRecord(app.database, { unit });
    const listerClient = await signIn(app, lister);
    const before = await lastSeq();
    await listerClient.get('/api/v1/examples');
    const events = await eventsSince(before);
    expect(events.map((e) => e.record_id).sort()).toEqual([a.id, b.id].sort());
    expect(events.every((e) => e.action === 'example.read')).toBe(true);
  });
});
