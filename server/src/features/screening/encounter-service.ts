import crypto from 'node:crypto';
import { and, type SQL } from 'drizzle-orm';
import type { Scope } from '#shared/auth/roles.ts';
import {
  ENCOUNTER_LIST_LIMIT,
  type ChildConcernDecision,
  type Encounter,
  type EncounterSummary,
  type Reminder,
  type Result,
  type TaskList,
  type ViolenceForm,
  actionsSchema,
  createEncounterRequest,
} from '#shared/contracts/screening.ts';
import { stockholmDate, addDays } from '#shared/time/stockholm.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import type { z } from 'zod';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authorizeChange, openRecord, recordListReads, scopeCondition } from '../../platform/access/record-access.ts';
import { loadProtections, setProtection, withholdLocation, type Protection } from '../../platform/access/protected-identity.ts';
import { auditAppendSql, isAuditAppendError, reportAuditWriteFailure, type AuditSource } from '../../platform/audit/audit.ts';
import { lookupHash, type FieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound, pick } from '../../platform/errors/app-error.ts';
import { ENCOUNTER_LOCATION_FIELDS, ENCOUNTER_TYPE, encounterNoteRecordType, encounterRecordType } from './encounter-record.ts';
import {
  claimAndFindRoutine,
  claimIdempotencyKey,
  completeEncounter,
  encounterIdsByCaseReference,
  findIdempotencyRecord,
  findProcessRoutine,
  findReferral,
  insertChildren,
  insertEncounter,
  loadChildren,
  loadEncounterRows,
  notesEnabled,
  PENDING,
  HANDOVER_UNCONFIRMED,
  REPORT_TO_MAKE,
  NOT_ASKED_OPEN,
  markFollowedUp,
  readNote,
  recentEncounterIds,
  updateReferral,
  writeNote,
  type EncounterChildren,
  type EncounterRecord,
  type IdempotencyRecord,
  type InformationRow,
  type LoadedChildren,
  type PlaceNames,
  type ReferralRow,
} from './encounter-repository.ts';
import { checkResult, checkStart, FieldProblems, type CompletedResult } from './encounter-rules.ts';
import { draftLocation } from './draft-service.ts';
import { screeningMessages } from './messages.ts';
import type { ReferenceCache } from './reference-cache.ts';
import { screeningEncounters } from './schema.ts';

/**
 * The rules of encounters: recording (with the routine in force and the exact question set
 * version), completing, referrals and consent, notes, reading with the protection rules, lists
 * with reminders. No HTTP here; the routes and the integration API share it.
 */
export type ScreeningDeps = { cipher: FieldCipher; lookupKey: Buffer; cache: ReferenceCache };
export type CallContext = { actor: SignedInActor; source: AuditSource; now: Date };

type CreateBody = z.output<typeof createEncounterRequest>;
type ActionsBody = z.output<typeof actionsSchema>;

const text = (select: (m: (typeof screeningMessages)['sv']) => string) => pick(screeningMessages, select);

/** Who is acting: a person in their acting unit, or an integration in its unit. */
function author(actor: SignedInActor): { unitId: string; userId: string | null; serviceAccountId: string | null; actorId: string } {
  if (actor.kind === 'service') return { unitId: actor.actingUnitId, userId: null, serviceAccountId: actor.serviceAccountId, actorId: actor.serviceAccountId };
  if (!actor.actingUnitId) throw new AppError('conflict', { detail: text((m) => m.encounterUnit) });
  return { unitId: actor.actingUnitId, userId: actor.userId, serviceAccountId: null, actorId: actor.userId };
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/* ------------------------------------------------------------------ idempotency (ADR 0033) */

export type Idempotency = { key: string; operation: string; body: unknown } | undefined;
export type WriteOutcome = { encounter: Encounter; status: number; replayed: boolean };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function checkIdempotencyKey(key: string | string[] | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (Array.isArray(key) || !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'Idempotency-Key', location: 'headers', code: 'invalid_value', message: text((m) => m.idempotencyFormat) }],
    });
  }
  return key;
}

type Claim = { tenantId: string; actorId: string; key: string; createdAt: Date } & IdempotencyRecord;

function claimFor(deps: ScreeningDeps, call: CallContext, idempotency: Idempotency, encounterId: string, status: number): Claim | undefined {
  if (!idempotency) return undefined;
  return {
    tenantId: call.actor.tenantId,
    actorId: author(call.actor).actorId,
    key: idempotency.key,
    operation: idempotency.operation,
    requestHash: lookupHash(deps.lookupKey, `${idempotency.operation}\n${JSON.stringify(idempotency.body)}`),
    encounterId,
    statusCode: status,
    createdAt: call.now,
  };
}

/** The earlier request's answer to replay, or a refusal when the key was used for another request. */
function replayOf(claim: Claim, existing: IdempotencyRecord): { encounterId: string; status: number } {
  if (existing.operation !== claim.operation || existing.requestHash !== claim.requestHash) {
    throw new AppError('unprocessable', {
      detail: text((m) => m.idempotencyReused),
      errors: [{ field: 'Idempotency-Key', location: 'headers', code: 'idempotency_key_reused', message: text((m) => m.idempotencyReused) }],
    });
  }
  return { encounterId: existing.encounterId, status: existing.statusCode };
}

/**
 * Claims the key first in the write's transaction: a concurrent duplicate waits for the first to
 * commit, then replays its answer. The request is remembered only as a keyed hash.
 */
async function claim(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext,
  idempotency: Idempotency,
  encounterId: string,
  status: number,
): Promise<{ encounterId: string; status: number } | undefined> {
  const wanted = claimFor(deps, call, idempotency, encounterId, status);
  if (!wanted) return undefined;
  const existing = await claimIdempotencyKey(tx, wanted);
  return existing ? replayOf(wanted, existing) : undefined;
}

/* ------------------------------------------------------------------ building rows */

function childConcernReferral(result: Result, call: CallContext, who: ReturnType<typeof author>): ReferralRow[] {
  const concern = result.childConcern;
  if (!concern) return [];
  const status: Record<ChildConcernDecision, ReferralRow['status']> = { reported: 'made', to_report: 'planned', consulted_no_report: 'consulted' };
  return [
    {
      id: crypto.randomUUID(),
      kind: 'report',
      target: 'social_services',
      directoryServiceId: null,
      status: status[concern.decision],
      reportType: 'child_concern',
      madeOn: concern.madeOn ?? null,
      municipalityCode: concern.municipalityCode ?? null,
      consentScope: null,
      consentGivenAt: null,
      createdBy: who.userId,
      createdAt: call.now,
    },
  ];
}

function actionRows(actions: ActionsBody, call: CallContext, who: ReturnType<typeof author>): { referrals: ReferralRow[]; information: InformationRow[] } {
  return {
    referrals: actions.referrals.map((referral) => ({
      id: crypto.randomUUID(),
      kind: referral.kind,
      target: referral.target,
      directoryServiceId: referral.directoryServiceId ?? null,
      status: referral.kind === 'signposting' ? 'given' : referral.kind === 'handover' ? 'agreed' : referral.madeOn ? 'made' : 'planned',
      reportType: referral.reportType ?? null,
      madeOn: referral.madeOn ?? null,
      municipalityCode: null,
      // Consent is recorded with the time it was given and what it covers (withdrawable later).
      consentScope: referral.consent ? [...new Set(referral.consent.scope)] : null,
      consentGivenAt: referral.consent ? call.now : null,
      createdBy: who.userId,
      createdAt: call.now,
    })),
    information: actions.information.map((item) => ({ id: crypto.randomUUID(), ...item, createdBy: who.userId, createdAt: call.now })),
  };
}

function resultChildren(completed: CompletedResult, cipher: FieldCipher): Pick<EncounterChildren, 'forms' | 'answers'> {
  const forms = [
    ...completed.exposureForms.map((form) => ({ kind: 'exposure' as const, form })),
    ...completed.perpetrationForms.map((form) => ({ kind: 'perpetration' as const, form })),
  ];
  const answers = completed.answers.map((answer) => {
    const id = crypto.randomUUID();
    return {
      id,
      itemKey: answer.item,
      choice: answer.value,
      choices: answer.values,
      // Short-text answers are free text: encrypted like notes, never exported or aggregated.
      textEncrypted: answer.text === null ? null : cipher.encrypt(answer.text, `screening_answers:${id}`),
    };
  });
  return { forms, answers };
}

async function checkDates(
  problems: FieldProblems,
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext,
  checks: { occurredOn?: string | undefined; madeOn: Array<[string, string | null | undefined]>; municipalities: Array<[string, string | null | undefined]> },
) {
  const today = stockholmDate(call.now);
  if (checks.occurredOn !== undefined) {
    if (checks.occurredOn > today)
      problems.add(
        'occurredOn',
        'date_in_future',
        text((m) => m.occurredInFuture),
      );
    else if (checks.occurredOn < addDays(today, -366))
      problems.add(
        'occurredOn',
        'too_old',
        text((m) => m.occurredTooOld),
      );
  }
  for (const [field, madeOn] of checks.madeOn)
    if (madeOn && madeOn > today)
      problems.add(
        field,
        'date_in_future',
        text((m) => m.madeOnInFuture),
      );
  if (checks.municipalities.every(([, code]) => !code)) return;
  const known = (await deps.cache.places(tx)).municipalities;
  for (const [field, code] of checks.municipalities)
    if (code && !known.has(code))
      problems.add(
        field,
        'municipality_unknown',
        text((m) => m.municipalityUnknown),
      );
}

async function questionSetItems(tx: Tx, deps: ScreeningDeps, tenantId: string, id: string | null) {
  return id ? deps.cache.publishedQuestionSet(tx, id, tenantId) : undefined;
}

/* ------------------------------------------------------------------ creating */

/**
 * Records an encounter in the acting unit under the routine in force, with its result and actions
 * when given (a caseworker's save sends everything at once; an integration may add them later).
 * One audit event; the answer is the encounter as its reader sees it.
 */
/**
 * An encounter of a client with protected identity recorded from the caller's draft (`draftId`):
 * the draft sent its location back withheld, so a location the body leaves empty comes from the
 * stored draft (migration 0179, draft-service.ts). The draft is read under the caller's own
 * row-level security: their own, in the unit where it was begun.
 */
async function withDraftLocation(tx: Tx, deps: ScreeningDeps, call: CallContext, body: CreateBody): Promise<CreateBody> {
  if (!body.draftId || !body.client.protectedIdentity) return body;
  const kept = await draftLocation(tx, deps.cipher, call, body.draftId);
  if (!kept) return body;
  const concern = body.result?.childConcern;
  const reported = concern?.decision === 'reported' && !concern.municipalityCode;
  return {
    ...body,
    client: { ...body.client, municipalityCode: body.client.municipalityCode ?? kept.municipalityCode },
    result:
      body.result && concern && reported ? { ...body.result, childConcern: { ...concern, municipalityCode: kept.childConcernMunicipalityCode } } : body.result,
  };
}

export async function createEncounter(tx: Tx, deps: ScreeningDeps, call: CallContext, sent: CreateBody, idempotency: Idempotency): Promise<WriteOutcome> {
  const body = await withDraftLocation(tx, deps, call, sent);
  const id = crypto.randomUUID();
  const who = author(call.actor);
  const wanted = claimFor(deps, call, idempotency, id, 201);
  const { claimed, routine } = await claimAndFindRoutine(tx, wanted, body.processId);
  if (!claimed) {
    const replay = replayOf(wanted!, await findIdempotencyRecord(tx, wanted!));
    return { ...(await readEncounter(tx, deps, call, replay.encounterId)), status: replay.status, replayed: true };
  }
  const problems = new FieldProblems('');
  if (!routine)
    problems.add(
      'processId',
      'process_unknown',
      text((m) => m.processUnknown),
    );
  const resultProblems = new FieldProblems('result.');
  const eligible = routine ? checkStart(problems, routine, body) : false;
  let completed: CompletedResult | undefined;
  if (routine && body.result) {
    const versionId = body.result.asking === 'asked' ? (body.result.questionSetVersionId ?? routine.questionSetVersionId) : null;
    const items = await questionSetItems(tx, deps, call.actor.tenantId, versionId);
    completed = checkResult(resultProblems, { result: body.result, eligible, interpreter: body.interpreter, items, questionSetVersionId: versionId });
  }
  const notes = body.note?.trim() ? await notesEnabled(tx) : false;
  if (body.note?.trim() && !notes)
    problems.add(
      'note',
      'notes_disabled',
      text((m) => m.notesDisabled),
    );
  const actions = body.actions ?? { referrals: [], information: [] };
  await checkDates(problems, tx, deps, call, {
    occurredOn: body.occurredOn,
    madeOn: [
      ['result.childConcern.madeOn', body.result?.childConcern?.madeOn],
      ...actions.referrals.map((referral, index): [string, string | null | undefined] => [`actions.referrals.${index}.madeOn`, referral.madeOn]),
    ],
    municipalities: [
      ['client.municipalityCode', body.client.municipalityCode],
      ['result.childConcern.municipalityCode', body.result?.childConcern?.municipalityCode],
    ],
  });
  problems.errors.push(...resultProblems.errors);
  problems.throwIfAny();

  const occurredOn = body.occurredOn ?? stockholmDate(call.now);
  const municipality = body.client.municipalityCode;
  const row = {
    id,
    tenantId: call.actor.tenantId,
    unitId: who.unitId,
    createdBy: who.userId,
    createdByServiceAccount: who.serviceAccountId,
    processId: routine!.processId,
    routineVersionId: routine!.routineVersionId,
    questionSetVersionId: completed?.questionSetVersionId ?? null,
    occurredOn,
    occurredMonth: firstOfMonth(occurredOn),
    channel: body.channel,
    basis: body.basis,
    interpreter: body.interpreter,
    eligible,
    clientSex: body.client.sex,
    clientAgeBand: body.client.ageBand,
    clientMunicipalityCode: municipality,
    clientCountyCode: municipality ? municipality.slice(0, 2) : null,
    caseReferenceEncrypted: body.client.caseReference ? deps.cipher.encrypt(body.client.caseReference, `screening_encounters:${id}`) : null,
    caseReferenceHash: body.client.caseReference ? lookupHash(deps.lookupKey, body.client.caseReference) : null,
    status: completed ? ('completed' as const) : ('open' as const),
    asking: completed?.asking ?? null,
    notAskedReason: completed?.notAskedReason ?? null,
    outcome: completed?.outcome ?? null,
    childrenInHousehold: completed?.childrenInHousehold ?? null,
    childAtRisk: completed?.childAtRisk ?? null,
    acuteDanger: completed?.acuteDanger ?? null,
    perpetratorWantsHelp: completed?.perpetratorWantsHelp ?? null,
    completedAt: completed ? call.now : null,
    createdAt: call.now,
  };
  const { forms, answers } = completed ? resultChildren(completed, deps.cipher) : { forms: [], answers: [] };
  const { referrals, information } = actionRows(actions, call, who);
  const children: EncounterChildren = {
    forms,
    answers,
    referrals: [...(body.result ? childConcernReferral(body.result, call, who) : []), ...referrals],
    information,
  };
  const note = body.note?.trim() ? deps.cipher.encrypt(body.note.trim(), `screening_notes:${id}`) : null;
  const protection: Protection = { protectedIdentity: body.client.protectedIdentity, designatedUnitId: null };
  if (body.client.protectedIdentity) {
    await setProtection(tx, {
      tenantId: row.tenantId,
      recordType: ENCOUNTER_TYPE,
      recordId: id,
      protectedIdentity: true,
      designatedUnitId: null,
      by: who.userId,
      now: call.now,
    });
  }
  // The rows and the one audit event of the write in a single statement (one round trip).
  const audit = auditAppendSql(call.actor, call.source, {
    action: 'encounters.create',
    recordType: ENCOUNTER_TYPE,
    recordId: id,
    recordTenantId: row.tenantId,
    details: { status: row.status },
  });
  await insertEncounter(tx, row, children, note, audit).catch((error: unknown) => {
    if (isAuditAppendError(error)) reportAuditWriteFailure(error);
    throw error;
  });

  const record: EncounterRecord = {
    ...row,
    anonymisedAt: null,
    followedUpAt: null,
    followedUpBy: null,
    version: 1,
    demo: false,
    processCode: routine!.code,
    processName: routine!.name,
    hasNote: note !== null,
  };
  const loaded: LoadedChildren = {
    forms: forms.map((form) => ({ encounterId: id, ...form })),
    answers: answers.map((answer) => ({ encounterId: id, ...answer })),
    referrals: children.referrals.map((referral) => ({ ...referral, encounterId: id, tenantId: row.tenantId, consentWithdrawnAt: null, completedAt: null })),
    information: information.map((item) => ({ ...item, encounterId: id, tenantId: row.tenantId })),
  };
  const places = await deps.cache.places(tx);
  return { encounter: present(record, loaded, protection, call.actor, places, deps.cipher), status: 201, replayed: false };
}

/* ------------------------------------------------------------------ completing and acting */

/** Adds the result to an encounter recorded without one (integrations). */
export async function addResult(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext & { scope: Scope | undefined },
  id: string,
  result: Result,
  idempotency: Idempotency,
): Promise<WriteOutcome> {
  const replay = await claim(tx, deps, call, idempotency, id, 200);
  if (replay) return { ...(await readEncounter(tx, deps, call, replay.encounterId)), status: replay.status, replayed: true };
  await authorizeChange(tx, encounterRecordType, id, { ...call, action: 'encounters.update', scope: call.scope, details: { change: 'result' } });
  const [record] = await loadEncounterRows(tx, [id]);
  if (!record) throw notFound();
  if (record.status !== 'open') throw new AppError('conflict', { detail: text((m) => m.resultExists) });
  const who = author(call.actor);
  const problems = new FieldProblems('');
  const versionId =
    result.asking === 'asked' ? (result.questionSetVersionId ?? (await findProcessRoutine(tx, record.processId))?.questionSetVersionId ?? null) : null;
  const items = await questionSetItems(tx, deps, call.actor.tenantId, versionId);
  const completed = checkResult(problems, { result, eligible: record.eligible, interpreter: record.interpreter, items, questionSetVersionId: versionId });
  await checkDates(problems, tx, deps, call, {
    madeOn: [['childConcern.madeOn', result.childConcern?.madeOn]],
    municipalities: [['childConcern.municipalityCode', result.childConcern?.municipalityCode]],
  });
  problems.throwIfAny();
  const updated = await completeEncounter(tx, id, {
    asking: completed.asking,
    notAskedReason: completed.notAskedReason ?? null,
    outcome: completed.outcome,
    childrenInHousehold: completed.childrenInHousehold,
    childAtRisk: completed.childAtRisk,
    acuteDanger: completed.acuteDanger,
    perpetratorWantsHelp: completed.perpetratorWantsHelp,
    questionSetVersionId: completed.questionSetVersionId,
    completedAt: call.now,
  });
  if (!updated) throw new AppError('conflict', { detail: text((m) => m.resultExists) });
  await insertChildren(tx, id, record.tenantId, {
    ...resultChildren(completed, deps.cipher),
    referrals: childConcernReferral(result, call, who),
    information: [],
  });
  return { ...(await present1(tx, deps, call, id)), status: 200, replayed: false };
}

/** Adds referrals and information given (signposting, handover with consent, reports). */
export async function addActions(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext & { scope: Scope | undefined },
  id: string,
  actions: ActionsBody,
  idempotency: Idempotency,
): Promise<WriteOutcome> {
  const replay = await claim(tx, deps, call, idempotency, id, 200);
  if (replay) return { ...(await readEncounter(tx, deps, call, replay.encounterId)), status: replay.status, replayed: true };
  const location = await authorizeChange(tx, encounterRecordType, id, {
    ...call,
    action: 'encounters.update',
    scope: call.scope,
    details: { change: 'actions' },
  });
  const problems = new FieldProblems('');
  await checkDates(problems, tx, deps, call, {
    madeOn: actions.referrals.map((referral, index): [string, string | null | undefined] => [`referrals.${index}.madeOn`, referral.madeOn]),
    municipalities: [],
  });
  problems.throwIfAny();
  await insertChildren(tx, id, location.tenantId, { forms: [], answers: [], ...actionRows(actions, call, author(call.actor)) });
  return { ...(await present1(tx, deps, call, id)), status: 200, replayed: false };
}

export type ReferralAction = 'confirm_handover' | 'withdraw_consent' | 'mark_report_made';

/** Confirms a handover, records a withdrawal of consent, or marks a planned report as made. */
export async function changeReferral(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext & { scope: Scope | undefined },
  id: string,
  referralId: string,
  change: { action: ReferralAction; madeOn?: string | null | undefined },
): Promise<Encounter> {
  await authorizeChange(tx, encounterRecordType, id, {
    ...call,
    action: 'encounters.update',
    scope: call.scope,
    details: { change: change.action, referral: referralId },
  });
  const referral = await findReferral(tx, id, referralId);
  if (!referral) throw notFound();
  const wrongStatus = () =>
    new AppError('conflict', {
      detail: {
        sv: interpolate(screeningMessages.sv.referralWrongStatus, { status: referral.status }),
        en: interpolate(screeningMessages.en.referralWrongStatus, { status: referral.status }),
      },
    });
  if (change.action === 'mark_report_made') {
    if (referral.kind !== 'report') throw new AppError('conflict', { detail: text((m) => m.referralWrongKind) });
    if (referral.status !== 'planned') throw wrongStatus();
    const madeOn = change.madeOn ?? stockholmDate(call.now);
    const problems = new FieldProblems('');
    await checkDates(problems, tx, deps, call, { madeOn: [['madeOn', madeOn]], municipalities: [] });
    problems.throwIfAny();
    await updateReferral(tx, referralId, { status: 'made', madeOn });
  } else {
    if (referral.kind !== 'handover') throw new AppError('conflict', { detail: text((m) => m.referralWrongKind) });
    if (referral.consentWithdrawnAt) throw new AppError('conflict', { detail: text((m) => m.consentWithdrawn) });
    if (change.action === 'confirm_handover') {
      if (referral.status !== 'agreed') throw wrongStatus();
      await updateReferral(tx, referralId, { status: 'completed', completedAt: call.now });
    } else {
      await updateReferral(tx, referralId, { consentWithdrawnAt: call.now });
    }
  }
  return (await present1(tx, deps, call, id)).encounter;
}

/** The caseworker has followed up a client they could not ask (issue 22): off the task list. */
export async function markFollowUp(tx: Tx, deps: ScreeningDeps, call: CallContext & { scope: Scope | undefined }, id: string): Promise<Encounter> {
  await authorizeChange(tx, encounterRecordType, id, { ...call, action: 'encounters.update', scope: call.scope, details: { change: 'follow_up' } });
  if (!(await markFollowedUp(tx, id, author(call.actor).userId, call.now))) throw new AppError('conflict', { detail: text((m) => m.followUpNotAsked) });
  return (await present1(tx, deps, call, id)).encounter;
}

export async function saveNote(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext & { scope: Scope | undefined },
  id: string,
  note: string,
): Promise<{ note: string | null; updatedAt: string | null }> {
  const location = await authorizeChange(tx, encounterRecordType, id, { ...call, action: 'encounters.update', scope: call.scope, details: { change: 'note' } });
  if (!(await notesEnabled(tx)))
    throw new AppError('unprocessable', {
      detail: text((m) => m.notesDisabled),
      errors: [{ field: 'note', location: 'body', code: 'notes_disabled', message: text((m) => m.notesDisabled) }],
    });
  await writeNote(tx, {
    encounterId: id,
    tenantId: location.tenantId,
    noteEncrypted: deps.cipher.encrypt(note, `screening_notes:${id}`),
    updatedBy: author(call.actor).userId,
    now: call.now,
  });
  return { note, updatedAt: call.now.toISOString() };
}

/** The note, decrypted: its own audit event (`encounters.read_note`). */
export async function getNote(tx: Tx, deps: ScreeningDeps, call: CallContext, id: string): Promise<{ note: string | null; updatedAt: string | null }> {
  await openRecord(tx, encounterNoteRecordType, id, call);
  const row = await readNote(tx, id);
  return row
    ? { note: deps.cipher.decrypt(row.noteEncrypted, `screening_notes:${id}`), updatedAt: row.updatedAt.toISOString() }
    : { note: null, updatedAt: null };
}

/* ------------------------------------------------------------------ reading */

/** One encounter, opened under the kernel's rules: one audit event, location withheld when protected. */
export async function readEncounter(tx: Tx, deps: ScreeningDeps, call: CallContext, id: string): Promise<{ encounter: Encounter }> {
  await openRecord(tx, encounterRecordType, id, call);
  return present1(tx, deps, call, id);
}

/** The encounter after a change whose audit event is already written. */
async function present1(tx: Tx, deps: ScreeningDeps, call: CallContext, id: string): Promise<{ encounter: Encounter }> {
  const [record] = await loadEncounterRows(tx, [id]);
  if (!record) throw notFound();
  const children = await loadChildren(tx, [id], true);
  const protections = await loadProtections(tx, ENCOUNTER_TYPE, [id]);
  return { encounter: present(record, children, protections.get(id), call.actor, await deps.cache.places(tx), deps.cipher) };
}

function listCondition(call: CallContext, scope: Scope | undefined, mine: boolean): SQL {
  const effective = mine && call.actor.kind === 'user' ? 'own' : scope;
  return scopeCondition(call.actor, effective, ENCOUNTER_TYPE, {
    id: screeningEncounters.id,
    unitId: screeningEncounters.unitId,
    createdBy: screeningEncounters.createdBy,
  });
}

/** The most recent encounters in the caller's reach and those with something left to do. */
export async function listEncounters(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext & { scope: Scope | undefined },
  mine: boolean,
): Promise<{ encounters: EncounterSummary[]; reminders: EncounterSummary[] }> {
  const condition = listCondition(call, call.scope, mine);
  const recent = await recentEncounterIds(tx, condition, ENCOUNTER_LIST_LIMIT);
  const pending = await recentEncounterIds(tx, and(condition, PENDING)!, ENCOUNTER_LIST_LIMIT);
  const shown = new Map([...recent, ...pending].map((row) => [row.id, row]));
  await recordListReads(tx, call.actor, call.source, 'encounters.read', ENCOUNTER_TYPE, [...shown.values()]);
  const summaries = await summarise(tx, deps, call, [...shown.keys()]);
  return { encounters: recent.map((row) => summaries.get(row.id)!), reminders: pending.map((row) => summaries.get(row.id)!) };
}

/**
 * The caseworker's task list (issue 22): handovers to confirm, child-at-risk reports to make and
 * clients who could not be asked, in the caller's reach (a caseworker their own, a manager the
 * unit's; never another organisation's). One audit event per encounter shown, as for the list.
 */
export async function listTasks(tx: Tx, deps: ScreeningDeps, call: CallContext & { scope: Scope | undefined }): Promise<TaskList> {
  const condition = listCondition(call, call.scope, false);
  const kinds = [
    ['handover_unconfirmed', HANDOVER_UNCONFIRMED],
    ['child_concern_to_report', REPORT_TO_MAKE],
    ['not_asked_follow_up', NOT_ASKED_OPEN],
  ] as const;
  const found: Array<{ kind: TaskList['tasks'][number]['kind']; rows: Array<{ id: string; tenantId: string }> }> = [];
  for (const [kind, pending] of kinds) found.push({ kind, rows: await recentEncounterIds(tx, and(condition, pending)!, ENCOUNTER_LIST_LIMIT) });
  const shown = new Map(found.flatMap(({ rows }) => rows).map((row) => [row.id, row]));
  await recordListReads(tx, call.actor, call.source, 'encounters.read', ENCOUNTER_TYPE, [...shown.values()]);
  const summaries = await summarise(tx, deps, call, [...shown.keys()]);
  return { tasks: found.flatMap(({ kind, rows }) => rows.map((row) => ({ kind, encounter: summaries.get(row.id)! }))) };
}

/** Encounters with this exact case reference (an integration or a data-subject request). */
export async function lookupByCaseReference(
  tx: Tx,
  deps: ScreeningDeps,
  call: CallContext & { scope: Scope | undefined },
  caseReference: string,
): Promise<{ encounters: EncounterSummary[] }> {
  const rows = await encounterIdsByCaseReference(tx, lookupHash(deps.lookupKey, caseReference.trim()), listCondition(call, call.scope, false));
  await recordListReads(tx, call.actor, call.source, 'encounters.read', ENCOUNTER_TYPE, rows);
  const summaries = await summarise(
    tx,
    deps,
    call,
    rows.map((row) => row.id),
  );
  return { encounters: rows.map((row) => summaries.get(row.id)!) };
}

async function summarise(tx: Tx, deps: ScreeningDeps, call: CallContext, ids: string[]): Promise<Map<string, EncounterSummary>> {
  const records = await loadEncounterRows(tx, ids);
  const children = await loadChildren(tx, ids, false);
  const protections = await loadProtections(tx, ENCOUNTER_TYPE, ids);
  const places = await deps.cache.places(tx);
  const result = new Map<string, EncounterSummary>();
  for (const record of records) {
    const full = present(record, children, protections.get(record.id), call.actor, places, deps.cipher);
    result.set(record.id, {
      id: full.id,
      status: full.status,
      createdByMe: full.createdByMe,
      process: full.process,
      occurredOn: full.occurredOn,
      channel: full.channel,
      asking: full.asking,
      outcome: full.outcome,
      reminders: full.reminders,
      demo: full.demo,
    });
  }
  return result;
}

/* ------------------------------------------------------------------ presenting */

/** A referral's fields that could reveal where the client lives; withheld for protected identity. */
export const REFERRAL_LOCATION_FIELDS = ['municipality', 'directoryServiceId'] as const;

function reminders(record: EncounterRecord, referrals: LoadedChildren['referrals']): Reminder[] {
  const due: Reminder[] = [];
  if (record.status === 'open') due.push('result_missing');
  if (referrals.some((r) => r.kind === 'handover' && r.status === 'agreed' && !r.consentWithdrawnAt)) due.push('handover_unconfirmed');
  if (referrals.some((r) => r.kind === 'report' && r.status === 'planned')) due.push('child_concern_to_report');
  return due;
}

const place = (code: string | null, names: Map<string, string>) => (code ? { code: code.trim(), name: names.get(code.trim()) ?? code.trim() } : null);
const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The encounter as its reader may see it: location withheld for protected identity, no case reference. */
export function present(
  record: EncounterRecord,
  children: LoadedChildren,
  protection: Protection | undefined,
  actor: SignedInActor,
  places: PlaceNames,
  cipher: FieldCipher,
): Encounter {
  const mine = (encounterId: string) => (row: { encounterId: string }) => row.encounterId === encounterId;
  const forms = children.forms.filter(mine(record.id));
  const referrals = children.referrals.filter(mine(record.id));
  const location = withholdLocation(
    { municipality: place(record.clientMunicipalityCode, places.municipalities), county: place(record.clientCountyCode, places.counties) },
    protection,
    ENCOUNTER_LOCATION_FIELDS,
  );
  const byForm = (kind: 'exposure' | 'perpetration') => forms.filter((form) => form.kind === kind).map((form) => form.form as ViolenceForm);
  return {
    id: record.id,
    status: record.status,
    unitId: record.unitId,
    createdByMe: actor.kind === 'user' ? record.createdBy === actor.userId : record.createdByServiceAccount === actor.serviceAccountId,
    process: { id: record.processId, code: record.processCode, name: record.processName },
    routineVersionId: record.routineVersionId,
    questionSetVersionId: record.questionSetVersionId,
    occurredOn: record.occurredOn,
    occurredMonth: record.occurredMonth,
    channel: record.channel,
    basis: record.basis,
    interpreter: record.interpreter,
    eligible: record.eligible,
    client: {
      sex: record.clientSex,
      ageBand: record.clientAgeBand,
      municipality: location.municipality,
      county: location.county,
      protectedIdentity: protection?.protectedIdentity ?? false,
      hasCaseReference: record.caseReferenceHash !== null,
    },
    locationWithheld: location.locationWithheld,
    asking: record.asking,
    notAskedReason: record.notAskedReason,
    outcome: record.outcome,
    exposureForms: byForm('exposure'),
    perpetrationForms: byForm('perpetration'),
    childrenInHousehold: record.childrenInHousehold,
    childAtRisk: record.childAtRisk,
    acuteDanger: record.acuteDanger,
    perpetratorWantsHelp: record.perpetratorWantsHelp,
    answers: children.answers.filter(mine(record.id)).map((answer) => ({
      item: answer.itemKey,
      value: answer.choice,
      values: answer.choices ?? [],
      text: answer.textEncrypted === null ? null : cipher.decrypt(answer.textEncrypted, `screening_answers:${answer.id}`),
    })),
    referrals: referrals.map((referral) => {
      // A directory service (a local shelter, a municipality's office) reveals the area as surely as
      // the municipality does: both are withheld for protected identity (issue 16 item 4).
      const shown = withholdLocation(
        { municipality: place(referral.municipalityCode, places.municipalities), directoryServiceId: referral.directoryServiceId },
        protection,
        REFERRAL_LOCATION_FIELDS,
      );
      return {
        id: referral.id,
        kind: referral.kind,
        target: referral.target,
        directoryServiceId: shown.directoryServiceId,
        status: referral.status,
        reportType: referral.reportType,
        madeOn: referral.madeOn,
        municipality: shown.municipality,
        consent:
          referral.kind === 'handover' && referral.consentScope
            ? { scope: referral.consentScope, givenAt: iso(referral.consentGivenAt) ?? '', withdrawnAt: iso(referral.consentWithdrawnAt) }
            : null,
        completedAt: iso(referral.completedAt),
        createdAt: referral.createdAt.toISOString(),
        locationWithheld: shown.locationWithheld,
      };
    }),
    information: children.information.filter(mine(record.id)).map((item) => ({
      id: item.id,
      material: item.material,
      language: item.language as Encounter['information'][number]['language'],
      delivery: item.delivery,
      createdAt: item.createdAt.toISOString(),
    })),
    hasNote: record.hasNote,
    followedUpAt: iso(record.followedUpAt),
    reminders: reminders(record, referrals),
    anonymised: record.anonymisedAt !== null,
    createdAt: record.createdAt.toISOString(),
    demo: record.demo,
  };
}
