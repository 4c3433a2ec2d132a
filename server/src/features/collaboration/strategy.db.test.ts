import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BodySummary, OverviewResponse, StrategyProcessDetail } from '#shared/contracts/collaboration.ts';
import { isWorkingDay } from '#shared/time/holidays.ts';
import { testConfig } from '../../config.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { seedDemoData, tablesWithDemoRows } from '../../platform/demo/demo-seed.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { FEATURES } from '../index.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { deadlineAfter } from './strategy-service.ts';

describe('the county strategy process', () => {
  let app: TestApp;
  let strategist: ApiClient;
  let colleague: ApiClient;
  let otherCounty: ApiClient;
  let process: StrategyProcessDetail;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    const dalarna = await createUnit(app.database, { organisation: 'LST-20' });
    strategist = await signIn(app, await createUser(app.database, { roles: ['county_strategist'], unit: dalarna }));
    colleague = await signIn(app, await createUser(app.database, { roles: ['manager'], unit: dalarna }));
    otherCounty = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-21', municipalityCode: '2180' }),
      }),
    );
  });
  afterAll(() => app.close());

  it('computes deadlines past weekends and holidays', () => {
    // 2026-11-20 + 5 weeks is Christmas Day: the next working day is 28 December.
    expect(deadlineAfter('2026-11-20', 5)).toBe('2026-12-28');
    expect(deadlineAfter('2026-05-08', 2)).toBe('2026-05-22');
  });

  it('starts a process from the template: the steps of the Dalarna plan, each due on a working day', async () => {
    const created = await strategist.post('/api/v1/strategy-processes', {
      title: 'Regional strategi mot mäns våld mot kvinnor',
      countyCode: '20',
      startsOn: '2026-09-07',
      useTemplate: true,
    });
    expect(created.status).toBe(201);
    process = created.json<StrategyProcessDetail>();
    expect(process.county).toEqual({ code: '20', name: 'Dalarnas län' });
    expect(process.stepList.map((step) => step.step)).toEqual([
      'Uppstartsmöte med länsgruppen',
      'Arbetsgruppen möts två till tre gånger',
      'Uppföljningsmöte med länsgruppen',
      'Sammanställning och utformning av strategi och genomförandeplan',
      'Remissförfarande',
      'Fastställande av strategin med genomförandeplan',
      'Implementering av strategin och genomförandeplanen',
    ]);
    expect(process.stepList.every((step) => isWorkingDay(step.deadline) && step.challenge && step.responsible.startsWith('Länsstyrelsen i Dalarnas län'))).toBe(
      true,
    );
    expect(process.stepList[0]).toMatchObject({ deadline: '2026-09-07', overdue: true });
    expect(process.stepList.at(-1)?.responsible).toBe('Länsstyrelsen i Dalarnas län och länsgruppen');
    expect(process.nextDeadline).toBe('2026-09-07');
  });

  it('keeps steps editable: activity, deadline, challenge, responsible and status', async () => {
    const step = process.stepList[0]!;
    const done = await strategist.put(`/api/v1/strategy-processes/${process.id}/steps/${step.id}`, { ...step, status: 'done' });
    process = done.json<StrategyProcessDetail>();
    expect(process.stepList[0]).toMatchObject({ status: 'done', overdue: false });
    const added = await strategist.post(`/api/v1/strategy-processes/${process.id}/steps`, {
      step: 'Seminarium om våld mot äldre kvinnor',
      activity: 'Presentation av kartläggningen inom äldreomsorgen',
      deadline: '2027-02-15',
      challenge: '',
      responsible: 'Länsstyrelsen',
      status: 'not_started',
    });
    expect(added.json<StrategyProcessDetail>().stepList.at(-1)).toMatchObject({ position: 7, challenge: null });
    const wrongDate = await strategist.post(`/api/v1/strategy-processes/${process.id}/steps`, {
      step: 'x',
      activity: 'y',
      deadline: '2027-02-30',
      responsible: 'z',
      status: 'not_started',
    });
    expect(wrongDate.problem().errors).toMatchObject([{ field: 'deadline', code: 'invalid_date' }]);
  });

  it('runs a consultation round: the answer date is computed, respondents added once, answers recorded', async () => {
    const started = await strategist.post(`/api/v1/strategy-processes/${process.id}/consultations`, {
      title: 'Förslag till strategi och genomförandeplan',
      sentOn: '2026-11-20',
      answerWeeks: 5,
    });
    process = started.json<StrategyProcessDetail>();
    const round = process.consultations[0]!;
    expect(round.respondBy).toBe('2026-12-28');
    const base = `/api/v1/strategy-processes/${process.id}/consultations/${round.id}/respondents`;
    await strategist.post(base, { organisationId: organisationId('KOM-2080') });
    await strategist.post(base, { organisationName: 'Kvinnojouren i Falun' });
    const twice = await strategist.post(base, { organisationName: 'kvinnojouren i falun' });
    expect(twice.problem().errors).toMatchObject([{ field: 'organisationName', code: 'respondent_taken' }]);
    const both = await strategist.post(base, { organisationId: organisationId('KOM-2081'), organisationName: 'Borlänge' });
    expect(both.problem().errors).toMatchObject([{ field: 'organisationId' }]);
    process = (await strategist.get(`/api/v1/strategy-processes/${process.id}`)).json<StrategyProcessDetail>();
    const falun = process.consultations[0]!.respondents.find((r) => r.name === 'Falun')!;
    const missingDate = await strategist.put(`${base}/${falun.id}`, { version: falun.version, status: 'answered', answer: 'Vi ställer oss bakom förslaget.' });
    expect(missingDate.problem().errors).toMatchObject([{ field: 'answeredOn' }]);
    const answered = await strategist.put(`${base}/${falun.id}`, {
      version: falun.version,
      status: 'answered',
      answeredOn: '2026-12-10',
      answer: 'Vi ställer oss bakom förslaget.',
    });
    expect(answered.json<StrategyProcessDetail>().consultations[0]!.respondents.map((r) => [r.name, r.status, r.answer])).toEqual([
      ['Falun', 'answered', 'Vi ställer oss bakom förslaget.'],
      ['Kvinnojouren i Falun', 'awaiting', null],
    ]);
  });

  it('is read by colleagues in the county board, changed only by strategists, and invisible to other counties', async () => {
    const read = await colleague.get(`/api/v1/strategy-processes/${process.id}`);
    expect(read.status).toBe(200);
    expect(read.json<StrategyProcessDetail>().mayManage).toBe(false);
    expect(
      (
        await colleague.post(`/api/v1/strategy-processes/${process.id}/steps`, {
          step: 'x',
          activity: 'y',
          deadline: '2027-01-11',
          responsible: 'z',
          status: 'not_started',
        })
      ).status,
    ).toBe(403);
    expect((await otherCounty.get(`/api/v1/strategy-processes/${process.id}`)).status).toBe(404);
    expect((await otherCounty.get('/api/v1/strategy-processes')).json<{ processes: unknown[] }>().processes).toEqual([]);
  });
});

describe('collaboration demo data', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    const config = testConfig();
    await seedDemoData(app.database, FEATURES, { config, clock: app.clock, cipher: createFieldCipher(config.encryptionKey) });
  });
  afterAll(() => app.close());

  it('gives the national coordinator the steering group, the collaboration group and the three development groups, with meetings, decisions and a late activity', async () => {
    const coordinator = await signIn(app, { email: 'nationell.samordnare@demo.upptack.se', password: 'upptack-demo-2026' });
    const overview = (await coordinator.get('/api/v1/bodies/overview')).json<OverviewResponse>();
    expect(overview.bodies.map((b: BodySummary) => [b.name, b.leadingOrganisation.name])).toEqual(
      expect.arrayContaining([
        ['Styrgruppen för ökad upptäckt av våld', 'Jämställdhetsmyndigheten'],
        ['Samverkansgruppen', 'Jämställdhetsmyndigheten'],
        ['Utvecklingsgruppen för rutiner och metoder', 'Socialstyrelsen'],
        ['Utvecklingsgruppen för information och hänvisning', 'Migrationsverket'],
        ['Utvecklingsgruppen för stöd till personal', 'Försäkringskassan'],
      ]),
    );
    expect(overview.bodies).toHaveLength(5);
    expect(overview.upcomingMeetings.length).toBeGreaterThanOrEqual(4);
    expect(overview.openDecisions.length).toBeGreaterThanOrEqual(3);
    expect(overview.lateActivities.map((a) => a.title)).toContain('Översätta informationsmaterialet till fem språk');
  });

  it('gives the county strategist in Dalarna the reference group and the strategy process with its consultation round', async () => {
    const strategist = await signIn(app, { email: 'lansstrateg@demo.upptack.se', password: 'upptack-demo-2026' });
    const processes = (await strategist.get('/api/v1/strategy-processes')).json<{ processes: Array<{ id: string; title: string }> }>().processes;
    expect(processes.map((p) => p.title)).toEqual(['Regional strategi mot mäns våld mot kvinnor i Dalarna']);
    const detail = (await strategist.get(`/api/v1/strategy-processes/${processes[0]!.id}`)).json<StrategyProcessDetail>();
    expect(detail.stepList).toHaveLength(7);
    expect(detail.consultations[0]!.respondents.filter((r) => r.status === 'answered')).toHaveLength(1);
    const bodies = (await strategist.get('/api/v1/bodies')).json<{ bodies: BodySummary[] }>().bodies;
    expect(bodies.map((b) => b.name)).toEqual(['Länsgruppen mäns våld mot kvinnor, Dalarna']);
  });

  it('marks every collaboration row as demo, so production refuses the database', async () => {
    const tables = await tablesWithDemoRows(app.database);
    for (const table of [
      'collaboration_bodies',
      'collaboration_body_members',
      'collaboration_meetings',
      'collaboration_decisions',
      'collaboration_work_plans',
      'collaboration_activities',
      'strategy_processes',
      'strategy_consultation_responses',
    ]) {
      expect(tables).toContain(table);
    }
  });
});
