import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type {
  AskingMode,
  Channel,
  ConsentScope,
  DisclosureKind,
  InformationDelivery,
  InformationMaterial,
  QuestionItem,
  ReferralKind,
  ReferralStatus,
  ReferralTarget,
  ReportType,
  ViolenceForm,
} from '#shared/contracts/screening.ts';
import { APP_NOW, queryRows, type Tx } from '../../platform/db/database.ts';
import {
  screeningAnswers,
  screeningDrafts,
  screeningEncounterForms,
  screeningEncounters,
  screeningIdempotency,
  screeningInformation,
  screeningNotes,
  screeningProcesses,
  screeningReferrals,
  screeningSettings,
} from './schema.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/** The only place screening encounters meet SQL. Row-level security applies to every query. */

export type ProcessRoutine = {
  processId: string;
  code: string;
  name: string;
  routineVersionId: string;
  asking: AskingMode;
  channels: Channel[];
  questionSetVersionId: string | null;
};

type RoutineRow = {
  process_id: string;
  code: string;
  name: string;
  routine_version_id: string;
  asking: AskingMode;
  channels: Channel[];
  question_set_version_id: string | null;
};

/** The process and its routine version in force (`screening_routine_in_force`, migration 0073: a cached plan). */
const routineInForce = (processId: string) => sql`select * from screening_routine_in_force(${processId})`;

function toProcessRoutine(row: RoutineRow): ProcessRoutine {
  return {
    processId: row.process_id,
    code: row.code,
    name: row.name,
    routineVersionId: row.routine_version_id,
    asking: row.asking,
    channels: row.channels,
    questionSetVersionId: row.question_set_version_id,
  };
}

/** The process with the routine version in force, or nothing (unknown, inactive, unpublished, another agency's). */
export async function findProcessRoutine(tx: Tx, processId: string): Promise<ProcessRoutine | undefined> {
  const [row] = await queryRows<RoutineRow>(tx, routineInForce(processId));
  return row ? toProcessRoutine(row) : undefined;
}

/**
 * Claims an idempotency key (when there is one) and finds the routine in force, in one round
 * trip: the first two things every encounter write needs (docs/benchmarks.md).
 */
export async function claimAndFindRoutine(
  tx: Tx,
  claim: ({ tenantId: string; actorId: string; key: string; createdAt: Date } & IdempotencyRecord) | undefined,
  processId: string,
): Promise<{ claimed: boolean; routine: ProcessRoutine | undefined }> {
  const claimSql = claim
    ? sql`insert into screening_idempotency (tenant_id, actor_id, key, operation, request_hash, encounter_id, status_code, created_at)
            values (${claim.tenantId}, ${claim.actorId}, ${claim.key}, ${claim.operation}, ${claim.requestHash}, ${claim.encounterId}, ${claim.statusCode},
                    ${claim.createdAt.toISOString()}::timestamptz)
          on conflict do nothing returning key`
    : sql`select null::text as key where false`;
  const [row] = await queryRows<RoutineRow & { claimed: number }>(
    tx,
    sql`with claim as (${claimSql})
        select (select count(*)::int from claim) as claimed, r.* from (select 1) one left join lateral (${routineInForce(processId)}) r on true`,
  );
  return { claimed: !claim || row!.claimed === 1, routine: row?.process_id ? toProcessRoutine(row) : undefined };
}

/** The record of an idempotency key claimed earlier (by this actor). */
export async function findIdempotencyRecord(tx: Tx, key: { tenantId: string; actorId: string; key: string }): Promise<IdempotencyRecord> {
  const [existing] = await tx
    .select({
      operation: screeningIdempotency.operation,
      requestHash: screeningIdempotency.requestHash,
      encounterId: screeningIdempotency.encounterId,
      statusCode: screeningIdempotency.statusCode,
    })
    .from(screeningIdempotency)
    .where(and(eq(screeningIdempotency.tenantId, key.tenantId), eq(screeningIdempotency.actorId, key.actorId), eq(screeningIdempotency.key, key.key)));
  if (!existing) throw new Error('idempotency key neither claimed nor found');
  return existing;
}

export type QuestionSetVersionRow = { id: string; tenantId: string; status: string; items: QuestionItem[]; shared: boolean };

/** A question set version the caller may see (own, or published and shared). */
export async function findQuestionSetVersion(tx: Tx, id: string): Promise<QuestionSetVersionRow | undefined> {
  const [row] = await queryRows<{ id: string; tenant_id: string; status: string; items: QuestionItem[]; shared: boolean }>(
    tx,
    sql`select v.id, v.tenant_id, v.status, v.items, coalesce(s.shared, false) as shared
          from screening_question_set_versions v left join screening_question_sets s on s.id = v.question_set_id
         where v.id = ${id}`,
  );
  return row ? { id: row.id, tenantId: row.tenant_id, status: row.status, items: row.items, shared: row.shared } : undefined;
}

export async function notesEnabled(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ enabled: screeningSettings.notesEnabled }).from(screeningSettings);
  return row?.enabled ?? false;
}

export type PlaceNames = { municipalities: Map<string, string>; counties: Map<string, string> };

export async function loadPlaceNames(tx: Tx): Promise<PlaceNames> {
  const municipalities = await queryRows<{ code: string; name: string }>(tx, sql`select code, name from municipalities`);
  const counties = await queryRows<{ code: string; name: string }>(tx, sql`select code, name from counties`);
  return { municipalities: new Map(municipalities.map((m) => [m.code, m.name])), counties: new Map(counties.map((c) => [c.code, c.name])) };
}

/* ------------------------------------------------------------------ writing */

export type EncounterRow = typeof screeningEncounters.$inferInsert;
export type FormRow = { kind: DisclosureKind; form: ViolenceForm };
export type AnswerRow = { id: string; itemKey: string; choice: string | null; choices: string[] | null; textEncrypted: string | null };
export type ReferralRow = {
  id: string;
  kind: ReferralKind;
  target: ReferralTarget;
  directoryServiceId: string | null;
  status: ReferralStatus;
  reportType: ReportType | null;
  madeOn: string | null;
  municipalityCode: string | null;
  consentScope: ConsentScope[] | null;
  consentGivenAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
};
export type InformationRow = {
  id: string;
  material: InformationMaterial;
  language: string;
  delivery: InformationDelivery;
  createdBy: string | null;
  createdAt: Date;
};

export type EncounterChildren = { forms: FormRow[]; answers: AnswerRow[]; referrals: ReferralRow[]; information: InformationRow[] };

const optionalTextArray = (values: readonly string[] | null) => (values === null ? sql`null` : textArray(values));

function childInserts(encounterId: string, tenantId: string, children: EncounterChildren): SQL[] {
  const parts: SQL[] = [];
  if (children.forms.length > 0) {
    parts.push(
      sql`insert into screening_encounter_forms (encounter_id, tenant_id, kind, form) values ${sql.join(
        children.forms.map((form) => sql`(${encounterId}, ${tenantId}, ${form.kind}, ${form.form})`),
        sql`, `,
      )}`,
    );
  }
  if (children.answers.length > 0) {
    parts.push(
      sql`insert into screening_answers (id, encounter_id, tenant_id, item_key, choice, choices, text_encrypted) values ${sql.join(
        children.answers.map(
          (answer) =>
            sql`(${answer.id}, ${encounterId}, ${tenantId}, ${answer.itemKey}, ${answer.choice}, ${optionalTextArray(answer.choices)}, ${answer.textEncrypted})`,
        ),
        sql`, `,
      )}`,
    );
  }
  if (children.referrals.length > 0) {
    parts.push(
      sql`insert into screening_referrals (id, encounter_id, tenant_id, kind, target, directory_service_id, status, report_type, made_on, municipality_code, consent_scope, consent_given_at, created_by, created_at) values ${sql.join(
        children.referrals.map(
          (r) =>
            sql`(${r.id}, ${encounterId}, ${tenantId}, ${r.kind}, ${r.target}, ${r.directoryServiceId}, ${r.status}, ${r.reportType}, ${r.madeOn}::date, ${r.municipalityCode},
               ${optionalTextArray(r.consentScope)}, ${r.consentGivenAt?.toISOString() ?? null}::timestamptz, ${r.createdBy}, ${r.createdAt.toISOString()}::timestamptz)`,
        ),
        sql`, `,
      )}`,
    );
  }
  if (children.information.length > 0) {
    parts.push(
      sql`insert into screening_information (id, encounter_id, tenant_id, material, language, delivery, created_by, created_at) values ${sql.join(
        children.information.map(
          (i) =>
            sql`(${i.id}, ${encounterId}, ${tenantId}, ${i.material}, ${i.language}, ${i.delivery}, ${i.createdBy}, ${i.createdAt.toISOString()}::timestamptz)`,
        ),
        sql`, `,
      )}`,
    );
  }
  return parts;
}

/**
 * Runs several inserts as one statement (data-modifying CTEs), optionally ending with a select
 * (e.g. the audit event): one round trip for a whole encounter.
 */
async function insertAll(tx: Tx, statements: SQL[], final?: SQL): Promise<void> {
  const last = final ? sql`select ${final}` : statements.pop();
  if (!last) return;
  if (statements.length === 0) {
    await tx.execute(last);
    return;
  }
  await tx.execute(
    sql`with ${sql.join(
      statements.map((statement, index) => sql`${sql.raw(`w${index}`)} as (${statement})`),
      sql`, `,
    )} ${last}`,
  );
}

/** The encounter, its children, its note and its audit event (`audit`, an `auditAppendSql` call) in one statement. */
export async function insertEncounter(tx: Tx, row: EncounterRow & { id: string }, children: EncounterChildren, note: string | null, audit: SQL): Promise<void> {
  const encounter = sql`insert into screening_encounters (id, tenant_id, unit_id, created_by, created_by_service_account, process_id, routine_version_id,
      question_set_version_id, occurred_on, occurred_month, channel, basis, interpreter, eligible, client_sex, client_age_band,
      client_municipality_code, client_county_code, case_reference_encrypted, case_reference_hash, status, asking, not_asked_reason, outcome,
      children_in_household, child_at_risk, acute_danger, perpetrator_wants_help, completed_at, demo, created_at)
    values (${row.id}, ${row.tenantId}, ${row.unitId}, ${row.createdBy ?? null}, ${row.createdByServiceAccount ?? null}, ${row.processId}, ${row.routineVersionId},
      ${row.questionSetVersionId ?? null}, ${row.occurredOn ?? null}::date, ${row.occurredMonth}::date, ${row.channel}, ${row.basis}, ${row.interpreter}, ${row.eligible},
      ${row.clientSex}, ${row.clientAgeBand}, ${row.clientMunicipalityCode ?? null}, ${row.clientCountyCode ?? null}, ${row.caseReferenceEncrypted ?? null},
      ${row.caseReferenceHash ?? null}, ${row.status ?? 'open'}, ${row.asking ?? null}, ${row.notAskedReason ?? null}, ${row.outcome ?? null},
      ${row.childrenInHousehold ?? null}, ${row.childAtRisk ?? null}, ${row.acuteDanger ?? null}, ${row.perpetratorWantsHelp ?? null},
      ${row.completedAt?.toISOString() ?? null}::timestamptz, ${row.demo ?? false}, ${row.createdAt ? sql`${row.createdAt.toISOString()}::timestamptz` : APP_NOW})`;
  const statements = [encounter, ...childInserts(row.id, row.tenantId, children)];
  if (note !== null)
    statements.push(
      sql`insert into screening_notes (encounter_id, tenant_id, note_encrypted, updated_by) values (${row.id}, ${row.tenantId}, ${note}, ${row.createdBy ?? null})`,
    );
  await insertAll(tx, statements, audit);
}

export async function insertChildren(tx: Tx, encounterId: string, tenantId: string, children: EncounterChildren): Promise<void> {
  await insertAll(tx, childInserts(encounterId, tenantId, children));
}

export type ResultUpdate = Pick<
  EncounterRow,
  | 'asking'
  | 'notAskedReason'
  | 'outcome'
  | 'childrenInHousehold'
  | 'childAtRisk'
  | 'acuteDanger'
  | 'perpetratorWantsHelp'
  | 'questionSetVersionId'
  | 'completedAt'
>;

export async function completeEncounter(tx: Tx, id: string, update: ResultUpdate): Promise<boolean> {
  const rows = await tx
    .update(screeningEncounters)
    .set({ ...update, status: 'completed', version: sql`${screeningEncounters.version} + 1` })
    .where(and(eq(screeningEncounters.id, id), eq(screeningEncounters.status, 'open')))
    .returning({ id: screeningEncounters.id });
  return rows.length === 1;
}

/* ------------------------------------------------------------------ reading */

export type EncounterRecord = typeof screeningEncounters.$inferSelect & { processCode: string; processName: string; hasNote: boolean };

export async function loadEncounterRows(tx: Tx, ids: readonly string[]): Promise<EncounterRecord[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      encounter: screeningEncounters,
      processCode: screeningProcesses.code,
      processName: screeningProcesses.name,
      hasNote: sql<boolean>`exists (select 1 from screening_notes n where n.encounter_id = ${screeningEncounters.id})`,
    })
    .from(screeningEncounters)
    .innerJoin(screeningProcesses, eq(screeningProcesses.id, screeningEncounters.processId))
    .where(inArray(screeningEncounters.id, [...ids]));
  return rows.map((row) => ({ ...row.encounter, processCode: row.processCode, processName: row.processName, hasNote: row.hasNote }));
}

export type LoadedChildren = {
  forms: Array<{ encounterId: string; kind: DisclosureKind; form: ViolenceForm }>;
  answers: Array<{ id: string; encounterId: string; itemKey: string; choice: string | null; choices: string[] | null; textEncrypted: string | null }>;
  referrals: Array<typeof screeningReferrals.$inferSelect>;
  information: Array<typeof screeningInformation.$inferSelect>;
};

export async function loadChildren(tx: Tx, ids: readonly string[], withAnswers: boolean): Promise<LoadedChildren> {
  if (ids.length === 0) return { forms: [], answers: [], referrals: [], information: [] };
  const list = [...ids];
  const forms = await tx
    .select({ encounterId: screeningEncounterForms.encounterId, kind: screeningEncounterForms.kind, form: screeningEncounterForms.form })
    .from(screeningEncounterForms)
    .where(inArray(screeningEncounterForms.encounterId, list));
  const answers = withAnswers
    ? await tx
        .select({
          id: screeningAnswers.id,
          encounterId: screeningAnswers.encounterId,
          itemKey: screeningAnswers.itemKey,
          choice: screeningAnswers.choice,
          choices: screeningAnswers.choices,
          textEncrypted: screeningAnswers.textEncrypted,
        })
        .from(screeningAnswers)
        .where(inArray(screeningAnswers.encounterId, list))
    : [];
  const referrals = await tx.select().from(screeningReferrals).where(inArray(screeningReferrals.encounterId, list)).orderBy(asc(screeningReferrals.createdAt));
  const information = await tx
    .select()
    .from(screeningInformation)
    .where(inArray(screeningInformation.encounterId, list))
    .orderBy(asc(screeningInformation.createdAt));
  return { forms, answers, referrals, information };
}

/**
 * Where an encounter is handled (the kernel's `locate`): through `screening_encounter_location`
 * (migration 0122), which answers for any encounter of the caller's organisation the protection
 * rules let it open — also one outside its reach, which row-level security hides — so the kernel
 * can ask for break-the-glass instead of answering "not found".
 */
export async function locateEncounter(tx: Tx, id: string) {
  const [row] = await queryRows<{ id: string; tenantId: string; unitId: string | null; createdBy: string | null }>(
    tx,
    sql`select id, tenant_id as "tenantId", unit_id as "unitId", created_by as "createdBy" from screening_encounter_location(${id}::uuid)`,
  );
  return row ?? null;
}

/** Ids of the most recent encounters the condition admits (row-level security removed the rest). */
export async function recentEncounterIds(tx: Tx, condition: SQL, limit: number): Promise<Array<{ id: string; tenantId: string }>> {
  return tx
    .select({ id: screeningEncounters.id, tenantId: screeningEncounters.tenantId })
    .from(screeningEncounters)
    .where(condition)
    .orderBy(desc(screeningEncounters.createdAt))
    .limit(limit);
}

/** A handover agreed with consent, not yet confirmed nor withdrawn. */
export const HANDOVER_UNCONFIRMED = sql`exists (select 1 from screening_referrals r where r.encounter_id = ${screeningEncounters.id}
  and r.kind = 'handover' and r.status = 'agreed' and r.consent_withdrawn_at is null)`;

/** A child-at-risk report decided on ('will report') and not yet made. */
export const REPORT_TO_MAKE = sql`exists (select 1 from screening_referrals r where r.encounter_id = ${screeningEncounters.id}
  and r.kind = 'report' and r.status = 'planned')`;

/**
 * The caseworker could not ask, and no later encounter with the same case reference asked the
 * client (issue 22). Without a case reference nothing can tell, so the encounter stays listed.
 */
export const NOT_ASKED_OPEN = sql`(${screeningEncounters.asking} = 'not_asked' and ${screeningEncounters.anonymisedAt} is null
  and ${screeningEncounters.followedUpAt} is null
  and not exists (select 1 from screening_encounters later
    where ${screeningEncounters.caseReferenceHash} is not null
      and later.tenant_id = ${screeningEncounters.tenantId}
      and later.case_reference_hash = ${screeningEncounters.caseReferenceHash}
      and later.asking = 'asked'
      and later.created_at > ${screeningEncounters.createdAt}))`;

/** Marks a not-asked encounter followed up (issue 22); false when it was not one. */
export async function markFollowedUp(tx: Tx, id: string, userId: string | null, now: Date): Promise<boolean> {
  const rows = await tx
    .update(screeningEncounters)
    .set({ followedUpAt: now, followedUpBy: userId })
    .where(and(eq(screeningEncounters.id, id), eq(screeningEncounters.asking, 'not_asked')))
    .returning({ id: screeningEncounters.id });
  return rows.length > 0;
}

/** Encounters with something left to do: a handover not confirmed, a report to make, no result yet. */
export const PENDING = sql`(${screeningEncounters.status} = 'open'
  or exists (select 1 from screening_referrals r where r.encounter_id = ${screeningEncounters.id}
             and ((r.kind = 'handover' and r.status = 'agreed' and r.consent_withdrawn_at is null)
               or (r.kind = 'report' and r.status = 'planned'))))`;

export async function encounterIdsByCaseReference(tx: Tx, hash: string, condition: SQL): Promise<Array<{ id: string; tenantId: string }>> {
  return tx
    .select({ id: screeningEncounters.id, tenantId: screeningEncounters.tenantId })
    .from(screeningEncounters)
    .where(and(eq(screeningEncounters.caseReferenceHash, hash), condition))
    .orderBy(desc(screeningEncounters.createdAt))
    .limit(50);
}

/* ------------------------------------------------------------------ referrals, notes */

export async function findReferral(tx: Tx, encounterId: string, referralId: string) {
  const [row] = await tx
    .select()
    .from(screeningReferrals)
    .where(and(eq(screeningReferrals.id, referralId), eq(screeningReferrals.encounterId, encounterId)));
  return row;
}

export async function updateReferral(
  tx: Tx,
  referralId: string,
  set: Partial<Pick<typeof screeningReferrals.$inferInsert, 'status' | 'madeOn' | 'consentWithdrawnAt' | 'completedAt'>>,
) {
  await tx.update(screeningReferrals).set(set).where(eq(screeningReferrals.id, referralId));
}

export async function readNote(tx: Tx, encounterId: string) {
  const [row] = await tx.select().from(screeningNotes).where(eq(screeningNotes.encounterId, encounterId));
  return row;
}

export async function writeNote(tx: Tx, values: { encounterId: string; tenantId: string; noteEncrypted: string; updatedBy: string | null; now: Date }) {
  await tx
    .insert(screeningNotes)
    .values({
      encounterId: values.encounterId,
      tenantId: values.tenantId,
      noteEncrypted: values.noteEncrypted,
      updatedBy: values.updatedBy,
      updatedAt: values.now,
    })
    .onConflictDoUpdate({
      target: screeningNotes.encounterId,
      set: { noteEncrypted: values.noteEncrypted, updatedBy: values.updatedBy, updatedAt: values.now },
    });
}

/* ------------------------------------------------------------------ idempotency */

export type IdempotencyRecord = { operation: string; requestHash: string; encounterId: string; statusCode: number };

/**
 * Claims a key for this request, or returns the earlier request's record. A concurrent request
 * with the same key waits here until the first one commits (unique index), then finds its record.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  values: { tenantId: string; actorId: string; key: string; createdAt: Date } & IdempotencyRecord,
): Promise<IdempotencyRecord | undefined> {
  const inserted = await tx.insert(screeningIdempotency).values(values).onConflictDoNothing().returning({ key: screeningIdempotency.key });
  return inserted.length === 1 ? undefined : findIdempotencyRecord(tx, values);
}

/* ------------------------------------------------------------------ drafts */

export async function insertDraft(
  tx: Tx,
  values: { id: string; tenantId: string; unitId: string; userId: string; payloadEncrypted: string; protectedIdentity: boolean; now: Date },
) {
  await tx.insert(screeningDrafts).values({ ...values, createdAt: values.now, updatedAt: values.now });
}

export async function findDraft(tx: Tx, id: string) {
  const [row] = await tx.select().from(screeningDrafts).where(eq(screeningDrafts.id, id));
  return row;
}

export async function listDrafts(tx: Tx, notBefore: Date) {
  return tx
    .select({ id: screeningDrafts.id, tenantId: screeningDrafts.tenantId, updatedAt: screeningDrafts.updatedAt })
    .from(screeningDrafts)
    .where(sql`${screeningDrafts.updatedAt} >= ${notBefore.toISOString()}::timestamptz`)
    .orderBy(desc(screeningDrafts.updatedAt))
    .limit(20);
}

export async function updateDraft(tx: Tx, id: string, version: number | undefined, payloadEncrypted: string, protectedIdentity: boolean, now: Date) {
  return tx
    .update(screeningDrafts)
    .set({ payloadEncrypted, protectedIdentity, updatedAt: now, version: sql`${screeningDrafts.version} + 1` })
    .where(version === undefined ? eq(screeningDrafts.id, id) : and(eq(screeningDrafts.id, id), eq(screeningDrafts.version, version)))
    .returning({ version: screeningDrafts.version, updatedAt: screeningDrafts.updatedAt });
}

export async function deleteDraft(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.delete(screeningDrafts).where(eq(screeningDrafts.id, id)).returning({ id: screeningDrafts.id });
  return rows.length === 1;
}
