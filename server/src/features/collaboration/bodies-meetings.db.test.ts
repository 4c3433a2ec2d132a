import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MAX_BYTES,
  type Attachment,
  type BodyDetail,
  type BodySummary,
  type MeetingDetail,
  type OverviewResponse,
} from '#shared/contracts/collaboration.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { docxZipBomb, pdfWithActiveContent, pdfWithMetadata, SAMPLE_AUTHOR, SAMPLE_EMBEDDED_NAME } from './attachment-samples.ts';

const MV = organisationId('MV');
const FK = organisationId('FK');
const AF = organisationId('AF');
const SOS = organisationId('SOS');
const JAMY = organisationId('JAMY');

const bodyInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'development',
  name: 'Utvecklingsgruppen för information och hänvisning',
  purpose: 'Information om våld, skydd och stöd, och tydlig hänvisning.',
  leadingOrganisationId: MV,
  responsibilityAreas: ['information', 'referral'],
  meetingCadence: 'every_six_weeks',
  ...overrides,
});

const meetingInput = (bodyId: string, overrides: Record<string, unknown> = {}) => ({
  bodyId,
  title: 'Utvecklingsgruppsmöte',
  date: '2026-12-01',
  startTime: '10:00',
  endTime: '12:00',
  location: 'Migrationsverket, Norrköping',
  onlineUrl: 'https://moten.example.se/abc',
  ...overrides,
});

async function count(app: TestApp, table: string): Promise<number> {
  const [row] = await app.database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`));
  return row!.n;
}

describe('collaboration bodies and their meetings', () => {
  let app: TestApp;
  let coordinator: TestUser;
  let mvCoordinator: TestUser;
  let fkCaseworker: TestUser;
  let afCaseworker: TestUser;
  let national: ApiClient;
  let mv: ApiClient;
  let fk: ApiClient;
  let af: ApiClient;
  let body: BodyDetail;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    coordinator = await createUser(app.database, { roles: ['national_coordinator'], unit: await createUnit(app.database, { organisation: 'JAMY' }) });
    mvCoordinator = await createUser(app.database, { roles: ['agency_coordinator'], unit: await createUnit(app.database, { organisation: 'MV' }) });
    fkCaseworker = await createUser(app.database, { roles: ['caseworker'], unit: await createUnit(app.database, { organisation: 'FK' }) });
    afCaseworker = await createUser(app.database, { roles: ['caseworker'], unit: await createUnit(app.database, { organisation: 'AF' }) });
    national = await signIn(app, coordinator);
    mv = await signIn(app, mvCoordinator);
    fk = await signIn(app, fkCaseworker);
    af = await signIn(app, afCaseworker);
  });
  afterAll(() => app.close());

  it('lets the national coordinator create a development group led by Migrationsverket, with members by organisation and role', async () => {
    const created = await national.post('/api/v1/bodies', bodyInput());
    expect(created.status).toBe(201);
    body = created.json<BodyDetail>();
    expect(body).toMatchObject({
      kind: 'development',
      leadingOrganisation: { id: MV, name: 'Migrationsverket' },
      owner: { id: JAMY },
      active: true,
      members: [],
    });
    expect(body.permissions).toEqual({ manage: true, record: true, freeze: true });

    const convener = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: MV, role: 'convener', email: mvCoordinator.email });
    expect(convener.status).toBe(201);
    const member = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: FK, role: 'member', email: fkCaseworker.email });
    expect(member.status).toBe(201);
    const named = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: SOS, role: 'secretary', personName: 'Gunnar Utredare' });
    body = named.json<BodyDetail>();
    expect(body.members.map((m) => [m.organisation.name, m.role, m.hasAccount])).toEqual([
      ['Migrationsverket', 'convener', true],
      ['Socialstyrelsen', 'secretary', false],
      ['Försäkringskassan', 'member', true],
    ]);
    expect(body.members.find((m) => m.organisation.id === MV)?.personName).toMatch(/^Test /);
  });

  it('refuses a member added twice, naming the field, and saves nothing', async () => {
    const before = await count(app, 'collaboration_body_members');
    const twiceByAccount = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: MV, role: 'member', email: mvCoordinator.email });
    expect(twiceByAccount.status).toBe(400);
    expect(twiceByAccount.problem().errors).toMatchObject([{ field: 'email', code: 'member_taken', message: 'Personen är redan medlem i gruppen' }]);
    const twiceByName = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: SOS, role: 'member', personName: 'gunnar utredare' });
    expect(twiceByName.problem().errors).toMatchObject([{ field: 'personName', code: 'member_taken' }]);
    await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: AF, role: 'member' });
    const twiceUnnamed = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: AF, role: 'member' });
    expect(twiceUnnamed.problem().errors).toMatchObject([{ field: 'organisationId', code: 'member_taken' }]);
    const unknownAccount = await national.post(`/api/v1/bodies/${body.id}/members`, { organisationId: SOS, role: 'member', email: fkCaseworker.email });
    expect(unknownAccount.problem().errors).toMatchObject([{ field: 'email', code: 'account_unknown' }]);
    expect(await count(app, 'collaboration_body_members')).toBe(before + 1);
  });

  it('shares the body with its member organisations and nobody else', async () => {
    const ids = (list: { bodies: BodySummary[] }) => list.bodies.map((b) => b.id);
    expect(ids((await mv.get('/api/v1/bodies')).json())).toContain(body.id);
    expect(ids((await fk.get('/api/v1/bodies')).json())).toContain(body.id);
    const mvView = (await mv.get(`/api/v1/bodies/${body.id}`)).json<BodyDetail>();
    expect(mvView.members).toHaveLength(4);
    expect(mvView.permissions).toEqual({ manage: false, record: true, freeze: true });
    expect((await fk.get(`/api/v1/bodies/${body.id}`)).json<BodyDetail>().permissions).toEqual({ manage: false, record: false, freeze: false });
    // Arbetsförmedlingen is a member without a named person: it reads; a caseworker there records nothing.
    expect((await af.get(`/api/v1/bodies/${body.id}`)).status).toBe(200);
    const lst = await createUser(app.database, { roles: ['county_strategist'], unit: await createUnit(app.database, { organisation: 'LST-20' }) });
    const outsider = await signIn(app, lst);
    expect((await outsider.get(`/api/v1/bodies/${body.id}`)).status).toBe(404);
    expect(ids((await outsider.get('/api/v1/bodies')).json())).not.toContain(body.id);
    // Only the keeper changes the body: a member organisation's convener is refused.
    const change = await mv.put(`/api/v1/bodies/${body.id}`, { ...bodyInput({ name: 'Nytt namn' }), version: body.version, active: true });
    expect(change.status).toBe(403);
  });

  it('refuses a meeting that ends before it starts, has no place, or starts at a time that does not exist, naming the field', async () => {
    const before = await count(app, 'collaboration_meetings');
    const backwards = await national.post('/api/v1/meetings', meetingInput(body.id, { startTime: '14:00', endTime: '13:00' }));
    expect(backwards.status).toBe(400);
    expect(backwards.problem().errors).toMatchObject([
      { field: 'endTime', message: 'Mötet kan inte sluta innan det börjar. Ange en sluttid som är senare än starttiden.' },
    ]);
    const nowhere = await national.post('/api/v1/meetings', meetingInput(body.id, { location: '', onlineUrl: '' }));
    expect(nowhere.problem().errors).toMatchObject([{ field: 'location' }]);
    const skipped = await national.post('/api/v1/meetings', meetingInput(body.id, { date: '2027-03-28', startTime: '02:30', endTime: '04:00' }));
    expect(skipped.problem().errors).toMatchObject([{ field: 'startTime', code: 'time_missing' }]);
    const plainUrl = await national.post('/api/v1/meetings', meetingInput(body.id, { onlineUrl: 'javascript:alert(1)' }));
    expect(plainUrl.problem().errors).toMatchObject([{ field: 'onlineUrl' }]);
    expect(await count(app, 'collaboration_meetings')).toBe(before);
  });

  let meeting: MeetingDetail;

  it('schedules a meeting in Stockholm time; the convener from another agency sets the agenda, a plain member may not', async () => {
    const created = await national.post('/api/v1/meetings', meetingInput(body.id, { convenerMemberId: body.members.find((m) => m.role === 'convener')!.id }));
    expect(created.status).toBe(201);
    meeting = created.json<MeetingDetail>();
    expect(meeting).toMatchObject({
      startsAt: '2026-12-01T09:00:00.000Z',
      endsAt: '2026-12-01T11:00:00.000Z',
      date: '2026-12-01',
      startTime: '10:00',
      endTime: '12:00',
      status: 'planned',
    });
    expect(meeting.convener?.label).toContain('Migrationsverket');

    const agenda = await mv.put(`/api/v1/meetings/${meeting.id}/agenda`, {
      version: meeting.version,
      items: [
        { title: 'Arbetsplanen', presenter: 'Mikael' },
        { title: 'Kontaktlistor, hänvisning; orosanmälan', presenter: '' },
      ],
    });
    expect(agenda.status).toBe(200);
    meeting = agenda.json<MeetingDetail>();
    expect(meeting.agenda).toEqual([
      { title: 'Arbetsplanen', presenter: 'Mikael' },
      { title: 'Kontaktlistor, hänvisning; orosanmälan', presenter: null },
    ]);
    expect((await fk.put(`/api/v1/meetings/${meeting.id}/agenda`, { version: meeting.version, items: [] })).status).toBe(403);
    const stale = await mv.put(`/api/v1/meetings/${meeting.id}/agenda`, { version: meeting.version - 1, items: [] });
    expect(stale.status).toBe(409);
    expect(stale.problem().code).toBe('version_conflict');
  });

  it('records minutes and numbered decisions with the body, date and responsible, and their follow-up', async () => {
    const minutes = await national.put(`/api/v1/meetings/${meeting.id}/minutes`, { version: meeting.version, minutes: 'Gruppen gick igenom arbetsplanen.' });
    expect(minutes.json<MeetingDetail>()).toMatchObject({ status: 'held', minutes: 'Gruppen gick igenom arbetsplanen.', hasMinutes: true });
    const first = await national.post(`/api/v1/meetings/${meeting.id}/decisions`, {
      text: 'Gruppen antar arbetsplanen',
      responsibleOrganisationId: MV,
      responsiblePerson: 'Mikael',
      dueOn: '2027-01-31',
    });
    expect(first.status).toBe(201);
    const second = await mv.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'Kontaktlistor tas fram per kontor', responsibleOrganisationId: '' });
    meeting = second.json<MeetingDetail>();
    expect(meeting.decisions.map((d) => [d.year, d.number, d.decidedOn, d.bodyName, d.responsibleOrganisation?.name ?? null])).toEqual([
      [2026, 1, '2026-12-01', 'Utvecklingsgruppen för information och hänvisning', 'Migrationsverket'],
      [2026, 2, '2026-12-01', 'Utvecklingsgruppen för information och hänvisning', null],
    ]);
    const decision = meeting.decisions[0]!;
    const followed = await mv.put(`/api/v1/meetings/${meeting.id}/decisions/${decision.id}`, {
      version: decision.version,
      status: 'done',
      followUp: 'Antagen och publicerad.',
    });
    expect(followed.json<MeetingDetail>().decisions[0]).toMatchObject({
      status: 'done',
      followUp: 'Antagen och publicerad.',
      followedUpAt: app.clock.now().toISOString(),
    });
    const events = await app.database.system((tx) =>
      queryRows<{ action: string; record_type: string; record_tenant_id: string }>(
        tx,
        sql`select action, record_type, record_tenant_id from audit_events where record_id = ${decision.id}`,
      ),
    );
    expect(events.map((e) => [e.action, e.record_type, e.record_tenant_id])).toEqual([
      ['collaboration.record', 'collaboration_decision', JAMY],
      ['collaboration.record', 'collaboration_decision', JAMY],
    ]);
  });

  it('exports one meeting and the whole schedule as iCalendar that a parser reads back', async () => {
    const one = await fk.get(`/api/v1/meetings/${meeting.id}/calendar.ics`);
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(one.headers['content-disposition']).toBe('attachment; filename="utvecklingsgruppsmote.ics"');
    const calendar = new ICAL.Component(ICAL.parse(one.body));
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${meeting.id}@upptack`);
    expect(event.summary).toBe('Utvecklingsgruppsmöte');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(event.location).toBe('Migrationsverket, Norrköping');
    expect(event.description).toContain('1. Arbetsplanen (föredras av Mikael)');
    expect(event.description).toContain('2. Kontaktlistor, hänvisning; orosanmälan');
    expect(event.sequence).toBe(meeting.version - 1);

    await national.post('/api/v1/meetings', meetingInput(body.id, { date: '2027-01-19', title: 'Nästa möte' }));
    const schedule = await mv.get(`/api/v1/bodies/${body.id}/calendar.ics`);
    const events = new ICAL.Component(ICAL.parse(schedule.body)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component).summary);
    expect(events).toEqual(['Utvecklingsgruppsmöte', 'Nästa möte']);
    expect((await af.get(`/api/v1/meetings/${meeting.id}/calendar.ics`)).status).toBe(200);
  });

  it('attaches a PDF checked by content, stripped of metadata, and refuses a renamed or too large file with a field error', async () => {
    const before = await count(app, 'collaboration_attachments');
    const upload = (client: ApiClient, filename: string, bytes: Uint8Array) =>
      client.request('POST', `/api/v1/meetings/${meeting.id}/attachments?filename=${encodeURIComponent(filename)}`, Buffer.from(bytes));

    const renamed = await upload(mv, 'Protokoll.docx', await pdfWithMetadata());
    expect(renamed.status).toBe(400);
    expect(renamed.problem().errors).toMatchObject([{ field: 'file', code: 'attachment_content_mismatch', message: expect.stringContaining('.docx') }]);
    const large = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    large.set(Buffer.from('%PDF-1.7'));
    const tooLarge = await upload(mv, 'Stor.pdf', large);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.problem().errors).toMatchObject([
      { field: 'file', code: 'attachment_too_large', message: 'Filen är större än 10 MB. Dela upp den, eller spara den i ett mindre format.' },
    ]);
    const beyond = await upload(mv, 'Enorm.pdf', new Uint8Array(21 * 1024 * 1024));
    expect(beyond.status).toBe(413);
    expect((await upload(fk, 'Protokoll.pdf', await pdfWithMetadata())).status).toBe(403);
    expect(await count(app, 'collaboration_attachments')).toBe(before);

    const stored = await upload(mv, 'Protokoll från mötet.pdf', await pdfWithMetadata());
    expect(stored.status).toBe(201);
    const attachment = stored.json<Attachment>();
    expect(attachment).toMatchObject({ filename: 'Protokoll från mötet.pdf', kind: 'pdf' });
    const download = await app.server.inject({
      method: 'GET',
      url: `/api/v1/meetings/${meeting.id}/attachments/${attachment.id}`,
      headers: { cookie: fk.cookie ?? '' },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Protokoll fran motet.pdf"; filename*=UTF-8''Protokoll%20fr%C3%A5n%20m%C3%B6tet.pdf`,
    );
    expect(download.rawPayload.toString('latin1')).not.toContain(SAMPLE_AUTHOR);
    expect((await PDFDocument.load(download.rawPayload, { updateMetadata: false })).getAuthor()).toBeUndefined();
    expect((await mv.get(`/api/v1/meetings/${meeting.id}`)).json<MeetingDetail>().attachments).toHaveLength(1);
    // A right-to-left override before `xcod.pdf` would show the name as `Protokollfdp.docx` (issue 16).
    const spoofed = await upload(mv, '<i>Protokoll\u202Excod.pdf', await pdfWithMetadata());
    expect(spoofed.status).toBe(201);
    expect(spoofed.json<Attachment>().filename).toBe('iProtokollxcod.pdf');
    const listed = (await mv.get(`/api/v1/meetings/${meeting.id}`)).json<MeetingDetail>().attachments;
    expect(listed.map((entry) => entry.filename).sort()).toEqual(['Protokoll från mötet.pdf', 'iProtokollxcod.pdf']);
    // A raw upload to a route that does not take one is refused before it is read.
    expect((await mv.request('PUT', `/api/v1/meetings/${meeting.id}/minutes`, Buffer.from('x'))).status).toBe(415);
  });

  it('refuses a zip bomb as it unpacks, naming the file, and answers other requests meanwhile (issue 16)', async () => {
    const before = await count(app, 'collaboration_attachments');
    const attach = (bytes: Uint8Array) => mv.request('POST', `/api/v1/meetings/${meeting.id}/attachments?filename=Dagordning.docx`, Buffer.from(bytes));
    const expandsTooMuch = [
      {
        field: 'file',
        code: 'attachment_expands_too_much',
        message:
          'Filen packas upp till långt mer än ett dokument brukar (över 100 MB, mer än 100 gånger sin storlek eller fler än 2000 delar) och kan inte bifogas. Spara dokumentet på nytt och försök igen.',
      },
    ];
    // 190 MB of zeros in 190 KB, stated truthfully: unpacking and repacking it on the event loop
    // held up every other request for seconds (the file was then even accepted).
    let settled = false;
    const refused = attach(docxZipBomb(190, 190)).finally(() => {
      settled = true;
    });
    // Ten liveness requests, 20 ms apart so the upload gets on meanwhile: before, they stopped
    // being answered once its check began and came back only after it had finished; now the
    // check runs in a worker thread and every one is answered while it runs.
    for (let probe = 0; probe < 10; probe++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await af.get('/api/v1/health/live')).status).toBe(200);
      expect(settled).toBe(false);
    }
    const answer = await refused;
    expect(answer.status).toBe(400);
    expect(answer.problem().errors).toMatchObject(expandsTooMuch);
    // 1.5 MB whose headers say 190 MB and which inflates to 1.5 GB, as in the attack.
    const lying = await attach(docxZipBomb(1500));
    expect(lying.status).toBe(400);
    expect(lying.problem().errors).toMatchObject(expandsTooMuch);
    expect(await count(app, 'collaboration_attachments')).toBe(before);
  });

  it('shares a PDF without its JavaScript, actions and embedded files (issue 16)', async () => {
    const stored = await mv.request('POST', `/api/v1/meetings/${meeting.id}/attachments?filename=Aktiv.pdf`, Buffer.from(await pdfWithActiveContent()));
    expect(stored.status).toBe(201);
    const download = await app.server.inject({
      method: 'GET',
      url: `/api/v1/meetings/${meeting.id}/attachments/${stored.json<Attachment>().id}`,
      headers: { cookie: fk.cookie ?? '' },
    });
    const text = download.rawPayload.toString('latin1');
    for (const active of ['/OpenAction', '/AA', '/JavaScript', '/EmbeddedFiles', '/Launch', SAMPLE_EMBEDDED_NAME]) expect(text).not.toContain(active);
    expect((await PDFDocument.load(download.rawPayload)).getPageCount()).toBe(1);
  });

  it('flags a decision overdue the day after its due date while it is open or in progress, on the meeting, the body and the overview (issue 22)', async () => {
    // The file's clock is 2026-11-23 (Stockholm): yesterday's due date has passed, today's has not.
    const other = (await national.post('/api/v1/bodies', bodyInput({ name: 'Gruppen med försenade beslut' }))).json<BodyDetail>();
    let held = (await national.post('/api/v1/meetings', meetingInput(other.id, { date: '2026-11-02' }))).json<MeetingDetail>();
    held = (await national.put(`/api/v1/meetings/${held.id}/minutes`, { version: held.version, minutes: 'Beslut fattades.' })).json<MeetingDetail>();
    for (const [text, dueOn] of [
      ['Passerat och öppet', '2026-11-22'],
      ['Ska vara klart i dag', '2026-11-23'],
      ['Utan datum', ''],
      ['Passerat men genomfört', '2026-11-10'],
      ['Passerat och pågår', '2026-11-10'],
    ] as const) {
      held = (await national.post(`/api/v1/meetings/${held.id}/decisions`, { text, dueOn })).json<MeetingDetail>();
    }
    for (const [text, status] of [
      ['Passerat men genomfört', 'done'],
      ['Passerat och pågår', 'in_progress'],
    ] as const) {
      const decision = held.decisions.find((d) => d.text === text)!;
      held = (await national.put(`/api/v1/meetings/${held.id}/decisions/${decision.id}`, { version: decision.version, status })).json<MeetingDetail>();
    }
    const expected = [
      ['Passerat och öppet', true],
      ['Ska vara klart i dag', false],
      ['Utan datum', false],
      ['Passerat men genomfört', false],
      ['Passerat och pågår', true],
    ];
    const flags = (decisions: Array<{ text: string; overdue: boolean }>) => decisions.map((d) => [d.text, d.overdue]);
    expect(flags((await national.get(`/api/v1/meetings/${held.id}`)).json<MeetingDetail>().decisions)).toEqual(expected);
    expect(flags((await national.get(`/api/v1/bodies/${other.id}`)).json<BodyDetail>().decisions)).toEqual(expect.arrayContaining(expected));
    const overview = (await national.get('/api/v1/bodies/overview')).json<OverviewResponse>();
    expect(flags(overview.openDecisions.filter((d) => d.bodyId === other.id))).toEqual(
      expect.arrayContaining([
        ['Passerat och öppet', true],
        ['Ska vara klart i dag', false],
        ['Utan datum', false],
        ['Passerat och pågår', true],
      ]),
    );
    expect(overview.openDecisions.filter((d) => d.bodyId === other.id)).toHaveLength(4);
  });

  it('refuses to delete a body with meetings (deactivate instead) and deletes one without', async () => {
    const refused = await national.delete(`/api/v1/bodies/${body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.problem().detail).toContain('Avaktivera den i stället');
    const current = (await national.get(`/api/v1/bodies/${body.id}`)).json<BodyDetail>();
    const deactivated = await national.put(`/api/v1/bodies/${body.id}`, { ...bodyInput(), version: current.version, active: false });
    expect(deactivated.json<BodyDetail>().active).toBe(false);
    const noMeeting = await national.post('/api/v1/meetings', meetingInput(body.id));
    expect(noMeeting.status).toBe(409);

    const mistake = (await national.post('/api/v1/bodies', bodyInput({ name: 'Felskapad grupp' }))).json<BodyDetail>();
    await national.post(`/api/v1/bodies/${mistake.id}/members`, { organisationId: FK, role: 'member' });
    expect((await national.delete(`/api/v1/bodies/${mistake.id}`)).status).toBe(204);
    expect((await national.get(`/api/v1/bodies/${mistake.id}`)).status).toBe(404);
    const sameName = await national.post('/api/v1/bodies', bodyInput());
    expect(sameName.problem().errors).toMatchObject([{ field: 'name', code: 'name_taken' }]);
  });
});
