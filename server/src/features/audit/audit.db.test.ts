import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import { recordAudit, verifyAuditChain } from '../../platform/audit/audit.ts';
import { queryRows, sqlState } from '../../platform/db/database.ts';
import { createUser, createUnit, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createExampleRecord, exampleFixture } from '../../test-support/example-records/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { readAsSwedishExcel, startsLikeFormula } from '../../test-support/spreadsheet.ts';

type Page = {
  events: Array<{
    seq: number;
    action: string;
    recordId: string | null;
    actorName: string | null;
    breakGlass: boolean;
    reason: string | null;
    review: unknown;
  }>;
  nextBefore: number | null;
};

describe('the audit trail: append-only, hash-chained, searchable by auditors, exportable, reviewable', () => {
  let app: TestApp;
  let region: TestUnit;
  let home: TestUnit;
  let caseworker: TestUser;
  let auditor: TestUser;
  let auditorClient: ApiClient;

  beforeAll(async () => {
    app = await createTestApp({ ...exampleFixture, config: { breakGlassMinutes: 10 } });
    region = await createUnit(app.database, { level: 'region' });
    home = await createUnit(app.database, { parentId: region.id });
    caseworker = await createUser(app.database, { roles: ['caseworker'], unit: home, email: 'frida.fors@test.upptack.se' });
    auditor = await createUser(app.database, { roles: ['auditor'], unit: region });
    auditorClient = await signIn(app, auditor);
  });
  afterAll(() => app.close());

  it('the application and system roles may neither change nor delete an event, and the owner is refused by a trigger', async () => {
    const context = { role: 'upptack_app' as const, settings: { tenant_id: auditor.tenantId, user_id: auditor.id, audit_reader: 'on' } };
    const attempts = [sql`update audit_events set action = 'x'`, sql`delete from audit_events`];
    for (const attempt of attempts) {
      const error = await app.database
        .transaction(context, (tx) => tx.execute(attempt))
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(sqlState(error)).toBe('42501');
      const bySystem = await app.database
        .system((tx) => tx.execute(attempt))
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(sqlState(bySystem)).toBe('42501');
    }
    const message = (error: unknown) => String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    for (const attempt of [sql`update audit_events set action = 'x'`, sql`delete from audit_events`]) {
      const error = await app.database
        .owner((tx) => tx.execute(attempt))
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(message(error)).toMatch(/append-only/);
    }
    // TRUNCATE is refused too (by the trigger, or first by the tables that reference events).
    const truncated = await app.database
      .owner((tx) => tx.execute(sql`truncate audit_events`))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(message(truncated)).toMatch(/append-only|referenced/);
    const [left] = await app.database.system((tx) => queryRows<{ count: number }>(tx, sql`select count(*)::int as count from audit_events`));
    expect(left!.count).toBeGreaterThan(0);
  });

  it('only transactions of an audit reader see the trail, even within the organisation', async () => {
    const [row] = await app.database.transaction({ role: 'upptack_app', settings: { tenant_id: caseworker.tenantId, user_id: caseworker.id } }, (tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from audit_events`),
    );
    expect(row!.count).toBe(0);
  });

  it('the chain verifies, and a changed event is found', async () => {
    const clean = await verifyAuditChain(app.database);
    expect(clean.ok).toBe(true);
    const copy = await createTestApp();
    try {
      await copy.database.system((tx) => recordAudit(tx, 'system', { ip: null, requestId: null }, { action: 'test.one' }));
      const seq = await copy.database.system((tx) => recordAudit(tx, 'system', { ip: null, requestId: null }, { action: 'test.two' }));
      await copy.database.system((tx) => recordAudit(tx, 'system', { ip: null, requestId: null }, { action: 'test.three' }));
      expect(await verifyAuditChain(copy.database)).toEqual({ ok: true, events: 3 });
      await copy.database.runScript(`
        alter table audit_events disable trigger audit_events_append_only;
        update audit_events set action = 'test.forged' where seq = ${seq};
        alter table audit_events enable trigger audit_events_append_only;`);
      expect(await verifyAuditChain(copy.database)).toEqual({ ok: false, events: 1, brokenAt: seq, problem: 'hash_mismatch' });
    } finally {
      await copy.close();
    }
  });

  it('an auditor finds the read of a record by record, by user and by time; the search is audited', async () => {
    const record = await createExampleRecord(app.database, { unit: home });
    const client = await signIn(app, caseworker);
    expect((await client.get(`/api/v1/examples/${record.id}`)).status).toBe(200);

    const byRecord = await auditorClient.get(`/api/v1/audit/events?recordType=example_record&recordId=${record.id}`);
    expect(byRecord.status).toBe(200);
    expect(byRecord.json<Page>().events).toMatchObject([{ action: 'example.read', recordId: record.id, actorName: 'Test frida.fors' }]);

    const byName = await auditorClient.get('/api/v1/audit/events?user=frida&action=example.read');
    expect(byName.json<Page>().events.map((e) => e.recordId)).toContain(record.id);
    // Events are stamped by the application's clock, like every other row (ADR 0019).
    const today = stockholmDate(app.clock.now());
    const byId = await auditorClient.get(`/api/v1/audit/events?user=${caseworker.id}&from=${today}&to=${today}`);
    expect(byId.json<Page>().events.length).toBeGreaterThan(0);
    const yesterday = await auditorClient.get(`/api/v1/audit/events?user=${caseworker.id}&to=${addDays(today, -1)}`);
    expect(yesterday.json<Page>().events).toEqual([]);

    const [search] = await app.database.system((tx) =>
      queryRows<{ action: string; details: { filters: string } }>(
        tx,
        sql`select action, details from audit_events where actor_id = ${auditor.id} order by seq desc limit 1`,
      ),
    );
    expect(search).toMatchObject({ action: 'audit.search', details: { filters: 'to,user', hits: 0 } });
  });

  it('exports what a search finds as CSV, with free text that cannot run as a formula', async () => {
    const record = await createExampleRecord(app.database, { unit: await createUnit(app.database, { parentId: region.id }) });
    const client = await signIn(app, caseworker);
    await client.post(`/api/v1/records/example_record/${record.id}/break-glass`, { reason: '=HYPERLINK("http://example.org") behövs för samtal' });
    const exported = await auditorClient.get(`/api/v1/audit/events.csv?recordId=${record.id}`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="granskningslogg-${stockholmDate(app.clock.now())}.csv"`);
    const [header, ...rows] = readAsSwedishExcel(exported.body);
    expect(header!.slice(0, 3)).toEqual(['Löpnummer', 'Tidpunkt (UTC)', 'Aktörstyp']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`'=HYPERLINK("http://example.org") behövs för samtal`);
  });

  it("keeps a break-glass reason `x;=cmd|' /C calc'!A0` in one inert cell when Swedish Excel opens the export", async () => {
    const record = await createExampleRecord(app.database, { unit: await createUnit(app.database, { parentId: region.id }) });
    const client = await signIn(app, caseworker);
    const payload = "x;=cmd|' /C calc'!A0";
    expect((await client.post(`/api/v1/records/example_record/${record.id}/break-glass`, { reason: payload })).status).toBe(201);
    const exported = await auditorClient.get(`/api/v1/audit/events.csv?recordId=${record.id}`);
    const [header, ...rows] = readAsSwedishExcel(exported.body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(header!.length);
    expect(rows[0]![header!.indexOf('Motivering')]).toBe(payload);
    expect(rows[0]!.filter(startsLikeFormula)).toEqual([]);
  });

  it('lists break-the-glass reads for review; an auditor reviews each once', async () => {
    const record = await createExampleRecord(app.database, { unit: await createUnit(app.database, { parentId: region.id }) });
    const client = await signIn(app, caseworker);
    await client.post(`/api/v1/records/example_record/${record.id}/break-glass`, { reason: 'Klienten ringde in, ordinarie handläggare borta' });
    await client.get(`/api/v1/examples/${record.id}`);
    const open = await auditorClient.get(`/api/v1/audit/events?flagged=unreviewed&recordId=${record.id}`);
    const events = open.json<Page>().events;
    expect(events.map((e) => e.action)).toEqual(['example.read', 'records.break_glass']);
    expect(events.every((e) => e.breakGlass && e.reason === 'Klienten ringde in, ordinarie handläggare borta')).toBe(true);

    const reviewed = await auditorClient.post(`/api/v1/audit/events/${events[0]!.seq}/review`, { note: 'Kontrollerat med chefen' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.json()).toMatchObject({ seq: events[0]!.seq, review: { note: 'Kontrollerat med chefen' } });
    expect((await auditorClient.post(`/api/v1/audit/events/${events[0]!.seq}/review`, {})).status).toBe(409);
    const stillOpen = await auditorClient.get(`/api/v1/audit/events?flagged=unreviewed&recordId=${record.id}`);
    expect(stillOpen.json<Page>().events.map((e) => e.action)).toEqual(['records.break_glass']);
  });

  it('another agency’s auditor finds nothing of this agency', async () => {
    const afAuditor = await createUser(app.database, { roles: ['auditor'], organisation: 'AF' });
    const client = await signIn(app, afAuditor);
    const page = await client.get(`/api/v1/audit/events?user=${caseworker.id}`);
    expect(page.json<Page>().events).toEqual([]);
  });
});
