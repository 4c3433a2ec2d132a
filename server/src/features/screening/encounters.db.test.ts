import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateEncounterRequest, Encounter } from '#shared/contracts/screening.ts';
import { SERVICE_TOKEN_PREFIX } from '../../platform/auth/authenticate.ts';
import { serviceAccounts } from '../../platform/auth/schema.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows } from '../../platform/db/database.ts';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import { testNow } from '../../test-support/test-clock.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { CONTROL_CANARY } from '../../test-support/canary.ts';
import { createTestApp, signIn, withToken, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import {
  CANARY_PLACES_SCRIPT,
  createProcess,
  enableNotes,
  insertProcess,
  insertQuestionSet,
  TEST_CONTROL_MUNICIPALITY,
  TEST_PROTECTED_MUNICIPALITY,
  type TestProcess,
} from './builders.ts';
import { DEFAULT_QUESTION_SET_VERSION_ID } from './demo-data.ts';

/** The app's day in Stockholm: its clock stands still unless a test moves it. */
const TODAY = stockholmDate(new Date(testNow()));

/** The default question set's answers for "nothing disclosed" and for a disclosure with a child at risk. */
const NOTHING: CreateEncounterRequest['result'] = {
  asking: 'asked',
  answers: [
    { item: 'exposure', value: 'no' },
    { item: 'perpetration', value: 'no' },
    { item: 'children', value: 'no' },
  ],
};
const CHILD_AT_RISK: CreateEncounterRequest['result'] = {
  asking: 'asked',
  answers: [
    { item: 'exposure', value: 'yes' },
    { item: 'perpetration', value: 'no' },
    { item: 'children', value: 'yes' },
    { item: 'exposure_forms', values: ['physical', 'psychological'] },
    { item: 'safety_now', value: 'no' },
    { item: 'children_exposed', value: 'yes' },
  ],
  outcome: 'disclosed',
  exposureForms: ['physical', 'psychological'],
  childrenInHousehold: 'yes',
  childAtRisk: true,
  childConcern: { decision: 'reported', madeOn: TODAY, municipalityCode: '2080' },
};

describe('screening encounters through the API', () => {
  let app: TestApp;
  let unit: TestUnit;
  let caseworker: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let process: TestProcess;
  let client: ApiClient;

  const start = (partial: Partial<CreateEncounterRequest> = {}): CreateEncounterRequest => ({
    processId: process.processId,
    channel: 'phone',
    basis: 'routine',
    interpreter: 'none',
    client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080' },
    ...partial,
  });
  const fields = (response: { problem(): { errors: Array<{ field: string }> } }) => response.problem().errors.map((error) => error.field);
  const count = async (table: string) =>
    (await app.database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`)))[0]!.n;

  beforeAll(async () => {
    app = await createTestApp({ scripts: [CANARY_PLACES_SCRIPT] });
    unit = await createUnit(app.database, { name: 'Sjukpenning testenhet' });
    caseworker = await createUser(app.database, { unit });
    colleague = await createUser(app.database, { unit });
    manager = await createUser(app.database, { unit, roles: ['manager'] });
    process = await createProcess(app.database, unit.tenantId);
    client = await signIn(app, caseworker);
  });
  afterAll(() => app.close());

  it('records a nothing-disclosed encounter: the outcome follows from the answers, one audit event, the exact question set version', async () => {
    const response = await client.post('/api/v1/encounters', start({ result: NOTHING }));
    expect(response.status).toBe(201);
    const encounter = response.json<Encounter>();
    expect(encounter).toMatchObject({
      status: 'completed',
      asking: 'asked',
      outcome: 'nothing_disclosed',
      childrenInHousehold: 'no',
      childAtRisk: false,
      eligible: true,
      occurredOn: TODAY,
      occurredMonth: `${TODAY.slice(0, 7)}-01`,
      routineVersionId: process.routineVersionId,
      client: { municipality: { code: '2080', name: 'Falun' }, county: { code: '20', name: 'Dalarnas län' }, protectedIdentity: false },
      createdByMe: true,
    });
    expect(encounter.questionSetVersionId).toBe(DEFAULT_QUESTION_SET_VERSION_ID);
    const [audit] = await app.database.system((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit_events where record_id = ${encounter.id} and action = 'encounters.create'`),
    );
    expect(audit!.n).toBe(1);
    const read = await client.get(`/api/v1/encounters/${encounter.id}`);
    expect(read.json<Encounter>().answers).toEqual(expect.arrayContaining([{ item: 'exposure', value: 'no', values: [], text: null }]));
  });

  it('refuses contradictions with a message naming each field', async () => {
    const cases: Array<[string, CreateEncounterRequest, string[]]> = [
      ['not asked, with answers', start({ result: { asking: 'not_asked', notAskedReason: 'not_alone', answers: NOTHING!.answers } }), ['result.answers']],
      ['not asked without a reason', start({ result: { asking: 'not_asked' } }), ['result.notAskedReason']],
      ['a child at risk without a report decision', start({ result: { ...CHILD_AT_RISK!, childConcern: null } }), ['result.childConcern']],
      [
        'a handover without consent',
        start({ result: NOTHING, actions: { referrals: [{ kind: 'handover', target: 'shelter' }] } }),
        ['actions.referrals.0.consent'],
      ],
      [
        'answers that say otherwise than the outcome',
        start({ result: { ...NOTHING!, outcome: 'disclosed', exposureForms: ['physical'] } }),
        ['result.outcome', 'result.exposureForms'],
      ],
      ['asked with a relative interpreting', start({ interpreter: 'other', result: NOTHING }), ['result.asking']],
      ['inform only where the routine asks', start({ result: { asking: 'inform_only' } }), ['result.asking']],
      [
        'a follow-up question without its gate answer',
        start({ result: { asking: 'asked', answers: [...NOTHING!.answers!, { item: 'safety_now', value: 'no' }] } }),
        ['result.answers.3.item'],
      ],
      ['a gate question left unanswered', start({ result: { asking: 'asked', answers: NOTHING!.answers!.slice(0, 2) } }), ['result.answers.children']],
      ['a meeting in the future', start({ occurredOn: addDays(TODAY, 1), result: NOTHING }), ['occurredOn']],
      ['an unknown municipality', start({ client: { sex: 'male', ageBand: '25_34', municipalityCode: '0000' }, result: NOTHING }), ['client.municipalityCode']],
      ['an unknown process', start({ processId: crypto.randomUUID(), result: NOTHING }), ['processId']],
    ];
    const before = await count('screening_encounters');
    for (const [name, body, expected] of cases) {
      const response = await client.post('/api/v1/encounters', body);
      expect(response.status, name).toBe(400);
      expect(fields(response), name).toEqual(expect.arrayContaining(expected));
      expect(
        response.problem().errors.every((error) => (error as { message?: string }).message),
        name,
      ).toBe(true);
    }
    expect(await count('screening_encounters')).toBe(before);
  });

  it('refuses a question set version that is not published', async () => {
    const draft = await app.database.system((tx) => insertQuestionSet(tx, unit.tenantId, 'draft'));
    const response = await client.post('/api/v1/encounters', start({ result: { ...NOTHING!, questionSetVersionId: draft.versionId } }));
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual(['result.questionSetVersionId']);
  });

  it('records a child at risk with the report decision (date and municipality, never the child), and the routine’s channel rules', async () => {
    const response = await client.post('/api/v1/encounters', start({ result: CHILD_AT_RISK }));
    expect(response.status).toBe(201);
    const encounter = response.json<Encounter>();
    expect(encounter).toMatchObject({ outcome: 'disclosed', exposureForms: ['physical', 'psychological'], childAtRisk: true, acuteDanger: false });
    expect(encounter.referrals).toEqual([
      expect.objectContaining({ kind: 'report', reportType: 'child_concern', status: 'made', madeOn: TODAY, municipality: { code: '2080', name: 'Falun' } }),
    ]);
    // A routine asking in person only: on the phone the encounter is inform-only (not in the "asked" denominator).
    const inPersonOnly = await app.database.system((tx) => insertProcess(tx, unit.tenantId, { channels: ['in_person'] }));
    const informed = await client.post(
      '/api/v1/encounters',
      start({
        processId: inPersonOnly.processId,
        result: { asking: 'inform_only' },
        actions: { information: [{ material: 'handout', language: 'ar', delivery: 'printed' }] },
      }),
    );
    expect(informed.status).toBe(201);
    expect(informed.json<Encounter>()).toMatchObject({
      eligible: false,
      asking: 'inform_only',
      information: [expect.objectContaining({ language: 'ar', delivery: 'printed' })],
    });
  });

  it('a retried request or a double-clicked submit with the same Idempotency-Key records one encounter', async () => {
    const before = await count('screening_encounters');
    const key = crypto.randomUUID();
    const body = start({ result: NOTHING });
    const [first, second] = await Promise.all([
      client.post('/api/v1/encounters', body, { 'idempotency-key': key }),
      client.post('/api/v1/encounters', body, { 'idempotency-key': key }),
    ]);
    const third = await client.post('/api/v1/encounters', body, { 'idempotency-key': key });
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const ids = new Set([first, second, third].map((response) => response.json<Encounter>().id));
    expect(ids.size).toBe(1);
    expect([first, second, third].filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    expect(await count('screening_encounters')).toBe(before + 1);

    const other = await client.post('/api/v1/encounters', start({ channel: 'in_person', result: NOTHING }), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(fields(other)).toEqual(['Idempotency-Key']);
    // Another user's key of the same value is theirs: no replay across people.
    const colleagueClient = await signIn(app, colleague);
    const theirs = await colleagueClient.post('/api/v1/encounters', body, { 'idempotency-key': key });
    expect(theirs.status).toBe(201);
    expect(ids.has(theirs.json<Encounter>().id)).toBe(false);
  });

  it('lets an integration create an encounter, add the result and actions, read it back and find it by case reference', async () => {
    const token = `${SERVICE_TOKEN_PREFIX}${randomToken(32)}`;
    await app.database.system((tx) =>
      tx.insert(serviceAccounts).values({
        tenantId: unit.tenantId,
        unitId: unit.id,
        name: 'Ärendesystem',
        tokenHash: sha256Hex(token),
        tokenHint: token.slice(0, 8),
        actions: ['encounters.create', 'encounters.read', 'encounters.update', 'routines.read'],
      }),
    );
    const system = withToken(app, token);
    const processes = await system.get('/api/v1/processes');
    expect(processes.json<{ processes: Array<{ id: string }> }>().processes.map((p) => p.id)).toContain(process.processId);
    const reference = 'FK-ÄRENDE-2026-4711';
    const created = await system.post(
      '/api/v1/encounters',
      start({ client: { sex: 'male', ageBand: '45_54', municipalityCode: '2081', caseReference: reference } }),
      { 'idempotency-key': 'case-4711-create' },
    );
    expect(created.status).toBe(201);
    const open = created.json<Encounter>();
    expect(open).toMatchObject({ status: 'open', asking: null, reminders: ['result_missing'], client: { hasCaseReference: true } });
    expect(created.body).not.toContain(reference);

    const resultKey = { 'idempotency-key': 'case-4711-result' };
    const result = await system.put(`/api/v1/encounters/${open.id}/result`, { asking: 'not_asked', notAskedReason: 'channel_unsafe' }, resultKey);
    expect(result.status).toBe(200);
    expect(result.json<Encounter>()).toMatchObject({ status: 'completed', asking: 'not_asked', notAskedReason: 'channel_unsafe' });
    expect(
      (await system.put(`/api/v1/encounters/${open.id}/result`, { asking: 'not_asked', notAskedReason: 'channel_unsafe' }, resultKey)).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');
    expect((await system.put(`/api/v1/encounters/${open.id}/result`, { asking: 'not_asked', notAskedReason: 'no_time' })).status).toBe(409);

    const actions = await system.post(`/api/v1/encounters/${open.id}/actions`, {
      referrals: [
        { kind: 'signposting', target: 'phone_line' },
        { kind: 'report', target: 'police', reportType: 'police' },
      ],
    });
    expect(actions.status).toBe(200);
    expect(actions.json<Encounter>().referrals.map((r) => [r.kind, r.status])).toEqual([
      ['signposting', 'given'],
      ['report', 'planned'],
    ]);

    const found = await system.post('/api/v1/encounters/lookup', { caseReference: reference });
    expect(found.json<{ encounters: Array<{ id: string }> }>().encounters.map((e) => e.id)).toEqual([open.id]);
    expect((await system.post('/api/v1/encounters/lookup', { caseReference: 'FK-ÄRENDE-2026-4712' })).json<{ encounters: unknown[] }>().encounters).toEqual([]);
    expect((await system.get(`/api/v1/encounters/${open.id}`)).json<Encounter>().referrals).toHaveLength(2);
  });

  it('another agency cannot read the encounters; the own agency can, each by its scope', async () => {
    const { id } = (await client.post('/api/v1/encounters', start({ result: NOTHING }))).json<Encounter>();
    const foreignUnit = await createUnit(app.database, { organisation: 'AF' });
    for (const roles of [['caseworker'], ['manager']] as const) {
      const foreign = await signIn(app, await createUser(app.database, { unit: foreignUnit, roles: [...roles] }));
      expect((await foreign.get(`/api/v1/encounters/${id}`)).status, roles[0]).toBe(404);
      expect((await foreign.get('/api/v1/encounters')).body).not.toContain(id);
    }
    expect((await client.get(`/api/v1/encounters/${id}`)).status).toBe(200);
    expect((await (await signIn(app, manager)).get(`/api/v1/encounters/${id}`)).status).toBe(200);
    // A colleague's own scope does not reach it: they may break the glass, with a reason.
    const colleagueClient = await signIn(app, colleague);
    expect((await colleagueClient.get(`/api/v1/encounters/${id}`)).problem().code).toBe('break_glass_required');
    expect((await colleagueClient.post(`/api/v1/records/encounter/${id}/break-glass`, { reason: 'Kollegan är sjuk och klienten ringer nu' })).status).toBe(201);
    expect((await colleagueClient.get(`/api/v1/encounters/${id}`)).status).toBe(200);
    // The coordinator sees encounters only as numbers (follow-up).
    const coordinator = await signIn(app, await createUser(app.database, { unit, roles: ['agency_coordinator'] }));
    expect((await coordinator.get(`/api/v1/encounters/${id}`)).status).toBe(403);
  });

  it('finds the routine in force through a cached plan that still applies the caller’s policies: another agency’s process is unknown', async () => {
    // Past PostgreSQL's five custom plans, so the lookup runs on its generic, cached plan (ADR 0018).
    for (let write = 0; write < 7; write++) expect((await client.post('/api/v1/encounters', start({ result: NOTHING }))).status).toBe(201);
    const foreign = await signIn(app, await createUser(app.database, { unit: await createUnit(app.database, { organisation: 'AF' }) }));
    const refused = await foreign.post('/api/v1/encounters', start({ result: NOTHING }));
    expect(refused.status).toBe(400);
    expect(refused.problem().errors).toEqual([expect.objectContaining({ field: 'processId', code: 'process_unknown' })]);
    expect((await client.post('/api/v1/encounters', start({ result: NOTHING }))).status).toBe(201);
  });

  it('never shows a protected identity’s municipality after saving — not in the answer, the read, the list or a report — and counts it by county only', async () => {
    const created = await client.post(
      '/api/v1/encounters',
      start({
        client: { sex: 'female', ageBand: '25_34', municipalityCode: TEST_PROTECTED_MUNICIPALITY, protectedIdentity: true },
        result: { ...CHILD_AT_RISK!, childConcern: { decision: 'reported', madeOn: addDays(TODAY, -1), municipalityCode: TEST_PROTECTED_MUNICIPALITY } },
      }),
    );
    expect(created.status).toBe(201);
    const encounter = created.json<Encounter>();
    expect(encounter).toMatchObject({ locationWithheld: true, client: { municipality: null, county: null, protectedIdentity: true } });
    expect(encounter.referrals[0]).toMatchObject({ municipality: null, locationWithheld: true });
    expect((await client.get(`/api/v1/encounters/${encounter.id}`)).json<Encounter>().client.municipality).toBeNull();
    await client.get('/api/v1/encounters');
    const [stored] = await app.database.system((tx) =>
      queryRows<{ municipality: string; county: string }>(
        tx,
        sql`select client_municipality_code as municipality, client_county_code as county from screening_encounters where id = ${encounter.id}`,
      ),
    );
    expect(stored).toEqual({ municipality: TEST_PROTECTED_MUNICIPALITY, county: '99' });
    // The control value of an ordinary encounter is found: the capture that scans for the canary works.
    const ordinary = await client.post(
      '/api/v1/encounters',
      start({ client: { sex: 'male', ageBand: '25_34', municipalityCode: TEST_CONTROL_MUNICIPALITY }, result: NOTHING }),
    );
    expect(ordinary.body).toContain(CONTROL_CANARY);
    expect((await app.capture.find(CONTROL_CANARY, app.database)).length).toBeGreaterThan(0);
  });

  it('keeps notes off unless the agency enables them; a note is encrypted and each read is its own audit event', async () => {
    const refused = await client.post('/api/v1/encounters', start({ result: NOTHING, note: 'Ring tillbaka på torsdag' }));
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['note']);
    await enableNotes(app.database, unit.tenantId);
    const created = await client.post('/api/v1/encounters', start({ result: NOTHING, note: 'Ring tillbaka på torsdag' }));
    const encounter = created.json<Encounter>();
    expect(encounter.hasNote).toBe(true);
    expect(created.body).not.toContain('torsdag');
    expect((await client.get(`/api/v1/encounters/${encounter.id}`)).body).not.toContain('torsdag');
    const note = await client.get(`/api/v1/encounters/${encounter.id}/note`);
    expect(note.json<{ note: string }>().note).toBe('Ring tillbaka på torsdag');
    expect((await client.put(`/api/v1/encounters/${encounter.id}/note`, { note: 'Ring på fredag i stället' })).status).toBe(200);
    expect((await client.get(`/api/v1/encounters/${encounter.id}/note`)).json<{ note: string }>().note).toBe('Ring på fredag i stället');
    const [reads] = await app.database.system((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit_events where record_id = ${encounter.id} and action = 'encounters.read_note'`),
    );
    expect(reads!.n).toBe(2);
  });

  it('follows a handover through consent, confirmation and withdrawal, with reminders until it is done', async () => {
    const now = app.clock.now().toISOString();
    const created = await client.post(
      '/api/v1/encounters',
      start({
        result: CHILD_AT_RISK,
        actions: { referrals: [{ kind: 'handover', target: 'shelter', consent: { scope: ['contact_details', 'situation_summary'] } }] },
      }),
    );
    const encounter = created.json<Encounter>();
    const handover = encounter.referrals.find((r) => r.kind === 'handover')!;
    expect(handover).toMatchObject({ status: 'agreed', consent: { scope: ['contact_details', 'situation_summary'], givenAt: now, withdrawnAt: null } });
    expect(encounter.reminders).toEqual(['handover_unconfirmed']);
    const list = await client.get('/api/v1/encounters');
    expect(list.json<{ reminders: Array<{ id: string }> }>().reminders.map((r) => r.id)).toContain(encounter.id);

    const confirmed = await client.patch(`/api/v1/encounters/${encounter.id}/referrals/${handover.id}`, { action: 'confirm_handover' });
    expect(confirmed.json<Encounter>().reminders).toEqual([]);
    const withdrawn = await client.patch(`/api/v1/encounters/${encounter.id}/referrals/${handover.id}`, { action: 'withdraw_consent' });
    expect(withdrawn.json<Encounter>().referrals.find((r) => r.id === handover.id)!.consent!.withdrawnAt).toBe(now);
    expect((await client.patch(`/api/v1/encounters/${encounter.id}/referrals/${handover.id}`, { action: 'withdraw_consent' })).status).toBe(409);

    const planned = await client.post('/api/v1/encounters', start({ result: { ...CHILD_AT_RISK!, childConcern: { decision: 'to_report' } } }));
    const report = planned.json<Encounter>();
    expect(report.reminders).toEqual(['child_concern_to_report']);
    const made = await client.patch(`/api/v1/encounters/${report.id}/referrals/${report.referrals[0]!.id}`, { action: 'mark_report_made' });
    expect(made.json<Encounter>()).toMatchObject({ reminders: [], referrals: [expect.objectContaining({ status: 'made', madeOn: TODAY })] });
  });

  it('keeps a draft through an expired session: sign in again and resume; nobody else reaches it', async () => {
    const state = { step: 'questions', answers: { exposure: 'yes' }, client: { sex: 'female' } };
    const draft = await client.post('/api/v1/encounters/drafts', { state });
    expect(draft.status).toBe(201);
    const { id } = draft.json<{ id: string }>();
    const saved = await client.put(`/api/v1/encounters/drafts/${id}`, { state: { ...state, step: 'check' }, version: 1 });
    expect(saved.json<{ version: number }>().version).toBe(2);
    expect((await client.put(`/api/v1/encounters/drafts/${id}`, { state, version: 1 })).status).toBe(409);

    app.clock.advance(16 * 60_000);
    const expired = await client.get(`/api/v1/encounters/drafts/${id}`);
    expect(expired.problem().code).toBe('session_expired');
    const again = await signIn(app, caseworker);
    expect((await again.get('/api/v1/encounters/drafts')).json<{ drafts: Array<{ id: string }> }>().drafts.map((d) => d.id)).toContain(id);
    const resumed = await again.get(`/api/v1/encounters/drafts/${id}`);
    expect(resumed.json<{ state: unknown }>().state).toEqual({ ...state, step: 'check' });

    expect((await (await signIn(app, colleague)).get(`/api/v1/encounters/drafts/${id}`)).status).toBe(404);
    expect((await again.delete(`/api/v1/encounters/drafts/${id}`)).status).toBe(204);
    expect((await again.get(`/api/v1/encounters/drafts/${id}`)).status).toBe(404);
    client = again;
  });
});
