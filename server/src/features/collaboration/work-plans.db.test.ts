import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewResponse, ReportDetail, WorkPlanDetail } from '#shared/contracts/collaboration.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { createBody, createMeeting, insertTestDecision, type TestBody, type TestMeeting } from './builders.ts';

const MV = organisationId('MV');
const FK = organisationId('FK');
const JAMY = organisationId('JAMY');

const planInput = (bodyId: string, overrides: Record<string, unknown> = {}) => ({
  bodyId,
  title: 'Arbetsplan 2026–2027',
  periodStart: '2026-01-01',
  periodEnd: '2027-12-31',
  purpose: 'Samstämmig information om våld, skydd och stöd.',
  baselineExisting: 'Information på flera språk hos Migrationsverket.',
  baselineMissing: 'Kontaktlistor per kontor.',
  ...overrides,
});

const activityInput = (goalId: string, overrides: Record<string, unknown> = {}) => ({
  goalId,
  title: 'Översätta informationsmaterialet',
  responsibleOrganisationId: MV,
  startsOn: '2026-03-01',
  endsOn: '2026-10-31',
  status: 'ongoing',
  ...overrides,
});

async function count(app: TestApp, table: string): Promise<number> {
  const [row] = await app.database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`));
  return row!.n;
}

describe('work plans, their timeline and the yearly group report', () => {
  let app: TestApp;
  let mvCoordinator: TestUser;
  let national: ApiClient;
  let mv: ApiClient;
  let fk: ApiClient;
  let body: TestBody;
  let plan: WorkPlanDetail;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    const coordinator = await createUser(app.database, { roles: ['national_coordinator'], unit: await createUnit(app.database, { organisation: 'JAMY' }) });
    mvCoordinator = await createUser(app.database, { roles: ['agency_coordinator'], unit: await createUnit(app.database, { organisation: 'MV' }) });
    const fkMember = await createUser(app.database, { roles: ['manager'], unit: await createUnit(app.database, { organisation: 'FK' }) });
    body = await createBody(app.database, {
      tenantId: JAMY,
      leadingOrganisationId: MV,
      name: 'Utvecklingsgruppen för information och hänvisning',
      members: [
        { organisationId: MV, role: 'convener', userId: mvCoordinator.id },
        { organisationId: FK, role: 'member', userId: fkMember.id },
      ],
    });
    national = await signIn(app, coordinator);
    mv = await signIn(app, mvCoordinator);
    fk = await signIn(app, fkMember);
  });
  afterAll(() => app.close());

  it('creates a plan for the group and period; a second plan overlapping it is refused', async () => {
    const created = await mv.post('/api/v1/work-plans', planInput(body.id));
    expect(created.status).toBe(201);
    plan = created.json<WorkPlanDetail>();
    expect(plan).toMatchObject({
      bodyName: body.name,
      periodStart: '2026-01-01',
      periodEnd: '2027-12-31',
      baselineMissing: 'Kontaktlistor per kontor.',
      goals: [],
      activities: [],
    });
    const overlapping = await mv.post('/api/v1/work-plans', planInput(body.id, { periodStart: '2027-06-01', periodEnd: '2028-12-31' }));
    expect(overlapping.status).toBe(400);
    expect(overlapping.problem().errors).toMatchObject([{ field: 'periodStart', code: 'period_overlaps' }]);
    const backwards = await mv.post('/api/v1/work-plans', planInput(body.id, { periodStart: '2029-01-01', periodEnd: '2028-01-01' }));
    expect(backwards.problem().errors).toMatchObject([{ field: 'periodEnd' }]);
    expect((await fk.post('/api/v1/work-plans', planInput(body.id, { periodStart: '2030-01-01', periodEnd: '2030-12-31' }))).status).toBe(403);
  });

  it('adds goals and sub-goals, one level deep', async () => {
    plan = (await mv.post(`/api/v1/work-plans/${plan.id}/goals`, { title: 'Klienter får information på ett språk de förstår' })).json<WorkPlanDetail>();
    const goal = plan.goals[0]!;
    plan = (await mv.post(`/api/v1/work-plans/${plan.id}/goals`, { title: 'Materialet finns på fem språk', parentGoalId: goal.id })).json<WorkPlanDetail>();
    plan = (await mv.post(`/api/v1/work-plans/${plan.id}/goals`, { title: 'Personalen vet vart den ska hänvisa' })).json<WorkPlanDetail>();
    expect(plan.goals.map((g) => [g.title, g.parentGoalId === null])).toEqual([
      ['Klienter får information på ett språk de förstår', true],
      ['Materialet finns på fem språk', false],
      ['Personalen vet vart den ska hänvisa', true],
    ]);
    const tooDeep = await mv.post(`/api/v1/work-plans/${plan.id}/goals`, { title: 'För djupt', parentGoalId: plan.goals[1]!.id });
    expect(tooDeep.problem().errors).toMatchObject([{ field: 'parentGoalId', code: 'sub_goal_depth' }]);
  });

  it('refuses an activity outside the plan’s period or tied to another plan’s goal, naming the field, and saves nothing', async () => {
    const before = await count(app, 'collaboration_activities');
    const goalId = plan.goals[0]!.id;
    const early = await mv.post(`/api/v1/work-plans/${plan.id}/activities`, activityInput(goalId, { startsOn: '2025-11-01' }));
    expect(early.status).toBe(400);
    expect(early.problem().errors).toMatchObject([
      { field: 'startsOn', code: 'outside_period', message: 'Aktiviteten måste ligga inom arbetsplanens period, 2026-01-01–2027-12-31' },
    ]);
    const late = await mv.post(`/api/v1/work-plans/${plan.id}/activities`, activityInput(goalId, { endsOn: '2028-02-01' }));
    expect(late.problem().errors).toMatchObject([{ field: 'endsOn', code: 'outside_period' }]);
    const backwards = await mv.post(`/api/v1/work-plans/${plan.id}/activities`, activityInput(goalId, { startsOn: '2026-05-01', endsOn: '2026-04-01' }));
    expect(backwards.problem().errors).toMatchObject([{ field: 'endsOn' }]);
    const otherGoal = await mv.post(`/api/v1/work-plans/${plan.id}/activities`, activityInput('00000000-0000-4000-8000-000000000000'));
    expect(otherGoal.problem().errors).toMatchObject([{ field: 'goalId', code: 'goal_unknown' }]);
    expect(await count(app, 'collaboration_activities')).toBe(before);
  });

  it('ties activities to goals with a responsible organisation, and marks those late against plan', async () => {
    const [goal, , second] = plan.goals;
    plan = (await mv.post(`/api/v1/work-plans/${plan.id}/activities`, activityInput(goal!.id))).json<WorkPlanDetail>();
    plan = (
      await mv.post(
        `/api/v1/work-plans/${plan.id}/activities`,
        activityInput(second!.id, { title: 'Kontaktlistor', responsibleOrganisationId: FK, startsOn: '2026-09-01', endsOn: '2027-03-31', status: 'planned' }),
      )
    ).json<WorkPlanDetail>();
    plan = (
      await mv.post(
        `/api/v1/work-plans/${plan.id}/activities`,
        activityInput(goal!.id, { title: 'Inventering', startsOn: '2026-01-15', endsOn: '2026-02-28', status: 'done' }),
      )
    ).json<WorkPlanDetail>();
    expect(plan.today).toBe('2026-11-23');
    expect(plan.activities.map((a) => [a.title, a.responsibleOrganisation.name, a.late])).toEqual([
      ['Inventering', 'Migrationsverket', null],
      ['Översätta informationsmaterialet', 'Migrationsverket', 'not_finished'],
      ['Kontaktlistor', 'Försäkringskassan', 'not_started'],
    ]);
    const translation = plan.activities[1]!;
    const moved = await mv.put(
      `/api/v1/work-plans/${plan.id}/activities/${translation.id}`,
      activityInput(goal!.id, { version: translation.version, endsOn: '2026-12-15' }),
    );
    expect(moved.json<WorkPlanDetail>().activities.find((a) => a.id === translation.id)?.late).toBeNull();
    const shrink = await mv.put(`/api/v1/work-plans/${plan.id}`, { ...planInput(body.id), periodStart: '2026-02-01', version: plan.version });
    expect(shrink.problem().errors).toMatchObject([{ field: 'periodStart', code: 'period_excludes_activities' }]);
    expect((await mv.delete(`/api/v1/work-plans/${plan.id}/goals/${goal!.id}`)).status).toBe(409);
  });

  let meeting: TestMeeting;

  it('shows the late activities in the coordinator’s overview', async () => {
    meeting = await createMeeting(app.database, body, { date: '2026-12-10', title: 'Kommande möte' });
    const overview = (await national.get('/api/v1/bodies/overview')).json<OverviewResponse>();
    expect(overview.bodies.find((b) => b.id === body.id)).toMatchObject({ lateActivities: 1, openDecisions: 0, nextMeeting: { title: 'Kommande möte' } });
    expect(overview.upcomingMeetings.map((m) => m.title)).toContain('Kommande möte');
    expect(overview.lateActivities.map((a) => [a.title, a.bodyName, a.late])).toEqual([['Kontaktlistor', body.name, 'not_started']]);
    expect((await mv.get('/api/v1/bodies/overview')).status).toBe(403);
  });

  let report: ReportDetail;

  it('generates the yearly report from the plan, its activities’ status and the decisions, editable until frozen', async () => {
    await app.database.system((tx) => insertTestDecision(tx, meeting));
    // A goal follows an indicator from follow-up (ADR 0062); linking it twice is refused naming the field.
    const goalId = (await mv.get(`/api/v1/work-plans/${plan.id}`)).json<WorkPlanDetail>().goals[0]!.id;
    const linked = await mv.post(`/api/v1/work-plans/${plan.id}/goals/${goalId}/indicators`, { indicatorCode: 'screening.share_asked' });
    expect(linked.status).toBe(201);
    expect(linked.json<WorkPlanDetail>().goals[0]!.indicators[0]).toMatchObject({ code: 'screening.share_asked', year: 2026, hasDataSource: true });
    expect(
      (await mv.post(`/api/v1/work-plans/${plan.id}/goals/${goalId}/indicators`, { indicatorCode: 'screening.share_asked' })).problem().errors,
    ).toMatchObject([{ field: 'indicatorCode', code: 'already_linked' }]);
    const outside = await mv.post(`/api/v1/work-plans/${plan.id}/reports`, { year: 2025 });
    expect(outside.problem().errors).toMatchObject([{ field: 'year', code: 'outside_period' }]);
    const created = await mv.post(`/api/v1/work-plans/${plan.id}/reports`, { year: 2026 });
    expect(created.status).toBe(201);
    report = created.json<ReportDetail>();
    expect(report.status).toBe('draft');
    expect(report.sections.map((s) => s.key)).toEqual(['purpose', 'baseline', 'goals', 'indicators', 'activities', 'decisions', 'assessment']);
    const text = Object.fromEntries(report.sections.map((s) => [s.key, s.text]));
    expect(text.indicators).toMatch(/^– .*: Andel frågetillfällen där frågan om våld ställdes — .* \(2026\), mål inget satt\.$/);
    expect(text.purpose).toBe('Samstämmig information om våld, skydd och stöd.');
    expect(text.baseline).toContain('Det som saknas: Kontaktlistor per kontor.');
    expect(text.goals).toContain('1. Klienter får information på ett språk de förstår\n   1.1 Materialet finns på fem språk');
    expect(text.activities).toContain('1 av 3 aktiviteter under 2026 är genomförda.');
    expect(text.activities).toContain('Kontaktlistor (Försäkringskassan, 2026-09-01–2027-03-31): planerad – försenad mot planen');
    expect(text.decisions).toBe('Beslut 2026:1 (2026-12-01): Ett beslut. Ansvarig: ingen angiven. Uppföljning: öppet');
    expect((await mv.post(`/api/v1/work-plans/${plan.id}/reports`, { year: 2026 })).problem().errors).toMatchObject([{ field: 'year', code: 'report_exists' }]);

    const edited = await mv.put(`/api/v1/work-plans/${plan.id}/reports/${report.id}`, {
      version: report.version,
      sections: [{ key: 'assessment', text: 'Översättningen blev försenad.' }],
    });
    report = edited.json<ReportDetail>();
    expect(report.sections.find((s) => s.key === 'assessment')?.text).toBe('Översättningen blev försenad.');
    expect(report.sections.find((s) => s.key === 'purpose')?.text).toBe('Samstämmig information om våld, skydd och stöd.');
  });

  it('freezes the report irreversibly, audited; only the convener or the keeper may', async () => {
    expect((await fk.post(`/api/v1/work-plans/${plan.id}/reports/${report.id}/freeze`, { version: report.version })).status).toBe(403);
    const frozen = await mv.post(`/api/v1/work-plans/${plan.id}/reports/${report.id}/freeze`, { version: report.version });
    expect(frozen.status).toBe(200);
    report = frozen.json<ReportDetail>();
    expect(report.status).toBe('frozen');
    const again = await mv.put(`/api/v1/work-plans/${plan.id}/reports/${report.id}`, {
      version: report.version,
      sections: [{ key: 'assessment', text: 'Ändrat i efterhand' }],
    });
    expect(again.status).toBe(409);
    expect(again.problem().detail).toBe('Redovisningen är fryst och kan inte ändras');
    const audit = await app.database.system((tx) =>
      queryRows<{ actor_id: string; details: { change: string } }>(
        tx,
        sql`select actor_id, details from audit_events where record_id = ${report.id} order by seq`,
      ),
    );
    expect(audit.map((e) => e.details.change)).toEqual(['created', 'updated', 'frozen']);
    expect(audit.at(-1)?.actor_id).toBe(mvCoordinator.id);
    // Not even the owner of the tables can change a frozen report.
    await expect(
      app.database.system((tx) => tx.execute(sql`update collaboration_reports set sections = '[]'::jsonb where id = ${report.id}`)),
    ).rejects.toThrow();
  });
});
