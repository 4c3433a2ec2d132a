import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Completion, CompletionImportPreview, ParticipationReport, PlanDetail, RegistrationList, SharesReport } from '#shared/contracts/competence.ts';
import type { RoundResults } from '#shared/contracts/surveys.ts';
import { ADMIN_COMMANDS } from '../../admin/commands/index.ts';
import { testConfig } from '../../config.ts';
import { memberships } from '../../platform/auth/schema.ts';
import { queryRows } from '../../platform/db/database.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { TEST_EPOCH } from '../../test-support/test-clock.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { createTestCourse, createTestEvent, createTestRequirement } from './competence-builders.ts';
import { supervisionSessionsByUnitAndMonth, trainedStaffByUnitAndMonth, trendDates } from './competence-measures.ts';
import { eraseRegistrantDetails } from './registration-retention.ts';

/**
 * These scenarios are written in the calendar of 2026 (deadlines, memberships, event dates), so
 * their clock is pinned to a day in it; the app and its database read no other clock (ADR 0019).
 */
const SCENARIO_NOW = TEST_EPOCH;

const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const registrant = (email: string, municipalityCode = '2080') => ({
  name: 'Anna Andersson',
  email,
  organisationName: 'Falu kommun, socialtjänsten',
  organisationKind: 'municipality',
  municipalityCode,
});

describe('competence: requirements, completions and shares trained (issue 6)', () => {
  let app: TestApp;
  let region: TestUnit;
  let falun: TestUnit;
  let borlange: TestUnit;
  let coordinator: ApiClient;
  let manager: ApiClient;
  let caseworker: TestUser;
  let caseworkerClient: ApiClient;
  let courseId: string;

  beforeAll(async () => {
    app = await createTestApp({ now: SCENARIO_NOW });
    region = await createUnit(app.database, { level: 'region', name: 'Sjukförsäkring Mitt' });
    falun = await createUnit(app.database, { parentId: region.id, name: 'Sjukpenning Falun' });
    borlange = await createUnit(app.database, { parentId: region.id, name: 'Sjukpenning Borlänge', municipalityCode: '2081' });
    coordinator = await signIn(app, await createUser(app.database, { roles: ['agency_coordinator'], unit: region }));
    manager = await signIn(app, await createUser(app.database, { roles: ['manager'], unit: falun }));
    caseworker = await createUser(app.database, { roles: ['caseworker'], unit: falun });
    caseworkerClient = await signIn(app, caseworker);
    courseId = await createTestCourse(app.database, { tenantId: organisationId('SOS'), title: 'Webbkurs om våld i nära relationer', shared: true });
  });
  afterAll(() => app.close());

  const shareOf = (report: SharesReport, unitId: string, role = 'caseworker') => report.rows.find((row) => row.unitId === unitId && row.role === role);

  it('a requirement for a unit, a self-recorded completion and a manager’s confirmation change the unit’s share trained', async () => {
    const colleague = await createUser(app.database, { roles: ['caseworker'], unit: falun });
    const created = await coordinator.post('/api/v1/training-requirements', { courseId, unitId: region.id, roles: ['caseworker'], deadline: '2026-12-31' });
    expect(created.status).toBe(201);
    const before = (await coordinator.get('/api/v1/completions/shares')).json<SharesReport>();
    expect(shareOf(before, falun.id)).toMatchObject({ staff: 2, trained: 0, awaitingConfirmation: 0, share: 0 });

    const recorded = await caseworkerClient.post('/api/v1/completions', { courseId, completedOn: '2026-11-20' });
    expect(recorded.status).toBe(201);
    const completion = recorded.json<Completion>();
    expect(completion).toMatchObject({ status: 'recorded', source: 'self', personId: caseworker.id, unitId: falun.id });
    expect(shareOf((await manager.get('/api/v1/completions/shares')).json<SharesReport>(), falun.id)).toMatchObject({ trained: 0, awaitingConfirmation: 1 });

    // The caseworker cannot confirm; the manager sees it waiting and confirms it.
    expect((await caseworkerClient.post(`/api/v1/completions/${completion.id}/confirm`, { version: 1 })).status).toBe(403);
    const waiting = (await manager.get('/api/v1/completions?status=recorded')).json<{ completions: Completion[] }>().completions;
    expect(waiting.map((row) => row.id)).toContain(completion.id);
    const confirmed = await manager.post(`/api/v1/completions/${completion.id}/confirm`, { version: 1 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json<Completion>().status).toBe('confirmed');
    expect((await manager.post(`/api/v1/completions/${completion.id}/confirm`, { version: 2 })).status).toBe(409);

    const after = (await manager.get('/api/v1/completions/shares')).json<SharesReport>();
    expect(shareOf(after, falun.id)).toMatchObject({ staff: 2, trained: 1, share: 0.5 });
    // The manager's reach is their unit: Borlänge is not in their report.
    expect(after.rows.some((row) => row.unitId === borlange.id)).toBe(false);
    expect(colleague.id).not.toBe(caseworker.id);

    // Reading completions of named staff is audited (ids and counts only).
    const [audit] = await app.database.system((tx) =>
      queryRows<{ details: { rows: number } }>(tx, sql`select details from audit_events where action = 'completions.read' order by seq desc limit 1`),
    );
    expect(audit!.details.rows).toBeGreaterThan(0);
  });

  it('refuses an unknown course or person, a future date and a duplicate, naming the field, and saves nothing', async () => {
    const countBefore = await completionCount();
    const unknownCourse = await caseworkerClient.post('/api/v1/completions', { courseId: '00000000-0000-4000-8000-000000000000', completedOn: '2026-10-01' });
    expect(unknownCourse.status).toBe(400);
    expect(unknownCourse.problem().errors[0]).toMatchObject({ field: 'courseId', code: 'unknown_course', message: 'Utbildningen finns inte i katalogen.' });
    const future = await caseworkerClient.post('/api/v1/completions', { courseId, completedOn: '2027-01-15' });
    expect(future.problem().errors[0]).toMatchObject({ field: 'completedOn', code: 'date_in_future' });
    expect(future.problem().errors[0]!.message).toContain('2027-01-15 ligger i framtiden');
    const unknownPerson = await manager.post('/api/v1/completions', { courseId, completedOn: '2026-10-01', personId: '00000000-0000-4000-8000-000000000001' });
    expect(unknownPerson.problem().errors[0]).toMatchObject({ field: 'personId', code: 'unknown_person' });
    const borlangeStaff = await createUser(app.database, { roles: ['caseworker'], unit: borlange });
    const outside = await manager.post('/api/v1/completions', { courseId, completedOn: '2026-10-01', personId: borlangeStaff.id });
    expect(outside.problem().errors[0]).toMatchObject({ field: 'personId', code: 'person_outside_scope' });
    const duplicate = await caseworkerClient.post('/api/v1/completions', { courseId, completedOn: '2026-11-20' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.problem().errors[0]).toMatchObject({ field: 'completedOn', code: 'duplicate' });
    expect(await completionCount()).toBe(countBefore);
    // A manager records a completion for a staff member of the unit: confirmed at once.
    const colleague = await createUser(app.database, { roles: ['caseworker'], unit: falun });
    const byManager = await manager.post('/api/v1/completions', { courseId, completedOn: '2026-10-01', personId: colleague.id });
    expect(byManager.status).toBe(201);
    expect(byManager.json<Completion>()).toMatchObject({ status: 'confirmed', source: 'manager' });
  });

  async function completionCount(): Promise<number> {
    const [row] = await app.database.system((tx) => queryRows<{ count: number }>(tx, sql`select count(*)::int as count from training_completions`));
    return Number(row!.count);
  }

  it('computes shares against the staff in the unit on the day: movers and leavers keep their history', async () => {
    const unitA = await createUnit(app.database, { name: 'Enhet A' });
    const unitB = await createUnit(app.database, { name: 'Enhet B' });
    const course = await createTestCourse(app.database, { tenantId: unitA.tenantId, title: 'Kurs om barn som upplever våld' });
    await createTestRequirement(app.database, { tenantId: unitA.tenantId, courseId: course, unitId: unitA.id, roles: ['caseworker'], deadline: '2026-06-30' });
    await createTestRequirement(app.database, { tenantId: unitA.tenantId, courseId: course, unitId: unitB.id, roles: ['caseworker'], deadline: '2026-06-30' });
    // Stays in A all year, trained in March.
    const stayer = await createUser(app.database, { roles: ['caseworker'], unit: unitA, startsOn: '2025-01-01' });
    // Trained in February in A, moves to B on 1 July.
    const mover = await createUser(app.database, { roles: ['caseworker'], unit: unitA, startsOn: '2025-01-01', endsOn: '2026-06-30' });
    await app.database.system((tx) =>
      tx.insert(memberships).values({ tenantId: unitB.tenantId, userId: mover.id, unitId: unitB.id, role: 'caseworker', startsOn: '2026-07-01' }),
    );
    // Never trained, leaves A at the end of April.
    await createUser(app.database, { roles: ['caseworker'], unit: unitA, startsOn: '2025-01-01', endsOn: '2026-04-30' });
    // Joins A in September, untrained.
    await createUser(app.database, { roles: ['caseworker'], unit: unitA, startsOn: '2026-09-01' });
    const coordinatorA = await signIn(app, await createUser(app.database, { roles: ['agency_coordinator'], unit: unitA }));
    for (const [person, on] of [
      [stayer.id, '2026-03-10'],
      [mover.id, '2026-02-05'],
    ] as const) {
      expect((await coordinatorA.post('/api/v1/completions', { courseId: course, completedOn: on, personId: person })).status).toBe(201);
    }
    const on = async (date: string) => (await coordinatorA.get(`/api/v1/completions/shares?on=${date}&months=0`)).json<SharesReport>();
    const rowOf = (report: SharesReport, unit: TestUnit) => report.rows.find((row) => row.unitId === unit.id && row.courseId === course);
    // 1 January: A has stayer, mover, leaver (3), nobody trained yet; B has nobody.
    expect(rowOf(await on('2026-01-15'), unitA)).toMatchObject({ staff: 3, trained: 0 });
    expect(rowOf(await on('2026-01-15'), unitB)).toBeUndefined();
    // 31 March: A 3 staff, 2 trained.
    expect(rowOf(await on('2026-03-31'), unitA)).toMatchObject({ staff: 3, trained: 2, overdue: false });
    // 31 May: the leaver is gone: 2 staff, both trained.
    expect(rowOf(await on('2026-05-31'), unitA)).toMatchObject({ staff: 2, trained: 2, share: 1 });
    // 31 July: the mover counts in B (trained), A has only the stayer.
    const july = await on('2026-07-31');
    expect(rowOf(july, unitA)).toMatchObject({ staff: 1, trained: 1 });
    expect(rowOf(july, unitB)).toMatchObject({ staff: 1, trained: 1 });
    // 30 September: a newcomer in A, untrained, after the deadline: overdue.
    expect(rowOf(await on('2026-09-30'), unitA)).toMatchObject({ staff: 2, trained: 1, share: 0.5, overdue: true });

    // The trend: one point per month end (the last is the day asked about).
    const trend = (await coordinatorA.get('/api/v1/completions/shares?on=2026-09-30&months=9')).json<SharesReport>().trend;
    const pointsA = trend.find((series) => series.unitName === 'Enhet A')!.points;
    expect(pointsA.map((point) => point.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(pointsA.map((point) => `${point.trained}/${point.staff}`)).toEqual(['0/3', '1/3', '2/3', '2/3', '2/2', '2/2', '1/1', '1/1', '1/2']);

    // The follow-up measure: per unit and month, staff members and trained staff.
    const measures = await app.database.transaction({ role: 'upptack_app', settings: { tenant_id: unitA.tenantId } }, (tx) =>
      trainedStaffByUnitAndMonth(tx, { from: '2026-06', to: '2026-07', courseIds: [course], roles: ['caseworker'] }),
    );
    // Ordered by month and unit id (random ids): compare without the order.
    const byKey = <T extends { unitId: string; month: string }>(rows: T[]) =>
      [...rows].sort((a, b) => `${a.month}${a.unitId}`.localeCompare(`${b.month}${b.unitId}`));
    expect(byKey(measures.filter((row) => row.unitId === unitA.id || row.unitId === unitB.id))).toEqual(
      byKey([
        { unitId: unitA.id, month: '2026-06', staff: 2, trained: 2 },
        { unitId: unitA.id, month: '2026-07', staff: 1, trained: 1 },
        { unitId: unitB.id, month: '2026-07', staff: 1, trained: 1 },
      ]),
    );

    // Exports: CSV and XLSX of the same report.
    const csv = await coordinatorA.get('/api/v1/completions/shares.csv?on=2026-09-30');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Kurs om barn som upplever våld;Enhet A;Handläggare;2026-06-30;2;1;0;0,5;Ja');
    // A download link sends no X-Locale: the staff app's locale cookie gives the interface language.
    const english = await app.server.inject({
      method: 'GET',
      url: '/api/v1/completions/shares.csv?on=2026-09-30',
      headers: { cookie: `${coordinatorA.cookie!}; upptack_locale=en` },
    });
    expect(english.body.replace(/^\uFEFF/, '').split('\r\n')[0]).not.toBe(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]);
    expect(english.body).toMatch(/Caseworker/);
    const xlsx = await app.server.inject({
      method: 'GET',
      url: '/api/v1/completions/shares.xlsx?on=2026-09-30&months=3',
      headers: { cookie: coordinatorA.cookie! },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Andel utbildade', 'Trend']);
  });

  it('imports completions from a learning platform’s CSV: preview with line errors, then all or nothing', async () => {
    const unit = await createUnit(app.database, { name: 'Importenheten' });
    const coordinatorI = await signIn(app, await createUser(app.database, { roles: ['agency_coordinator'], unit }));
    const first = await createUser(app.database, { roles: ['caseworker'], unit, email: 'forsta@import.example' });
    const second = await createUser(app.database, { roles: ['caseworker'], unit, email: 'andra@import.example' });
    const course = await createTestCourse(app.database, { tenantId: unit.tenantId, title: 'Importkurs' });
    const bad = [
      'email;course_id;completed_on',
      `FORSTA@import.example;${course};2026-04-01`,
      `okand@import.example;${course};2026-04-01`,
      `andra@import.example;${course};2026-13-01`,
      `andra@import.example;${course};2027-01-01`,
      `andra@import.example;00000000-0000-4000-8000-000000000000;2026-04-01`,
      `forsta@import.example;${course};2026-04-01`,
    ].join('\n');
    const preview = await coordinatorI.post('/api/v1/completions/imports/preview', { content: bad });
    expect(preview.status).toBe(200);
    const body = preview.json<CompletionImportPreview>();
    expect(body).toMatchObject({ rows: 6, valid: 1, rejected: 5 });
    const problems = Object.fromEntries(body.lines.map((line) => [line.line, line.problems.map((problem) => `${problem.field}:${problem.code}`)]));
    expect(problems).toEqual({
      2: [],
      3: ['email:unknown_person'],
      4: ['completed_on:invalid_date'],
      5: ['completed_on:date_in_future'],
      6: ['course_id:unknown_course'],
      7: ['completed_on:duplicate_in_file'],
    });
    expect(body.lines[1]!.problems[0]!.message).toBe('Ingen medarbetare i organisationen har e-postadressen okand@import.example.');

    const refused = await coordinatorI.post('/api/v1/completions/imports', { content: bad });
    expect(refused.status).toBe(422);
    expect(refused.problem().errors.map((error) => error.field)).toContain('lines.3.email');
    const [none] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from training_completions where course_id = ${course}`),
    );
    expect(Number(none!.count)).toBe(0);

    const good = `email,course_id,completed_on\r\nforsta@import.example,${course},2026-04-01\r\n"andra@import.example",${course},2026-04-02\r\n`;
    const imported = await coordinatorI.post('/api/v1/completions/imports', { content: good });
    expect(imported.status).toBe(201);
    expect(imported.json()).toEqual({ imported: 2 });
    const rows = await app.database.system((tx) =>
      queryRows<{ user_id: string; status: string; source: string }>(
        tx,
        sql`select user_id, status, source from training_completions where course_id = ${course} order by completed_on`,
      ),
    );
    expect(rows).toEqual([
      { user_id: first.id, status: 'confirmed', source: 'import' },
      { user_id: second.id, status: 'confirmed', source: 'import' },
    ]);
    // The same file again: every line is a duplicate now, nothing is written.
    const again = await coordinatorI.post('/api/v1/completions/imports', { content: good });
    expect(again.status).toBe(422);
    expect(again.problem().errors.map((error) => error.code)).toEqual(['duplicate', 'duplicate']);
    const missing = await coordinatorI.post('/api/v1/completions/imports/preview', { content: 'email;kurs\nx;y' });
    expect(missing.json<CompletionImportPreview>().fileProblems[0]!.message).toContain('course_id, completed_on');
  });

  it('supervision: sessions per unit, participants from the unit only, the cadence, and the follow-up measure', async () => {
    const colleague = await createUser(app.database, { roles: ['caseworker'], unit: falun });
    const outsider = await createUser(app.database, { roles: ['caseworker'], unit: borlange });
    const recorded = await manager.post('/api/v1/supervision', {
      heldOn: '2026-11-10',
      leader: 'Extern handledare',
      participantCount: 4,
      participantIds: [colleague.id],
      topic: 'Svåra samtal',
    });
    expect(recorded.status).toBe(201);
    const refused = await manager.post('/api/v1/supervision', {
      heldOn: '2026-11-10',
      leader: 'Extern handledare',
      participantCount: 4,
      participantIds: [outsider.id],
    });
    expect(refused.problem().errors[0]).toMatchObject({ field: 'participantIds.0', code: 'not_in_unit' });
    expect(
      (await manager.post('/api/v1/supervision', { unitId: borlange.id, heldOn: '2026-11-10', leader: 'X', participantCount: 3 })).problem().errors[0]!.code,
    ).toBe('unit_outside_scope');
    expect((await manager.post('/api/v1/supervision', { heldOn: '2027-11-10', leader: 'X', participantCount: 3 })).problem().errors[0]!.code).toBe(
      'date_in_future',
    );
    const cadence = (await manager.get('/api/v1/supervision/cadence')).json<{
      units: Array<{ unitId: string; sessions: number; daysSinceLast: number | null; months: Array<{ month: string; sessions: number }> }>;
    }>();
    const own = cadence.units.find((unit) => unit.unitId === falun.id)!;
    expect(own).toMatchObject({ sessions: 1, daysSinceLast: 13 });
    expect(own.months.at(-1)).toEqual({ month: '2026-11', sessions: 1 });
    expect(cadence.units.some((unit) => unit.unitId === borlange.id)).toBe(false);
    const measure = await app.database.transaction({ role: 'upptack_app', settings: { tenant_id: falun.tenantId } }, (tx) =>
      supervisionSessionsByUnitAndMonth(tx, { from: '2026-01', to: '2026-12' }),
    );
    expect(measure).toContainEqual({ unitId: falun.id, month: '2026-11', sessions: 1, participants: 4 });
  });

  it('staff support: a default text until the organisation writes its own, and no register', async () => {
    const read = (await caseworkerClient.get('/api/v1/staff-support')).json<{ own: boolean; helpRoute: string; version: number }>();
    expect(read).toMatchObject({ own: false, version: 0 });
    expect(read.helpRoute).toContain('020-50 50 50');
    expect((await caseworkerClient.put('/api/v1/staff-support', { body: 'x', helpRoute: 'y', version: 0 })).status).toBe(403);
    const saved = await coordinator.put('/api/v1/staff-support', {
      body: 'Vår text om stöd.',
      helpRoute: 'Ring företagshälsovården på 010-123 45 67.',
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect((await coordinator.put('/api/v1/staff-support', { body: 'Igen', helpRoute: 'Igen', version: 0 })).status).toBe(409);
    expect((await caseworkerClient.get('/api/v1/staff-support')).json()).toMatchObject({ own: true, body: 'Vår text om stöd.', version: 1 });
    // The feature's tables hold content, never who is exposed: no column names a person in it.
    const columns = await app.database.system((tx) =>
      queryRows<{ column_name: string }>(tx, sql`select column_name from information_schema.columns where table_name = 'staff_support_content'`),
    );
    expect(columns.map((column) => column.column_name).sort()).toEqual([
      'body',
      'demo',
      'help_route',
      'id',
      'tenant_id',
      'updated_at',
      'updated_by',
      'version',
    ]);
  });

  it('helpers: trend dates end on the day asked about', () => {
    expect(trendDates('2026-03-15', 3)).toEqual([
      { month: '2026-01', on: '2026-01-31' },
      { month: '2026-02', on: '2026-02-28' },
      { month: '2026-03', on: '2026-03-15' },
    ]);
  });
});

describe('competence: events, registration links, attendance, participation and evaluations (issue 6)', () => {
  let app: TestApp;
  let strategist: ApiClient;
  beforeAll(async () => {
    app = await createTestApp({ now: SCENARIO_NOW });
    strategist = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-20', municipalityCode: '2080' }),
      }),
    );
  });
  afterAll(() => app.close());

  it('registration through the link: full, closed and duplicate registrations are refused and nothing is saved', async () => {
    const created = await strategist.post('/api/v1/events', {
      title: 'Nätverksträff Falun',
      kind: 'network_meeting',
      organisers: 'Länsstyrelsen Dalarna',
      startsAt: '2026-12-10T09:00:00+01:00',
      endsAt: '2026-12-10T12:00:00+01:00',
      place: 'Falun',
      audience: 'Socialtjänsten',
      countyCode: '20',
      capacity: 2,
      registrationClosesOn: '2026-12-05',
    });
    expect(created.status).toBe(201);
    const event = created.json<{ id: string; registrationLink: string }>();
    const token = event.registrationLink.split('/evenemang/')[1]!;
    const link = anonymous(app);
    expect((await link.get(`/api/v1/public/event-registrations/${token}`)).json()).toMatchObject({ title: 'Nätverksträff Falun', open: true, placesLeft: 2 });
    expect((await link.post(`/api/v1/public/event-registrations/${token}`, registrant('anna@falun.example'))).status).toBe(201);
    const duplicate = await link.post(`/api/v1/public/event-registrations/${token}`, registrant('ANNA@falun.example'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.problem().errors[0]).toMatchObject({ field: 'email', code: 'already_registered' });
    // Registrations are listed in the order they came in: Bo registers a minute after Anna.
    app.clock.advance(60_000);
    const unknownMunicipality = await link.post(`/api/v1/public/event-registrations/${token}`, registrant('bo@mora.example', '9999'));
    expect(unknownMunicipality.problem().errors[0]).toMatchObject({ field: 'municipalityCode', code: 'municipality_unknown' });
    expect((await link.post(`/api/v1/public/event-registrations/${token}`, registrant('bo@mora.example', '2062'))).status).toBe(201);
    const full = await link.post(`/api/v1/public/event-registrations/${token}`, registrant('cecilia@borlange.example', '2081'));
    expect(full.status).toBe(409);
    expect(full.problem().errors[0]!.code).toBe('event_full');
    expect(full.problem().detail).toBe('Evenemanget är fullbokat. Anmälan har inte tagits emot.');
    const registered = (await strategist.get(`/api/v1/events/${event.id}/registrations`)).json<{
      registrations: Array<{ email: string; municipalityName: string | null }>;
    }>().registrations;
    expect(registered.map((row) => `${row.email} ${row.municipalityName}`)).toEqual(['anna@falun.example Falun', 'bo@mora.example Mora']);

    // Closed by date (the clock moves past the last day) and by the organiser.
    const later = await createTestEvent(app.database, {
      tenantId: organisationId('LST-20'),
      startsAt: '2026-12-20T09:00:00.000Z',
      registrationClosesOn: '2026-11-22',
    });
    const closed = await link.post(`/api/v1/public/event-registrations/${later.token}`, registrant('dora@falun.example'));
    expect(closed.status).toBe(409);
    expect(closed.problem().errors[0]!.code).toBe('registration_closed');
    const open = await createTestEvent(app.database, { tenantId: organisationId('LST-20'), startsAt: '2026-12-20T09:00:00.000Z' });
    const detail = (await strategist.get(`/api/v1/events/${open.id}`)).json<{ version: number }>();
    expect((await strategist.patch(`/api/v1/events/${open.id}`, { version: detail.version, registrationClosed: true })).status).toBe(200);
    expect((await link.post(`/api/v1/public/event-registrations/${open.token}`, registrant('dora@falun.example'))).problem().errors[0]!.code).toBe(
      'registration_closed',
    );
    const [count] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from event_registrations where event_id in (${later.id}, ${open.id})`),
    );
    expect(Number(count!.count)).toBe(0);
    // An unknown link is not found.
    expect((await link.get('/api/v1/public/event-registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('the registration page works without script: errors are told beside the fields, a registration is received', async () => {
    const event = await createTestEvent(app.database, { tenantId: organisationId('LST-20') });
    const page = await app.server.inject({ method: 'GET', url: `/evenemang/${event.token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('Anmälan: Nätverksträff om våld i nära relationer');
    const bad = await app.server.inject({
      method: 'POST',
      url: `/evenemang/${event.token}`,
      headers: formHeaders,
      payload: form([
        ['name', 'Eva'],
        ['email', 'inte-en-adress'],
        ['organisationName', 'Mora kommun'],
        ['organisationKind', 'municipality'],
        ['municipalityCode', '2062'],
      ]),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Fel: Anmälan');
    expect(bad.body).toContain('Ange en giltig e-postadress');
    expect(bad.body).toContain('value="Mora kommun"');
    const good = await app.server.inject({
      method: 'POST',
      url: `/evenemang/${event.token}`,
      headers: formHeaders,
      payload: form([
        ['name', 'Eva'],
        ['email', 'eva@mora.example'],
        ['organisationName', 'Mora kommun'],
        ['organisationKind', 'municipality'],
        ['municipalityCode', '2062'],
      ]),
    });
    expect(good.statusCode).toBe(201);
    expect(good.body).toContain('Tack! Din anmälan är mottagen.');
    expect((await app.server.inject({ method: 'GET', url: '/evenemang/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
  });

  it('stores the names a registrant types normalised: NFC, no bidirectional controls, no markup (issue 16)', async () => {
    const event = await createTestEvent(app.database, { tenantId: organisationId('LST-20') });
    const link = anonymous(app);
    const spoofed = await link.post(`/api/v1/public/event-registrations/${event.token}`, {
      ...registrant('rlo@falun.example'),
      name: '\u202Egnp.exe',
      organisationName: 'Falu <b>kommun</b>\u2066',
    });
    expect(spoofed.status).toBe(201);
    const page = await app.server.inject({
      method: 'POST',
      url: `/evenemang/${event.token}`,
      headers: formHeaders,
      payload: form([
        ['name', 'Mo\u0308a \u200FAndersson'],
        ['email', 'moa@falun.example'],
        ['organisationName', '\u202BFalu kommun\u202C'],
        ['organisationKind', 'municipality'],
        ['municipalityCode', '2080'],
      ]),
    });
    expect(page.statusCode).toBe(201);
    const { registrations } = (await strategist.get(`/api/v1/events/${event.id}/registrations`)).json<RegistrationList>();
    expect(registrations.map((row) => [row.name, row.organisationName]).sort()).toEqual([
      ['Möa Andersson', 'Falu kommun'],
      ['gnp.exe', 'Falu bkommun/b'],
    ]);
    // A name of nothing but controls is no name.
    const empty = await link.post(`/api/v1/public/event-registrations/${event.token}`, { ...registrant('tom@falun.example'), name: '\u202E\u202C' });
    expect(empty.status).toBe(400);
    expect(empty.problem().errors).toMatchObject([{ field: 'name' }]);
  });

  it('erases registrants’ names and email addresses a set time after the event; organisation, municipality and attendance stay', async () => {
    // In 2027, so the participation counted for 2026 elsewhere in this file stays as it is.
    const event = await createTestEvent(app.database, { tenantId: organisationId('LST-20'), startsAt: '2027-01-12T09:00:00.000Z' });
    const later = await createTestEvent(app.database, { tenantId: organisationId('LST-20'), startsAt: '2027-06-01T09:00:00.000Z' });
    const link = anonymous(app);
    for (const [index, target] of [event, event, later].entries()) {
      expect(
        (await link.post(`/api/v1/public/event-registrations/${target.token}`, registrant(`gallras${index}@example.se`, index === 1 ? '2081' : '2080'))).status,
      ).toBe(201);
    }
    const listOf = async (eventId: string) => (await strategist.get(`/api/v1/events/${eventId}/registrations`)).json<RegistrationList>();
    const [first] = (await listOf(event.id)).registrations;
    expect((await strategist.put(`/api/v1/events/${event.id}/attendance`, { attendance: [{ registrationId: first!.id, attended: true }] })).status).toBe(200);

    const keptDays = app.context.config.eventRegistrationRetentionDays;
    expect(keptDays).toBe(90);
    const endsAt = Date.parse('2027-01-12T12:00:00.000Z');
    await eraseRegistrantDetails(app.database, new Date(endsAt + keptDays * 86_400_000 - 60_000), keptDays);
    expect((await listOf(event.id)).registrations.map((row) => row.email)).toEqual(['gallras0@example.se', 'gallras1@example.se']);

    const erasedAt = new Date(endsAt + keptDays * 86_400_000 + 60_000);
    expect(await eraseRegistrantDetails(app.database, erasedAt, keptDays)).toBeGreaterThanOrEqual(2);
    expect(await eraseRegistrantDetails(app.database, erasedAt, keptDays)).toBe(0);
    const erased = await listOf(event.id);
    expect(erased.personalDataKeptDays).toBe(90);
    expect(erased.registrations).toEqual([
      expect.objectContaining({
        name: null,
        email: null,
        organisationKind: 'municipality',
        municipalityCode: '2080',
        attended: true,
        personalDataErasedAt: erasedAt.toISOString(),
      }),
      expect.objectContaining({ name: null, email: null, municipalityCode: '2081', attended: null, personalDataErasedAt: erasedAt.toISOString() }),
    ]);
    expect((await listOf(later.id)).registrations).toEqual([
      expect.objectContaining({ name: 'Anna Andersson', email: 'gallras2@example.se', personalDataErasedAt: null }),
    ]);
    // Gone from the database, not just from the answer; each organisation's erasure is in the audit trail.
    const [stored] = await app.database.system((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from event_registrations where email in ('gallras0@example.se', 'gallras1@example.se') or event_id = ${event.id} and name is not null`,
      ),
    );
    expect(stored!.n).toBe(0);
    const audits = await app.database.system((tx) =>
      queryRows<{ erased: number }>(
        tx,
        sql`select (details->>'erased')::int as erased from audit_events where action = 'events.registration_retention' and record_tenant_id = ${organisationId('LST-20')}`,
      ),
    );
    expect(audits.reduce((sum, row) => sum + row.erased, 0)).toBeGreaterThanOrEqual(2);
  });

  it('attendance, participation per municipality (with those that never take part) and the published view’s suppression', async () => {
    const event = await createTestEvent(app.database, { tenantId: organisationId('LST-20'), startsAt: '2026-12-01T09:00:00.000Z' });
    const link = anonymous(app);
    for (const [index, code] of ['2080', '2080', '2080', '2080', '2080', '2080', '2081', '2081', '2062'].entries()) {
      expect((await link.post(`/api/v1/public/event-registrations/${event.token}`, registrant(`deltagare${index}@example.se`, code))).status).toBe(201);
    }
    const registrations = (await strategist.get(`/api/v1/events/${event.id}/registrations`)).json<{
      registrations: Array<{ id: string; municipalityCode: string }>;
    }>().registrations;
    // Everyone attended except one from Falun (registrations made at one instant have no order to rely on).
    const absent = registrations.find((row) => row.municipalityCode === '2080')!;
    const attendance = registrations.map((row) => ({ registrationId: row.id, attended: row.id !== absent.id }));
    expect((await strategist.put(`/api/v1/events/${event.id}/attendance`, { attendance })).json()).toEqual({ updated: 9 });
    const unknown = await strategist.put(`/api/v1/events/${event.id}/attendance`, {
      attendance: [
        { registrationId: absent.id, attended: true },
        { registrationId: '00000000-0000-4000-8000-000000000000', attended: true },
      ],
    });
    expect(unknown.problem().errors[0]!.field).toBe('attendance.1.registrationId');
    // Nothing changed by the refused request: the first is still absent.
    const internal = (await strategist.get('/api/v1/events/participation?county=20&from=2026&to=2026')).json<ParticipationReport>();
    const falun = internal.municipalities.find((row) => row.code === '2080')!;
    expect(falun.total).toEqual({ value: 5, text: '5' });
    expect(internal.municipalities.find((row) => row.code === '2081')!.total.value).toBe(2);
    expect(internal.municipalities).toHaveLength(15);
    expect(internal.neverTakenPart.map((row) => row.name)).not.toContain('Falun');
    expect(internal.neverTakenPart.map((row) => row.name)).toContain('Älvdalen');
    expect(internal.neverTakenPart).toHaveLength(12);

    const published = (await strategist.get('/api/v1/events/participation?county=20&from=2026&to=2026&view=published')).json<ParticipationReport>();
    expect(published.view).toBe('published');
    // Published by the cell-key method (ADR 0056): 5 reads 5 plus its noise, never below the threshold.
    const falunPublished = published.municipalities.find((row) => row.code === '2080')!.years[0]!.value!;
    expect(falunPublished).toBeGreaterThanOrEqual(5);
    expect(Math.abs(falunPublished - 5)).toBeLessThanOrEqual(MAX_NOISE);
    expect(published.disclosure.noise).toBe(MAX_NOISE);
    expect(internal.disclosure.noise).toBe(0);
    const borlange = published.municipalities.find((row) => row.code === '2081')!;
    expect(borlange.years[0]).toEqual({ value: null, text: '<5' });
    expect(published.municipalities.find((row) => row.code === '2062')!.years[0]!.value).toBeNull();
    expect(published.municipalities.find((row) => row.code === '2021')!.years[0]).toEqual({ value: 0, text: '0' });
    const csv = await strategist.get('/api/v1/events/participation.csv?county=20&from=2026&to=2026&view=published');
    expect(csv.body).toContain('Borlänge;<5;<5;1');
  });

  it('evaluations through the survey engine: an anonymous open link, results per event and per series, free text to organisers only', async () => {
    const first = await createTestEvent(app.database, { tenantId: organisationId('LST-20'), series: 'Inspirationsdag' });
    const second = await createTestEvent(app.database, { tenantId: organisationId('LST-20'), series: 'Inspirationsdag', startsAt: '2027-05-10T08:00:00.000Z' });
    const links: string[] = [];
    for (const event of [first, second]) {
      const started = await strategist.post(`/api/v1/events/${event.id}/evaluation`, {});
      expect(started.status).toBe(201);
      links.push(started.json<{ evaluation: { link: string } }>().evaluation.link.split('/enkat/oppen/')[1]!);
      expect((await strategist.post(`/api/v1/events/${event.id}/evaluation`, {})).status).toBe(409);
    }
    const link = anonymous(app);
    const answers = { e_overall: { choice: 'five' }, e_useful: 'yes', e_knowledge: { choice: 'much' } };
    expect((await link.post(`/api/v1/public/survey-links/${links[0]}/responses`, { answers })).status).toBe(201);
    expect((await link.post(`/api/v1/public/survey-links/${links[0]}/responses`, { answers: { ...answers, e_overall: { choice: 'four' } } })).status).toBe(201);
    expect((await link.post(`/api/v1/public/survey-links/${links[1]}/responses`, { answers })).status).toBe(201);
    const results = (await strategist.get(`/api/v1/events/${first.id}/evaluation`)).json<RoundResults>();
    // Evaluations come through the anonymous open link: counted as open-link answers (issue 20).
    expect(results).toMatchObject({ submitted: 0, anonymousResponses: 2 });
    const overall = results.questions.find((question) => question.id === 'e_overall')!;
    expect(overall.options.find((option) => option.value === 'five')!.count).toBe(1);
    const series = (await strategist.get('/api/v1/events/series-results?series=Inspirationsdag')).json<{ events: number; submitted: number }>();
    expect(series).toMatchObject({ events: 2, submitted: 3 });
    expect((await strategist.get('/api/v1/events/series-results?series=Finns%20inte')).status).toBe(404);
    // Another organisation's strategist gets nothing of it.
    const other = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-21', municipalityCode: '2180' }),
      }),
    );
    expect((await other.get(`/api/v1/events/${first.id}/evaluation`)).status).toBe(404);
  });

  it('the regional competence plan shows overlaps, topics without efforts and municipalities without plans', async () => {
    const created = await strategist.post('/api/v1/competence-plans', { countyCode: '20', year: 2027, title: 'Kompetensplan Dalarna 2027' });
    expect(created.status).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await strategist.post('/api/v1/competence-plans', { countyCode: '20', year: 2027, title: 'Igen' })).status).toBe(409);
    await strategist.post(`/api/v1/competence-plans/${id}/entries`, {
      organisationId: organisationId('FK'),
      effort: 'Webbkurs VNR',
      targetGroup: 'Handläggare',
      topics: ['vnr'],
      plannedMonth: 3,
    });
    const plan = await strategist.post(`/api/v1/competence-plans/${id}/entries`, {
      organisationName: 'Falu kommun',
      effort: 'Utbildning VNR',
      targetGroup: 'Socialsekreterare',
      topics: ['vnr', 'children'],
      plannedMonth: 3,
      openToOthers: true,
    });
    const detail = plan.json<{
      overlaps: Array<{ topic: string; month: number; organisations: string[] }>;
      topicGaps: string[];
      municipalitiesWithout: unknown[];
    }>();
    expect(detail.overlaps).toEqual([{ topic: 'vnr', month: 3, organisations: ['Falu kommun', 'Försäkringskassan'] }]);
    expect(detail.topicGaps).toContain('hrv');
    expect(detail.topicGaps).not.toContain('children');
    expect(detail.municipalitiesWithout).toHaveLength(15);
    const missing = await strategist.post(`/api/v1/competence-plans/${id}/entries`, { effort: 'X', targetGroup: 'Y', plannedMonth: 3 });
    expect(missing.problem().errors[0]!.field).toBe('organisationName');
  });

  it('a shared plan: each participant enters and edits its own efforts, never another’s, and a non-participant sees nothing', async () => {
    type Plan = PlanDetail;
    const coordinatorOf = async (organisation: string) =>
      signIn(app, await createUser(app.database, { roles: ['agency_coordinator'], unit: await createUnit(app.database, { organisation }) }));
    const fk = await coordinatorOf('FK');
    const af = await coordinatorOf('AF');
    const outsider = await coordinatorOf('MV');
    const id = (await strategist.post('/api/v1/competence-plans', { countyCode: '20', year: 2028, title: 'Kompetensplan Dalarna 2028' })).json<Plan>().id;

    // Before the county adds it, a participant-to-be is told the plan does not exist.
    expect((await fk.get(`/api/v1/competence-plans/${id}`)).status).toBe(404);
    for (const code of ['FK', 'AF'])
      expect((await strategist.post(`/api/v1/competence-plans/${id}/participants`, { organisationId: organisationId(code) })).status).toBe(201);
    const twice = await strategist.post(`/api/v1/competence-plans/${id}/participants`, { organisationId: organisationId('FK') });
    expect(twice.status).toBe(409);
    expect(twice.problem().errors[0]!.field).toBe('organisationId');
    // Only the county adds participants: a participant's coordinator lacks the permission.
    expect((await fk.post(`/api/v1/competence-plans/${id}/participants`, { organisationId: organisationId('MV') })).status).toBe(403);

    // Each enters its own effort, always in its own name (the organisation it gives is ignored).
    const fkPlan = (
      await fk.post(`/api/v1/competence-plans/${id}/entries`, {
        organisationName: 'Någon annan',
        effort: 'Webbkurs VNR för nyanställda',
        targetGroup: 'Handläggare i sjukpenning',
        topics: ['vnr'],
        plannedMonth: 3,
      })
    ).json<Plan>();
    expect(fkPlan.own).toBe(false);
    expect(fkPlan.entryList).toEqual([expect.objectContaining({ organisationName: 'Försäkringskassan', editable: true, version: 1 })]);
    const afPlan = (
      await af.post(`/api/v1/competence-plans/${id}/entries`, {
        effort: 'Workshop: att fråga om våld',
        targetGroup: 'Arbetsförmedlare',
        topics: ['vnr'],
        plannedMonth: 3,
      })
    ).json<Plan>();
    const fkEntry = afPlan.entryList.find((entry) => entry.organisationName === 'Försäkringskassan')!;
    const afEntry = afPlan.entryList.find((entry) => entry.organisationName === 'Arbetsförmedlingen')!;
    expect([fkEntry.editable, afEntry.editable]).toEqual([false, true]);

    // AF edits its own effort; a stale version is a conflict; FK's effort is "not found" for AF.
    const change = {
      effort: 'Workshop: att fråga om våld (heldag)',
      targetGroup: 'Arbetsförmedlare i Falun',
      topics: ['vnr', 'hrv'],
      plannedMonth: 4,
      openToOthers: true,
    };
    const edited = await af.put(`/api/v1/competence-plans/${id}/entries/${afEntry.id}`, { ...change, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.json<Plan>().entryList.find((entry) => entry.id === afEntry.id)).toMatchObject({ effort: change.effort, plannedMonth: 4, version: 2 });
    expect((await af.put(`/api/v1/competence-plans/${id}/entries/${afEntry.id}`, { ...change, version: 1 })).status).toBe(409);
    expect((await af.put(`/api/v1/competence-plans/${id}/entries/${fkEntry.id}`, { ...change, version: 1 })).status).toBe(404);
    const invalid = await af.put(`/api/v1/competence-plans/${id}/entries/${afEntry.id}`, { ...change, effort: '', version: 2 });
    expect(invalid.problem().errors[0]!.field).toBe('effort');

    // The database is the backstop: AF's transaction cannot change FK's row even without the service.
    const [afUser] = await app.database.system((tx) =>
      queryRows<{ id: string }>(tx, sql`select id from users where tenant_id = ${organisationId('AF')} limit 1`),
    );
    const changed = await app.database.transaction({ role: 'upptack_app', settings: { tenant_id: organisationId('AF'), user_id: afUser!.id } }, (tx) =>
      queryRows<{ id: string }>(tx, sql`update competence_plan_entries set effort = 'kapad' where id = ${fkEntry.id} returning id`),
    );
    expect(changed).toEqual([]);
    // Nor insert into a plan it does not take part in, in its own name.
    const outsiderPlan = (await strategist.post('/api/v1/competence-plans', { countyCode: '20', year: 2029, title: 'Utan Arbetsförmedlingen' })).json<Plan>()
      .id;
    await expect(
      app.database.transaction({ role: 'upptack_app', settings: { tenant_id: organisationId('AF'), user_id: afUser!.id } }, (tx) =>
        tx.execute(
          sql`insert into competence_plan_entries (plan_id, tenant_id, organisation_name, effort, target_group, planned_month) values (${outsiderPlan}, ${organisationId('AF')}, 'AF', 'X', 'Y', 1)`,
        ),
      ),
    ).rejects.toThrow();

    // The county sees every effort, the overlap in March and the participants.
    const county = (await strategist.get(`/api/v1/competence-plans/${id}`)).json<Plan>();
    expect(county.own).toBe(true);
    expect(county.entryList.map((entry) => [entry.organisationName, entry.editable])).toEqual([
      ['Försäkringskassan', false],
      ['Arbetsförmedlingen', false],
    ]);
    expect(county.participants.map((participant) => participant.name)).toEqual(['Arbetsförmedlingen', 'Försäkringskassan']);
    expect(county.organisationChoices.some((choice) => choice.id === organisationId('FK'))).toBe(false);
    expect((await fk.get('/api/v1/competence-plans')).json<{ plans: Array<{ id: string; own: boolean }> }>().plans).toEqual([
      expect.objectContaining({ id, own: false }),
    ]);

    // A non-participating organisation sees nothing: no plan, no entries, no way to write.
    expect((await outsider.get('/api/v1/competence-plans')).json<{ plans: unknown[] }>().plans).toEqual([]);
    expect((await outsider.get(`/api/v1/competence-plans/${id}`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/competence-plans/${id}/entries`, { effort: 'X', targetGroup: 'Y', topics: ['vnr'], plannedMonth: 1 })).status).toBe(
      404,
    );
    expect((await outsider.put(`/api/v1/competence-plans/${id}/entries/${afEntry.id}`, { ...change, version: 2 })).status).toBe(404);

    // Only the county removes a participant; its efforts stay in the plan, and it no longer reads it.
    expect((await af.delete(`/api/v1/competence-plans/${id}/participants/${organisationId('FK')}`)).status).toBe(403);
    const removed = await strategist.delete(`/api/v1/competence-plans/${id}/participants/${organisationId('AF')}`);
    expect(removed.status).toBe(200);
    expect(removed.json<Plan>().participants.map((participant) => participant.name)).toEqual(['Försäkringskassan']);
    expect(removed.json<Plan>().entryList.map((entry) => entry.organisationName)).toEqual(['Försäkringskassan', 'Arbetsförmedlingen']);
    expect((await af.get(`/api/v1/competence-plans/${id}`)).status).toBe(404);
    expect((await af.put(`/api/v1/competence-plans/${id}/entries/${afEntry.id}`, { ...change, version: 2 })).status).toBe(404);
    expect((await strategist.delete(`/api/v1/competence-plans/${id}/participants/${organisationId('AF')}`)).status).toBe(404);
    const [audit] = await app.database.system((tx) =>
      queryRows<{ details: Record<string, unknown> }>(
        tx,
        sql`select details from audit_events where record_id = ${id} and details->>'change' = 'participant_removed'`,
      ),
    );
    expect(audit!.details).toEqual({ change: 'participant_removed', organisationId: organisationId('AF') });
  });

  // Last in this block: afterwards the app's own key no longer reads the rotated values.
  it('a key rotation re-encrypts registration links, which the organiser still sees', async () => {
    const event = await createTestEvent(app.database, { tenantId: organisationId('LST-20') });
    const oldKey = app.context.config.encryptionKey;
    const newKey = crypto.randomBytes(32);
    const rotate = ADMIN_COMMANDS.find((command) => command.name === 'rotate-encryption-key')!;
    expect(
      await rotate.run([], { config: testConfig({ encryptionKey: newKey, encryptionKeyPrevious: oldKey }), database: app.database, out: () => undefined }),
    ).toBe(0);
    const rotated = await createTestApp({ database: app.database, config: { encryptionKey: newKey } });
    try {
      const owner = await signIn(
        rotated,
        await createUser(rotated.database, { roles: ['county_strategist'], unit: await createUnit(rotated.database, { organisation: 'LST-20' }) }),
      );
      expect((await owner.get(`/api/v1/events/${event.id}`)).json<{ registrationLink: string }>().registrationLink).toContain(`/evenemang/${event.token}`);
    } finally {
      await rotated.server.close();
    }
  });
});
