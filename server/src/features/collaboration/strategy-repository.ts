import { sql } from 'drizzle-orm';
import { PROCESS_STATUSES, RESPONSE_STATUSES, STEP_STATUSES } from '#shared/contracts/collaboration.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';

/** SQL of county strategy processes: owner-only rows (ADR 0063). */

type ProcessStatus = (typeof PROCESS_STATUSES)[number];
type StepStatus = (typeof STEP_STATUSES)[number];
type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

const day = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

export type ProcessRow = {
  id: string;
  tenant_id: string;
  title: string;
  county_code: string | null;
  county_name: string | null;
  description: string | null;
  starts_on: string;
  status: ProcessStatus;
  version: number;
  steps: number;
  next_deadline: string | null;
};

const PROCESS_SELECT = sql`
  select p.id, p.tenant_id, p.title, p.county_code, c.name as county_name, p.description, ${day('p.starts_on')} as starts_on, p.status, p.version,
         (select count(*)::int from strategy_steps s where s.process_id = p.id) as steps,
         (select ${day('min(s.deadline)')} from strategy_steps s where s.process_id = p.id and s.status <> 'done') as next_deadline
    from strategy_processes p left join counties c on c.code = p.county_code`;

export async function listProcesses(tx: Tx): Promise<ProcessRow[]> {
  return queryRows<ProcessRow>(tx, sql`${PROCESS_SELECT} order by p.starts_on desc, p.title`);
}

export async function findProcess(tx: Tx, id: string): Promise<ProcessRow | undefined> {
  const [row] = await queryRows<ProcessRow>(tx, sql`${PROCESS_SELECT} where p.id = ${id}`);
  return row;
}

export async function countyExists(tx: Tx, code: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(tx, sql`select exists (select 1 from counties where code = ${code}) as found`);
  return row?.found === true;
}

export type ProcessValues = { title: string; countyCode: string | null; description: string | null; startsOn: string };

export async function insertProcess(tx: Tx, tenantId: string, createdBy: string | null, values: ProcessValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_processes (tenant_id, title, county_code, description, starts_on, created_by)
        values (${tenantId}, ${values.title}, ${values.countyCode}, ${values.description}, ${values.startsOn}::date, ${createdBy}) returning id`,
  );
  return row!.id;
}

export async function updateProcess(tx: Tx, id: string, version: number, values: ProcessValues & { status: ProcessStatus }, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update strategy_processes
           set title = ${values.title}, county_code = ${values.countyCode}, description = ${values.description}, starts_on = ${values.startsOn}::date,
               status = ${values.status}, version = version + 1, updated_at = ${now.toISOString()}::timestamptz
         where id = ${id} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export type StepRow = {
  id: string;
  position: number;
  step: string;
  activity: string;
  deadline: string;
  challenge: string | null;
  responsible: string;
  status: StepStatus;
  version: number;
};

export async function stepsOf(tx: Tx, processId: string): Promise<StepRow[]> {
  return queryRows<StepRow>(
    tx,
    sql`select id, position, step, activity, ${day('deadline')} as deadline, challenge, responsible, status, version
          from strategy_steps where process_id = ${processId} order by position`,
  );
}

export type StepValues = { step: string; activity: string; deadline: string; challenge: string | null; responsible: string; status: StepStatus };

export async function insertStep(tx: Tx, process: { id: string; tenantId: string }, values: StepValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_steps (process_id, tenant_id, position, step, activity, deadline, challenge, responsible, status)
        select ${process.id}, ${process.tenantId}, coalesce(max(position) + 1, 0), ${values.step}, ${values.activity}, ${values.deadline}::date,
               ${values.challenge}, ${values.responsible}, ${values.status}
          from strategy_steps where process_id = ${process.id}
        returning id`,
  );
  return row!.id;
}

export async function updateStep(tx: Tx, processId: string, stepId: string, version: number, values: StepValues): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update strategy_steps
           set step = ${values.step}, activity = ${values.activity}, deadline = ${values.deadline}::date, challenge = ${values.challenge},
               responsible = ${values.responsible}, status = ${values.status}, version = version + 1
         where id = ${stepId} and process_id = ${processId} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export async function deleteStep(tx: Tx, processId: string, stepId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`delete from strategy_steps where id = ${stepId} and process_id = ${processId} returning id`);
  return rows.length === 1;
}

export type ConsultationRow = { id: string; title: string; sent_on: string; answer_weeks: number; respond_by: string };

export async function consultationsOf(tx: Tx, processId: string): Promise<ConsultationRow[]> {
  return queryRows<ConsultationRow>(
    tx,
    sql`select id, title, ${day('sent_on')} as sent_on, answer_weeks, ${day('respond_by')} as respond_by
          from strategy_consultations where process_id = ${processId} order by sent_on, created_at`,
  );
}

export async function findConsultation(tx: Tx, processId: string, consultationId: string): Promise<ConsultationRow | undefined> {
  const [row] = await queryRows<ConsultationRow>(
    tx,
    sql`select id, title, ${day('sent_on')} as sent_on, answer_weeks, ${day('respond_by')} as respond_by
          from strategy_consultations where id = ${consultationId} and process_id = ${processId}`,
  );
  return row;
}

export async function insertConsultation(
  tx: Tx,
  process: { id: string; tenantId: string },
  values: { title: string; sentOn: string; answerWeeks: number; respondBy: string },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_consultations (process_id, tenant_id, title, sent_on, answer_weeks, respond_by)
        values (${process.id}, ${process.tenantId}, ${values.title}, ${values.sentOn}::date, ${values.answerWeeks}, ${values.respondBy}::date) returning id`,
  );
  return row!.id;
}

export type RespondentRow = {
  id: string;
  consultation_id: string;
  organisation_id: string | null;
  name: string;
  status: ResponseStatus;
  answered_on: string | null;
  answer: string | null;
  version: number;
};

export async function respondentsOf(tx: Tx, consultationIds: string[]): Promise<RespondentRow[]> {
  if (consultationIds.length === 0) return [];
  return queryRows<RespondentRow>(
    tx,
    sql`select r.id, r.consultation_id, r.organisation_id, coalesce(o.name, r.organisation_name) as name, r.status,
               ${day('r.answered_on')} as answered_on, r.answer, r.version
          from strategy_consultation_responses r left join organisations o on o.id = r.organisation_id
         where r.consultation_id in (${sql.join(
           consultationIds.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
         order by coalesce(o.name, r.organisation_name)`,
  );
}

export async function respondentTaken(tx: Tx, consultationId: string, organisationId: string | null, organisationName: string | null): Promise<boolean> {
  const [row] = await queryRows<{ taken: boolean }>(
    tx,
    sql`select exists (
          select 1 from strategy_consultation_responses r left join organisations o on o.id = r.organisation_id
           where r.consultation_id = ${consultationId}
             and (r.organisation_id = ${organisationId}::uuid or lower(coalesce(o.name, r.organisation_name)) = lower(${organisationName ?? ''}))
        ) as taken`,
  );
  return row?.taken === true;
}

export async function insertRespondent(
  tx: Tx,
  consultation: { id: string; tenantId: string },
  values: { organisationId: string | null; organisationName: string | null },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into strategy_consultation_responses (consultation_id, tenant_id, organisation_id, organisation_name)
        values (${consultation.id}, ${consultation.tenantId}, ${values.organisationId}, ${values.organisationName}) returning id`,
  );
  return row!.id;
}

export async function updateRespondent(
  tx: Tx,
  consultationId: string,
  respondentId: string,
  version: number,
  values: { status: ResponseStatus; answeredOn: string | null; answer: string | null },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update strategy_consultation_responses
           set status = ${values.status}, answered_on = ${values.answeredOn}::date, answer = ${values.answer}, version = version + 1
         where id = ${respondentId} and consultation_id = ${consultationId} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export async function deleteRespondent(tx: Tx, consultationId: string, respondentId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`delete from strategy_consultation_responses where id = ${respondentId} and consultation_id = ${consultationId} returning id`,
  );
  return rows.length === 1;
}
