import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ActivityStatus, BodyKind, MemberRole } from '#shared/contracts/collaboration.ts';
import { queryRows, type Database, type Tx } from '../../platform/db/database.ts';
import { stockholmInstant } from './local-time.ts';

/**
 * Test data for collaboration (conventions: `createX(partial)` fills the rest and creates the
 * parents). Rows are written as the owner, as seeding does; the routes under test then read and
 * change them as the caller.
 */
const unique = () => crypto.randomBytes(8).toString('hex');

export type TestBody = { id: string; tenantId: string; name: string };
export type TestMember = { organisationId: string; role?: MemberRole; userId?: string | null; personName?: string | null };

export async function insertTestBody(
  tx: Tx,
  partial: {
    tenantId: string;
    createdBy?: string | null;
    kind?: BodyKind;
    name?: string;
    leadingOrganisationId?: string;
    members?: TestMember[];
    active?: boolean;
  },
): Promise<TestBody> {
  const name = partial.name ?? `Grupp ${unique()}`;
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_bodies (tenant_id, kind, name, leading_organisation_id, responsibility_areas, meeting_cadence, created_by, active)
        values (${partial.tenantId}, ${partial.kind ?? 'development'}, ${name}, ${partial.leadingOrganisationId ?? partial.tenantId}, '{information}'::text[],
                'every_six_weeks', ${partial.createdBy ?? null}, ${partial.active ?? true})
        returning id`,
  );
  const body = { id: row!.id, tenantId: partial.tenantId, name };
  for (const member of partial.members ?? []) await insertTestMember(tx, body, member);
  return body;
}

export async function insertTestMember(tx: Tx, body: TestBody, member: TestMember): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_body_members (body_id, tenant_id, organisation_id, role, person_name, user_id)
        values (${body.id}, ${body.tenantId}, ${member.organisationId}, ${member.role ?? 'member'},
                ${member.personName === undefined ? `Person ${unique()}` : member.personName}, ${member.userId ?? null})
        returning id`,
  );
  return row!.id;
}

export function createBody(database: Database, partial: Parameters<typeof insertTestBody>[1]): Promise<TestBody> {
  return database.system((tx) => insertTestBody(tx, partial));
}

export type TestMeeting = { id: string; bodyId: string; tenantId: string };

export async function insertTestMeeting(
  tx: Tx,
  body: TestBody,
  partial: { date?: string; start?: string; end?: string; title?: string; createdBy?: string | null } = {},
): Promise<TestMeeting> {
  const date = partial.date ?? '2026-12-01';
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_meetings (body_id, tenant_id, title, starts_at, ends_at, location, created_by)
        values (${body.id}, ${body.tenantId}, ${partial.title ?? 'Möte'}, ${stockholmInstant(date, partial.start ?? '10:00')!.toISOString()}::timestamptz,
                ${stockholmInstant(date, partial.end ?? '12:00')!.toISOString()}::timestamptz, 'Stockholm', ${partial.createdBy ?? null})
        returning id`,
  );
  return { id: row!.id, bodyId: body.id, tenantId: body.tenantId };
}

export function createMeeting(database: Database, body: TestBody, partial: Parameters<typeof insertTestMeeting>[2] = {}): Promise<TestMeeting> {
  return database.system((tx) => insertTestMeeting(tx, body, partial));
}

export async function insertTestDecision(tx: Tx, meeting: TestMeeting, partial: { status?: string } = {}): Promise<string> {
  const [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from collaboration_decisions where body_id = ${meeting.bodyId}`);
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_decisions (meeting_id, body_id, tenant_id, year, number, decided_on, text, status)
        values (${meeting.id}, ${meeting.bodyId}, ${meeting.tenantId}, 2026, ${count!.n + 1}, '2026-12-01', 'Ett beslut', ${partial.status ?? 'open'})
        returning id`,
  );
  return row!.id;
}

export async function insertTestAttachment(tx: Tx, meeting: TestMeeting): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_attachments (meeting_id, body_id, tenant_id, filename, kind, size_bytes, sha256, content)
        values (${meeting.id}, ${meeting.bodyId}, ${meeting.tenantId}, 'Bilaga.pdf', 'pdf', 4, ${'0'.repeat(64)}, decode('25504446', 'hex'))
        returning id`,
  );
  return row!.id;
}

export type TestPlan = { id: string; bodyId: string; tenantId: string; goalId: string };

/** A plan for 2026–2027 with one goal. */
export async function insertTestPlan(tx: Tx, body: TestBody, partial: { periodStart?: string; periodEnd?: string } = {}): Promise<TestPlan> {
  const [plan] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_work_plans (body_id, tenant_id, title, period_start, period_end, purpose)
        values (${body.id}, ${body.tenantId}, 'Arbetsplan', ${partial.periodStart ?? '2026-01-01'}::date, ${partial.periodEnd ?? '2027-12-31'}::date, 'Syfte')
        returning id`,
  );
  const [goal] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_goals (plan_id, body_id, tenant_id, position, title) values (${plan!.id}, ${body.id}, ${body.tenantId}, 0, 'Mål') returning id`,
  );
  return { id: plan!.id, bodyId: body.id, tenantId: body.tenantId, goalId: goal!.id };
}

export function createPlan(database: Database, body: TestBody, partial: Parameters<typeof insertTestPlan>[2] = {}): Promise<TestPlan> {
  return database.system((tx) => insertTestPlan(tx, body, partial));
}

export async function insertTestActivity(
  tx: Tx,
  plan: TestPlan,
  partial: { startsOn?: string; endsOn?: string; status?: ActivityStatus; title?: string } = {},
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_activities (plan_id, goal_id, body_id, tenant_id, title, responsible_organisation_id, starts_on, ends_on, status)
        values (${plan.id}, ${plan.goalId}, ${plan.bodyId}, ${plan.tenantId}, ${partial.title ?? 'Aktivitet'}, ${plan.tenantId},
                ${partial.startsOn ?? '2026-03-01'}::date, ${partial.endsOn ?? '2026-06-30'}::date, ${partial.status ?? 'planned'})
        returning id`,
  );
  return row!.id;
}

export async function insertTestReport(tx: Tx, plan: TestPlan, year = 2026): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_reports (plan_id, body_id, tenant_id, year, sections, generated_at)
        values (${plan.id}, ${plan.bodyId}, ${plan.tenantId}, ${year}, '[{"key":"purpose","text":"Syfte"}]'::jsonb, app_now())
        returning id`,
  );
  return row!.id;
}

export type TestProcess = { id: string; tenantId: string; stepId: string; consultationId: string; respondentId: string };

export async function insertTestProcess(tx: Tx, partial: { tenantId: string; createdBy?: string | null }): Promise<TestProcess> {
  const [process] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_processes (tenant_id, title, county_code, starts_on, created_by) values (${partial.tenantId}, 'Strategi', '20', '2026-09-01', ${partial.createdBy ?? null}) returning id`,
  );
  const [step] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_steps (process_id, tenant_id, position, step, activity, deadline, responsible)
        values (${process!.id}, ${partial.tenantId}, 0, 'Uppstart', 'Möte', '2026-09-08', 'Länsstyrelsen') returning id`,
  );
  const [consultation] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_consultations (process_id, tenant_id, title, sent_on, answer_weeks, respond_by)
        values (${process!.id}, ${partial.tenantId}, 'Remiss', '2026-11-02', 6, '2026-12-14') returning id`,
  );
  const [respondent] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_consultation_responses (consultation_id, tenant_id, organisation_name) values (${consultation!.id}, ${partial.tenantId}, ${`Organisation ${unique()}`}) returning id`,
  );
  return { id: process!.id, tenantId: partial.tenantId, stepId: step!.id, consultationId: consultation!.id, respondentId: respondent!.id };
}

export function createProcess(database: Database, partial: Parameters<typeof insertTestProcess>[1]): Promise<TestProcess> {
  return database.system((tx) => insertTestProcess(tx, partial));
}
