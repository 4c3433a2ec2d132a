import crypto from 'node:crypto';
import type { z } from 'zod';
import {
  COMPETENCE_TOPICS,
  type Completion,
  type Course,
  type CompetenceTopic,
  type courseInput,
  type planEntryInput,
  type planEntryUpdate,
  type planInput,
  type planParticipantInput,
  type recordCompletionRequest,
  type requirementInput,
  type SharesReport,
  type supervisionInput,
  type updateRequirementRequest,
} from '#shared/contracts/competence.ts';
import type { Scope } from '#shared/auth/roles.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick, type Localized } from '../../platform/errors/app-error.ts';
import { requirementTrend, sharesOn, trendDates } from './competence-measures.ts';
import * as repository from './competence-repository.ts';
import { competenceMessages } from './messages.ts';

/**
 * The competence feature's rules (issue 6), without HTTP. Every function takes the caller's
 * transaction (row-level security limits it to the caller's organisation) and the caller's reach
 * for the route's action, which the service applies: `own` → the caller's own completions,
 * `unit` → the acting unit and the units below it, `agency` → the whole organisation.
 */
export type Caller = { tenantId: string; userId: string | null; scope: Scope | undefined; unitScopeIds: readonly string[]; actingUnitId: string | null };

const errorText = (select: (m: (typeof competenceMessages)['sv']['errors']) => string, params: Record<string, string> = {}): Localized => ({
  sv: interpolate(select(competenceMessages.sv.errors), params),
  en: interpolate(select(competenceMessages.en.errors), params),
});
const versionConflict = () => new AppError('version_conflict', { detail: pick(competenceMessages, (m) => m.errors.versionConflict) });

/** The units a `unit` grant reaches; null = the whole organisation (row-level security). */
export function unitReach(caller: Caller): readonly string[] | null {
  return caller.scope === 'unit' ? caller.unitScopeIds : null;
}

// ---- Catalogue
function toCourse(row: repository.CourseRow, tenantId: string): Course {
  return {
    id: row.id,
    title: row.title,
    provider: row.provider,
    format: row.format,
    lengthMinutes: row.lengthMinutes,
    topics: row.topics,
    targetRoles: row.targetRoles,
    introduction: row.introduction,
    url: row.url,
    description: row.description,
    shared: row.shared,
    own: row.tenantId === tenantId,
    ownerName: row.ownerName,
    active: row.active,
    version: row.version,
    demo: row.demo,
  };
}

export async function listCourses(tx: Tx, caller: Caller): Promise<Course[]> {
  return (await repository.listCourseRows(tx)).map((row) => toCourse(row, caller.tenantId));
}

export async function getCourse(tx: Tx, caller: Caller, id: string): Promise<Course> {
  const [row] = await repository.listCourseRows(tx, id);
  if (!row) throw notFound();
  return toCourse(row, caller.tenantId);
}

export async function createCourse(tx: Tx, caller: Caller, input: z.output<typeof courseInput>, options: { demo?: boolean } = {}): Promise<Course> {
  const id = await repository.insertCourse(tx, {
    tenantId: caller.tenantId,
    createdBy: caller.userId,
    title: input.title,
    provider: input.provider,
    format: input.format,
    lengthMinutes: input.lengthMinutes ?? null,
    topics: input.topics,
    targetRoles: input.targetRoles,
    introduction: input.introduction,
    url: input.url ?? null,
    description: input.description ?? null,
    shared: input.shared,
    demo: options.demo ?? false,
  });
  return getCourse(tx, caller, id);
}

export async function updateCourse(
  tx: Tx,
  caller: Caller,
  id: string,
  input: z.output<typeof courseInput> & { version: number; active: boolean },
  now: Date,
): Promise<Course> {
  const current = await getCourse(tx, caller, id);
  // A shared course of another organisation is readable, never changeable: as if it did not exist.
  if (!current.own) throw notFound();
  const changed = await repository.updateCourse(tx, id, input.version, {
    title: input.title,
    provider: input.provider,
    format: input.format,
    lengthMinutes: input.lengthMinutes ?? null,
    topics: input.topics,
    targetRoles: input.targetRoles,
    introduction: input.introduction,
    url: input.url ?? null,
    description: input.description ?? null,
    shared: input.shared,
    active: input.active,
    updatedAt: now,
  });
  if (!changed) throw versionConflict();
  return getCourse(tx, caller, id);
}

// ---- Requirements
function toRequirement(row: repository.RequirementRow) {
  return {
    id: row.id,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    unitId: row.unitId,
    unitName: row.unitName,
    roles: row.roles,
    deadline: row.deadline,
    note: row.note,
    active: row.active,
    version: row.version,
  };
}

export async function listRequirements(tx: Tx) {
  return (await repository.listRequirementRows(tx)).map(toRequirement);
}

export async function createRequirement(tx: Tx, caller: Caller, input: z.output<typeof requirementInput>, options: { demo?: boolean } = {}) {
  if ((await repository.knownCourses(tx, [input.courseId])).size === 0)
    throw invalidField(
      'courseId',
      'unknown_course',
      errorText((m) => m.unknownCourse),
    );
  if (input.unitId && !(await repository.ownUnit(tx, input.unitId)))
    throw invalidField(
      'unitId',
      'unknown_unit',
      errorText((m) => m.unknownUnit),
    );
  const id = await repository.insertRequirement(tx, {
    tenantId: caller.tenantId,
    courseId: input.courseId,
    unitId: input.unitId ?? null,
    roles: [...new Set(input.roles)],
    deadline: input.deadline,
    note: input.note ?? null,
    createdBy: caller.userId,
    demo: options.demo ?? false,
  });
  const [row] = await repository.listRequirementRows(tx, id);
  return toRequirement(row!);
}

export async function updateRequirement(tx: Tx, id: string, input: z.output<typeof updateRequirementRequest>) {
  const [current] = await repository.listRequirementRows(tx, id);
  if (!current) throw notFound();
  if (
    !(await repository.updateRequirement(tx, id, input.version, {
      roles: [...new Set(input.roles)],
      deadline: input.deadline,
      note: input.note ?? null,
      active: input.active,
    }))
  )
    throw versionConflict();
  const [row] = await repository.listRequirementRows(tx, id);
  return toRequirement(row!);
}

// ---- Completions
function toCompletion(row: repository.CompletionRow): Completion {
  return {
    id: row.id,
    personId: row.userId,
    personName: row.personName,
    unitId: row.unitId,
    unitName: row.unitName,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    completedOn: row.completedOn,
    source: row.source,
    status: row.status,
    confirmedAt: row.confirmedAt ? new Date(row.confirmedAt).toISOString() : null,
    version: row.version,
  };
}

/**
 * Records a completed course: the caller's own (waits for a manager's confirmation), or — with a
 * `unit` or `agency` reach — a staff member's, confirmed at once by the one who records it.
 * Unknown course or person, a future date and a duplicate are refused with the field named.
 */
export async function recordCompletion(tx: Tx, caller: Caller, input: z.output<typeof recordCompletionRequest>, now: Date): Promise<Completion> {
  const today = stockholmDate(now);
  const personId = input.personId ?? caller.userId;
  if (!personId)
    throw invalidField(
      'personId',
      'required',
      errorText((m) => m.unknownPerson),
    );
  const own = personId === caller.userId;
  if (!own && caller.scope === 'own') throw new AppError('forbidden', { detail: errorText((m) => m.personOutsideScope) });
  if ((await repository.knownCourses(tx, [input.courseId])).size === 0)
    throw invalidField(
      'courseId',
      'unknown_course',
      errorText((m) => m.unknownCourse),
    );
  if (input.completedOn > today)
    throw invalidField(
      'completedOn',
      'date_in_future',
      errorText((m) => m.futureDate, { date: input.completedOn }),
    );
  const found = await repository.person(tx, personId, today);
  if (!found || found.unitIds.length === 0)
    throw invalidField(
      'personId',
      'unknown_person',
      errorText((m) => m.unknownPerson),
    );
  const reach = unitReach(caller);
  const inReach = found.unitIds.filter((unitId) => !reach || reach.includes(unitId));
  if (!own && inReach.length === 0)
    throw invalidField(
      'personId',
      'person_outside_scope',
      errorText((m) => m.personOutsideScope),
    );
  if (await repository.completionExists(tx, personId, input.courseId, input.completedOn)) {
    throw new AppError('conflict', {
      errors: [{ field: 'completedOn', location: 'body', code: 'duplicate', message: errorText((m) => m.duplicateCompletion) }],
    });
  }
  const unitId = own && caller.actingUnitId && found.unitIds.includes(caller.actingUnitId) ? caller.actingUnitId : (inReach[0] ?? found.unitIds[0]!);
  const id = crypto.randomUUID();
  await repository.insertCompletions(tx, [
    {
      id,
      tenantId: caller.tenantId,
      userId: personId,
      unitId,
      courseId: input.courseId,
      completedOn: input.completedOn,
      source: own ? 'self' : 'manager',
      status: own ? 'recorded' : 'confirmed',
      recordedBy: caller.userId,
      confirmedBy: own ? null : caller.userId,
      confirmedAt: own ? null : now,
    },
  ]);
  const [row] = await repository.listCompletionRows(tx, { id });
  return toCompletion(row!);
}

/** Completions the caller's reach covers: their own (`own`), their units' (`unit`), or all. */
export async function listCompletions(
  tx: Tx,
  caller: Caller,
  query: { status?: 'recorded' | 'confirmed' | undefined; personId?: string | undefined; mine?: boolean },
): Promise<Completion[]> {
  const onlyOwn = caller.scope === 'own' || query.mine === true;
  if (onlyOwn && !caller.userId) return [];
  const rows = await repository.listCompletionRows(tx, {
    ...(onlyOwn ? { userId: caller.userId! } : query.personId ? { userId: query.personId } : {}),
    ...(!onlyOwn && caller.scope === 'unit' ? { unitIds: caller.unitScopeIds } : {}),
    ...(query.status ? { status: query.status } : {}),
  });
  return rows.map(toCompletion);
}

/** A manager or coordinator confirms a recorded completion in their reach; never their own. */
export async function confirmCompletion(tx: Tx, caller: Caller, id: string, version: number, now: Date): Promise<Completion> {
  const [row] = await repository.listCompletionRows(tx, { id });
  const reach = unitReach(caller);
  if (!row || (reach && !reach.includes(row.unitId))) throw notFound();
  if (row.userId === caller.userId) throw new AppError('forbidden', { detail: errorText((m) => m.ownConfirmation) });
  if (row.status === 'confirmed') throw new AppError('conflict', { detail: errorText((m) => m.alreadyConfirmed) });
  if (!(await repository.confirmCompletion(tx, id, version, caller.userId, now))) throw versionConflict();
  const [updated] = await repository.listCompletionRows(tx, { id });
  return toCompletion(updated!);
}

// ---- Shares of staff trained against requirements
export async function sharesReport(tx: Tx, caller: Caller, query: { on?: string | undefined; months: number }, now: Date): Promise<SharesReport> {
  const on = query.on ?? stockholmDate(now);
  const reach = unitReach(caller);
  const requirements = new Map((await repository.listRequirementRows(tx)).filter((row) => row.active).map((row) => [row.id, row]));
  const counts = await sharesOn(tx, on, reach);
  const names = await repository.unitNames(tx, [...new Set(counts.map((row) => row.unitId))]);
  const rows = counts
    .flatMap((count) => {
      const requirement = requirements.get(count.requirementId);
      if (!requirement) return [];
      return [
        {
          requirementId: count.requirementId,
          courseId: requirement.courseId,
          courseTitle: requirement.courseTitle,
          unitId: count.unitId,
          unitName: names.get(count.unitId) ?? '',
          role: count.role,
          deadline: requirement.deadline,
          staff: count.staff,
          trained: count.trained,
          awaitingConfirmation: count.awaitingConfirmation,
          share: count.staff === 0 ? null : count.trained / count.staff,
          overdue: requirement.deadline < on && count.trained < count.staff,
        },
      ];
    })
    .sort((a, b) => a.courseTitle.localeCompare(b.courseTitle, 'sv') || a.unitName.localeCompare(b.unitName, 'sv') || a.role.localeCompare(b.role));
  const dates = query.months > 0 ? trendDates(on, query.months) : [];
  const trendRows = await requirementTrend(
    tx,
    dates.map((entry) => entry.on),
    reach,
  );
  const trend = [...requirements.values()].map((requirement) => ({
    requirementId: requirement.id,
    courseTitle: requirement.courseTitle,
    unitName: requirement.unitName,
    points: dates.map((entry) => {
      const found = trendRows.find((row) => row.requirementId === requirement.id && row.on === entry.on);
      const staff = found?.staff ?? 0;
      const trained = found?.trained ?? 0;
      return { month: entry.month, staff, trained, share: staff === 0 ? null : trained / staff };
    }),
  }));
  return { on, rows, trend };
}

// ---- Supervision
export async function listSupervision(tx: Tx, caller: Caller) {
  const rows = await repository.listSupervisionRows(tx, unitReach(caller));
  const names = await repository.userNames(tx, [...new Set(rows.flatMap((row) => row.participantUserIds))]);
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    heldOn: row.heldOn,
    leader: row.leader,
    participantCount: row.participantCount,
    participants: row.participantUserIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    topic: row.topic,
  }));
}

export async function recordSupervision(tx: Tx, caller: Caller, input: z.output<typeof supervisionInput>, now: Date, options: { demo?: boolean } = {}) {
  const unitId = input.unitId ?? caller.actingUnitId;
  if (!unitId)
    throw invalidField(
      'unitId',
      'required',
      errorText((m) => m.noActingUnit),
    );
  if (!(await repository.ownUnit(tx, unitId)))
    throw invalidField(
      'unitId',
      'unknown_unit',
      errorText((m) => m.unknownUnit),
    );
  const reach = unitReach(caller);
  if (reach && !reach.includes(unitId))
    throw invalidField(
      'unitId',
      'unit_outside_scope',
      errorText((m) => m.unitOutsideScope),
    );
  if (input.heldOn > stockholmDate(now))
    throw invalidField(
      'heldOn',
      'date_in_future',
      errorText((m) => m.futureDate, { date: input.heldOn }),
    );
  const participants = [...new Set(input.participantIds)];
  const members = await repository.membersOfUnit(tx, unitId, participants, input.heldOn);
  const outsider = participants.findIndex((id) => !members.has(id));
  if (outsider >= 0)
    throw invalidField(
      `participantIds.${outsider}`,
      'not_in_unit',
      errorText((m) => m.personNotInUnit),
    );
  const id = await repository.insertSupervision(tx, {
    tenantId: caller.tenantId,
    unitId,
    heldOn: input.heldOn,
    leader: input.leader,
    participantCount: Math.max(input.participantCount, participants.length),
    participantUserIds: participants,
    topic: input.topic ?? null,
    createdBy: caller.userId,
    demo: options.demo ?? false,
  });
  const [created] = (await listSupervision(tx, { ...caller, scope: 'agency' })).filter((row) => row.id === id);
  return created!;
}

/** Per unit in reach: sessions per month over the last `months` months and days since the last one. */
export async function supervisionCadence(tx: Tx, caller: Caller, now: Date, months = 12) {
  const today = stockholmDate(now);
  const dates = trendDates(today, months);
  const from = `${dates[0]!.month}-01`;
  const reach = unitReach(caller);
  const units = await repository.unitsInReach(tx, reach);
  const sessions = await repository.listSupervisionRows(tx, reach);
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  return {
    from,
    to: today,
    units: units.map((unit) => {
      const own = sessions.filter((session) => session.unitId === unit.id);
      const last = own[0]?.heldOn ?? null;
      return {
        unitId: unit.id,
        unitName: unit.name,
        sessions: own.filter((session) => session.heldOn >= from).length,
        lastHeldOn: last,
        daysSinceLast: last ? Math.round(day(today) - day(last)) : null,
        months: dates.map((entry) => ({ month: entry.month, sessions: own.filter((session) => session.heldOn.startsWith(entry.month)).length })),
      };
    }),
  };
}

// ---- Staff support: content only, no register (ADR 0041)
export async function staffSupport(tx: Tx, locale: 'sv' | 'en') {
  const row = await repository.findStaffSupport(tx);
  if (!row)
    return {
      body: competenceMessages[locale].defaultSupport.body,
      helpRoute: competenceMessages[locale].defaultSupport.helpRoute,
      own: false,
      version: 0,
      updatedAt: null,
    };
  return { body: row.body, helpRoute: row.helpRoute, own: true, version: row.version, updatedAt: row.updatedAt.toISOString() };
}

export async function saveStaffSupport(tx: Tx, caller: Caller, input: { body: string; helpRoute: string; version: number }, now: Date, locale: 'sv' | 'en') {
  if (!(await repository.saveStaffSupport(tx, caller.tenantId, input.version, { body: input.body, helpRoute: input.helpRoute, updatedBy: caller.userId, now })))
    throw versionConflict();
  return staffSupport(tx, locale);
}

// ---- Regional competence plan (shared with its participants, ADR 0044)
/** The plans the caller's organisation runs or takes part in (row-level security decides). */
export async function listPlans(tx: Tx, caller: Caller) {
  return (await repository.listPlanRows(tx)).map((row) => ({
    id: row.id,
    countyCode: row.county_code,
    countyName: row.county_name,
    year: Number(row.year),
    title: row.title,
    entries: Number(row.entries),
    own: row.tenant_id === caller.tenantId,
  }));
}

export async function createPlan(tx: Tx, caller: Caller, input: z.output<typeof planInput>, options: { demo?: boolean } = {}) {
  if (!(await repository.countyExists(tx, input.countyCode)))
    throw invalidField(
      'countyCode',
      'county_unknown',
      errorText((m) => m.unknownCounty, { code: input.countyCode }),
    );
  const id = await repository.insertPlan(tx, {
    tenantId: caller.tenantId,
    countyCode: input.countyCode,
    year: input.year,
    title: input.title,
    createdBy: caller.userId,
    demo: options.demo ?? false,
  });
  if (!id) throw new AppError('conflict', { errors: [{ field: 'year', location: 'body', code: 'plan_exists', message: errorText((m) => m.planExists) }] });
  return planDetail(tx, caller, id);
}

/** Only the organisation running the plan adds participants; anyone else is told it does not exist. */
export async function addPlanParticipant(
  tx: Tx,
  caller: Caller,
  planId: string,
  input: z.output<typeof planParticipantInput>,
  options: { demo?: boolean } = {},
) {
  const [plan] = await repository.listPlanRows(tx, planId);
  if (!plan || plan.tenant_id !== caller.tenantId) throw notFound();
  if (input.organisationId === caller.tenantId)
    throw invalidField(
      'organisationId',
      'participant_is_owner',
      errorText((m) => m.participantIsOwner),
    );
  if (!(await repository.organisationName(tx, input.organisationId)))
    throw invalidField(
      'organisationId',
      'unknown_organisation',
      errorText((m) => m.unknownOrganisation),
    );
  const added = await repository.insertPlanParticipant(tx, {
    planId,
    tenantId: caller.tenantId,
    organisationId: input.organisationId,
    createdBy: caller.userId,
    demo: options.demo ?? false,
  });
  if (!added)
    throw new AppError('conflict', {
      errors: [{ field: 'organisationId', location: 'body', code: 'participant_exists', message: errorText((m) => m.participantExists) }],
    });
  return planDetail(tx, caller, planId);
}

/**
 * Only the organisation running the plan removes a participant. The efforts the participant
 * entered stay in the plan under its name; it no longer reads the plan or changes them.
 */
export async function removePlanParticipant(tx: Tx, caller: Caller, planId: string, organisationId: string) {
  const [plan] = await repository.listPlanRows(tx, planId);
  if (!plan || plan.tenant_id !== caller.tenantId) throw notFound();
  if (!(await repository.deletePlanParticipant(tx, planId, organisationId))) throw notFound();
  return planDetail(tx, caller, planId);
}

/**
 * The plan's owner enters an effort for any organisation (also one named in words); a
 * participant enters its own, always in its own name.
 */
export async function addPlanEntry(tx: Tx, caller: Caller, planId: string, input: z.output<typeof planEntryInput>, options: { demo?: boolean } = {}) {
  const [plan] = await repository.listPlanRows(tx, planId);
  if (!plan) throw notFound();
  const organisationId = plan.tenant_id === caller.tenantId ? (input.organisationId ?? null) : caller.tenantId;
  let name = plan.tenant_id === caller.tenantId ? (input.organisationName ?? null) : null;
  if (organisationId) {
    const organisation = await repository.organisationName(tx, organisationId);
    if (!organisation)
      throw invalidField(
        'organisationId',
        'unknown_organisation',
        errorText((m) => m.unknownOrganisation),
      );
    name = organisation.name;
  }
  if (!name)
    throw invalidField(
      'organisationName',
      'required',
      errorText((m) => m.organisationNameMissing),
    );
  if (input.courseId && (await repository.knownCourses(tx, [input.courseId])).size === 0)
    throw invalidField(
      'courseId',
      'unknown_course',
      errorText((m) => m.unknownCourse),
    );
  await repository.insertPlanEntry(tx, {
    planId,
    tenantId: caller.tenantId,
    organisationId,
    organisationName: name,
    effort: input.effort,
    courseId: input.courseId ?? null,
    targetGroup: input.targetGroup,
    topics: input.topics,
    plannedMonth: input.plannedMonth,
    openToOthers: input.openToOthers,
    createdBy: caller.userId,
    demo: options.demo ?? false,
  });
  return planDetail(tx, caller, planId);
}

/** An organisation changes the efforts it entered; another organisation's effort is answered as missing. */
export async function updatePlanEntry(tx: Tx, caller: Caller, planId: string, entryId: string, input: z.output<typeof planEntryUpdate>, now: Date) {
  // A removed participant still owns its entries' rows, but no longer reaches the plan.
  const [plan] = await repository.listPlanRows(tx, planId);
  if (!plan) throw notFound();
  const entry = await repository.findPlanEntry(tx, planId, entryId);
  if (!entry || entry.tenantId !== caller.tenantId) throw notFound();
  if (input.courseId && (await repository.knownCourses(tx, [input.courseId])).size === 0)
    throw invalidField(
      'courseId',
      'unknown_course',
      errorText((m) => m.unknownCourse),
    );
  const changed = await repository.updatePlanEntry(tx, entryId, caller.tenantId, input.version, {
    effort: input.effort,
    courseId: input.courseId ?? null,
    targetGroup: input.targetGroup,
    topics: input.topics,
    plannedMonth: input.plannedMonth,
    openToOthers: input.openToOthers,
    now,
  });
  if (!changed) throw versionConflict();
  return planDetail(tx, caller, planId);
}

/** The plan with its overlaps (same topic, same month, several organisations) and gaps. */
export async function planDetail(tx: Tx, caller: Caller, id: string) {
  const [plan] = await repository.listPlanRows(tx, id);
  if (!plan) throw notFound();
  const own = plan.tenant_id === caller.tenantId;
  const entries = await repository.planEntryRows(tx, id);
  const participants = await repository.planParticipantRows(tx, id);
  const overlaps: Array<{ topic: CompetenceTopic; month: number; organisations: string[] }> = [];
  for (const topic of COMPETENCE_TOPICS) {
    for (let month = 1; month <= 12; month++) {
      const organisations = [
        ...new Set(entries.filter((entry) => entry.plannedMonth === month && entry.topics.includes(topic)).map((entry) => entry.organisationName)),
      ];
      if (organisations.length > 1) overlaps.push({ topic, month, organisations: organisations.sort((a, b) => a.localeCompare(b, 'sv')) });
    }
  }
  const planned = await repository.plannedMunicipalities(tx, id);
  const municipalities = await repository.countyMunicipalities(tx, plan.county_code);
  return {
    id: plan.id,
    countyCode: plan.county_code,
    countyName: plan.county_name,
    year: Number(plan.year),
    title: plan.title,
    entries: entries.length,
    own,
    entryList: entries.map((entry) => ({
      id: entry.id,
      organisationId: entry.organisationId,
      organisationName: entry.organisationName,
      effort: entry.effort,
      courseId: entry.courseId,
      targetGroup: entry.targetGroup,
      topics: entry.topics,
      plannedMonth: entry.plannedMonth,
      openToOthers: entry.openToOthers,
      editable: entry.tenantId === caller.tenantId,
      version: entry.version,
    })),
    overlaps,
    topicGaps: COMPETENCE_TOPICS.filter((topic) => !entries.some((entry) => entry.topics.includes(topic))),
    municipalitiesWithout: municipalities.filter((municipality) => !planned.has(municipality.code)),
    participants: participants.map((row) => ({ organisationId: row.organisation_id, name: row.name })),
    organisationChoices: own
      ? (await repository.activeOrganisations(tx)).filter(
          (row) => row.id !== caller.tenantId && !participants.some((participant) => participant.organisation_id === row.id),
        )
      : [],
  };
}
