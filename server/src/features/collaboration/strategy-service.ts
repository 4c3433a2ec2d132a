import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  consultationRequest,
  createStrategyProcessRequest,
  respondentRequest,
  responseRequest,
  stepRequest,
  StrategyProcessDetail,
  StrategyProcessSummary,
  updateStepRequest,
  updateStrategyProcessRequest,
} from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { statutoryDeadline } from '#shared/time/holidays.ts';
import { addDays } from '#shared/time/stockholm.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import { organisationExists } from './body-repository.ts';
import { auditChange, versionConflict, type Caller } from './caller.ts';
import { collaborationMessages } from './messages.ts';
import {
  consultationsOf,
  countyExists,
  deleteRespondent,
  deleteStep,
  findConsultation,
  findProcess,
  insertConsultation,
  insertProcess,
  insertRespondent,
  insertStep,
  listProcesses,
  respondentsOf,
  respondentTaken,
  stepsOf,
  updateProcess,
  updateRespondent,
  updateStep,
  type ProcessRow,
} from './strategy-repository.ts';

/**
 * The county strategy process (Länsstyrelsen Dalarna 2021, "Arbetsprocess vid utformning av
 * strategin"): an activity plan of steps — step, activity, deadline, challenge, responsible — and
 * consultation rounds with the organisations that answer. Kept by the county board (ADR 0063).
 */

type CreateProcess = z.output<typeof createStrategyProcessRequest>;
type UpdateProcess = z.output<typeof updateStrategyProcessRequest>;
type NewStep = z.output<typeof stepRequest>;
type ChangeStep = z.output<typeof updateStepRequest>;
type NewConsultation = z.output<typeof consultationRequest>;
type NewRespondent = z.output<typeof respondentRequest>;
type Response = z.output<typeof responseRequest>;

const messages = collaborationMessages;

/**
 * The template's steps and when each is due, in weeks from the start, after the Dalarna plan
 * (start-up in September, working group October–November, consultation November–December,
 * adoption January–February, implementation March–June).
 */
const TEMPLATE = [
  { key: 'step1', weeks: 0 },
  { key: 'step2', weeks: 8 },
  { key: 'step3', weeks: 10 },
  { key: 'step4', weeks: 12 },
  { key: 'step5', weeks: 18 },
  { key: 'step6', weeks: 24 },
  { key: 'step7', weeks: 40 },
] as const;

/**
 * A computed deadline never falls on a weekend, a public holiday or midsummer, Christmas or New
 * Year's eve: it moves to the next working day (lag (1930:173), shared/time/holidays.ts).
 */
export function deadlineAfter(start: string, weeks: number): string {
  return statutoryDeadline(addDays(start, weeks * 7));
}

export function templateSteps(startsOn: string, organisation: string, locale: 'sv' | 'en') {
  const t = messages[locale].template;
  return TEMPLATE.map(({ key, weeks }, index) => ({
    step: t[key].step,
    activity: t[key].activity,
    challenge: t[key].challenge,
    deadline: deadlineAfter(startsOn, weeks),
    responsible: index === TEMPLATE.length - 1 ? interpolate(t.responsibleWithGroup, { organisation }) : organisation,
    status: 'not_started' as const,
  }));
}

function summaryOf(row: ProcessRow): StrategyProcessSummary {
  return {
    id: row.id,
    title: row.title,
    county: row.county_code ? { code: row.county_code, name: row.county_name ?? '' } : null,
    status: row.status,
    startsOn: row.starts_on,
    steps: row.steps,
    nextDeadline: row.next_deadline,
  };
}

/** Only county strategists change processes; everyone with collaboration.read in the county board reads them. */
function requireStrategist(caller: Caller): void {
  if (!caller.canStrategy) throw new AppError('forbidden');
}

async function processOf(tx: Tx, id: string): Promise<ProcessRow> {
  const row = await findProcess(tx, id);
  if (!row) throw notFound();
  return row;
}

async function checkCounty(tx: Tx, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  if (!(await countyExists(tx, code)))
    throw invalidField(
      'countyCode',
      'county_unknown',
      pick(messages, (m) => m.errors.countyUnknown),
    );
  return code;
}

export async function listStrategyProcesses(tx: Tx): Promise<StrategyProcessSummary[]> {
  return (await listProcesses(tx)).map(summaryOf);
}

export async function strategyProcessDetail(tx: Tx, caller: Caller, id: string): Promise<StrategyProcessDetail> {
  const row = await processOf(tx, id);
  const consultations = await consultationsOf(tx, id);
  const respondents = await respondentsOf(
    tx,
    consultations.map((c) => c.id),
  );
  return {
    ...summaryOf(row),
    description: row.description,
    version: row.version,
    stepList: (await stepsOf(tx, id)).map((step) => ({ ...step, overdue: step.status !== 'done' && step.deadline < caller.today })),
    consultations: consultations.map((c) => ({
      id: c.id,
      title: c.title,
      sentOn: c.sent_on,
      answerWeeks: c.answer_weeks,
      respondBy: c.respond_by,
      respondents: respondents
        .filter((r) => r.consultation_id === c.id)
        .map((r) => ({
          id: r.id,
          organisationId: r.organisation_id,
          name: r.name,
          status: r.status,
          answeredOn: r.answered_on,
          answer: r.answer,
          version: r.version,
        })),
    })),
    today: caller.today,
    mayManage: caller.canStrategy,
  };
}

export async function createStrategyProcess(tx: Tx, caller: Caller, input: CreateProcess): Promise<string> {
  requireStrategist(caller);
  const countyCode = await checkCounty(tx, input.countyCode);
  const id = await insertProcess(tx, caller.tenantId, caller.userId, {
    title: input.title,
    countyCode,
    description: input.description ?? null,
    startsOn: input.startsOn,
  });
  if (input.useTemplate) {
    const [owner] = await queryRows<{ name: string }>(tx, sql`select name from organisations where id = ${caller.tenantId}`);
    for (const step of templateSteps(input.startsOn, owner?.name ?? '', caller.locale)) await insertStep(tx, { id, tenantId: caller.tenantId }, step);
  }
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: id,
    recordTenantId: caller.tenantId,
    change: 'created',
  });
  return id;
}

export async function changeStrategyProcess(tx: Tx, caller: Caller, id: string, input: UpdateProcess): Promise<void> {
  requireStrategist(caller);
  await processOf(tx, id);
  const countyCode = await checkCounty(tx, input.countyCode);
  const updated = await updateProcess(
    tx,
    id,
    input.version,
    { title: input.title, countyCode, description: input.description ?? null, startsOn: input.startsOn, status: input.status },
    caller.now,
  );
  if (!updated) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: id,
    recordTenantId: caller.tenantId,
    change: 'updated',
  });
}

const stepValues = (input: NewStep) => ({
  step: input.step,
  activity: input.activity,
  deadline: input.deadline,
  challenge: input.challenge ?? null,
  responsible: input.responsible,
  status: input.status,
});

export async function addStep(tx: Tx, caller: Caller, processId: string, input: NewStep): Promise<string> {
  requireStrategist(caller);
  const process = await processOf(tx, processId);
  const id = await insertStep(tx, { id: process.id, tenantId: process.tenant_id }, stepValues(input));
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'step_added',
  });
  return id;
}

export async function changeStep(tx: Tx, caller: Caller, processId: string, stepId: string, input: ChangeStep): Promise<void> {
  requireStrategist(caller);
  const process = await processOf(tx, processId);
  if (!(await stepsOf(tx, processId)).some((step) => step.id === stepId)) throw notFound();
  if (!(await updateStep(tx, processId, stepId, input.version, stepValues(input)))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'step_changed',
  });
}

export async function removeStep(tx: Tx, caller: Caller, processId: string, stepId: string): Promise<void> {
  requireStrategist(caller);
  const process = await processOf(tx, processId);
  if (!(await deleteStep(tx, processId, stepId))) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'step_removed',
  });
}

/** A consultation round: the answer date is computed from the period and moved to a working day. */
export async function addConsultation(tx: Tx, caller: Caller, processId: string, input: NewConsultation): Promise<string> {
  requireStrategist(caller);
  const process = await processOf(tx, processId);
  const id = await insertConsultation(
    tx,
    { id: process.id, tenantId: process.tenant_id },
    { ...input, respondBy: deadlineAfter(input.sentOn, input.answerWeeks) },
  );
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'consultation_added',
  });
  return id;
}

async function consultationOf(tx: Tx, processId: string, consultationId: string) {
  const process = await processOf(tx, processId);
  const consultation = await findConsultation(tx, processId, consultationId);
  if (!consultation) throw notFound();
  return { process, consultation };
}

export async function addRespondent(tx: Tx, caller: Caller, processId: string, consultationId: string, input: NewRespondent): Promise<string> {
  requireStrategist(caller);
  const { process, consultation } = await consultationOf(tx, processId, consultationId);
  const organisationId = input.organisationId ?? null;
  const organisationName = input.organisationName ?? null;
  if (organisationId && !(await organisationExists(tx, organisationId))) {
    throw invalidField(
      'organisationId',
      'organisation_unknown',
      pick(messages, (m) => m.errors.organisationUnknown),
    );
  }
  if (await respondentTaken(tx, consultation.id, organisationId, organisationName)) {
    throw invalidField(
      organisationId ? 'organisationId' : 'organisationName',
      'respondent_taken',
      pick(messages, (m) => m.errors.respondentTaken),
    );
  }
  const id = await insertRespondent(tx, { id: consultation.id, tenantId: process.tenant_id }, { organisationId, organisationName });
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'respondent_added',
  });
  return id;
}

export async function recordResponse(tx: Tx, caller: Caller, processId: string, consultationId: string, respondentId: string, input: Response): Promise<void> {
  requireStrategist(caller);
  const { process } = await consultationOf(tx, processId, consultationId);
  if (!(await respondentsOf(tx, [consultationId])).some((r) => r.id === respondentId)) throw notFound();
  const values = { status: input.status, answeredOn: input.status === 'answered' ? (input.answeredOn ?? null) : null, answer: input.answer ?? null };
  if (!(await updateRespondent(tx, consultationId, respondentId, input.version, values))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'response_recorded',
  });
}

export async function removeRespondent(tx: Tx, caller: Caller, processId: string, consultationId: string, respondentId: string): Promise<void> {
  requireStrategist(caller);
  const { process } = await consultationOf(tx, processId, consultationId);
  if (!(await deleteRespondent(tx, consultationId, respondentId))) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.strategy',
    recordType: 'strategy_process',
    recordId: processId,
    recordTenantId: process.tenant_id,
    change: 'respondent_removed',
  });
}
