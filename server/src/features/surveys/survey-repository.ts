import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { organisations } from '../../platform/db/reference-schema.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { surveyAnswers, surveyResponses, surveyRoundDisclosure, surveyRounds, surveys } from './schema.ts';

/** The only place surveys speak SQL. Row-level security decides which rows exist for the caller. */

export type SurveyRow = typeof surveys.$inferSelect;
export type RoundRow = typeof surveyRounds.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;
export type AnswerRow = typeof surveyAnswers.$inferSelect;

export async function findSurvey(tx: Tx, id: string): Promise<SurveyRow | undefined> {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, id));
  return row;
}

export function listSurveyRows(tx: Tx): Promise<SurveyRow[]> {
  return tx.select().from(surveys).orderBy(asc(surveys.seriesKey), desc(surveys.versionNumber));
}

export async function insertSurvey(tx: Tx, values: typeof surveys.$inferInsert): Promise<SurveyRow> {
  const [row] = await tx.insert(surveys).values(values).returning();
  return row!;
}

export async function latestVersionNumber(tx: Tx, seriesKey: string): Promise<number> {
  const [row] = await queryRows<{ latest: number | null }>(tx, sql`select max(version_number)::int as latest from surveys where series_key = ${seriesKey}`);
  return row?.latest ?? 0;
}

/** Changes a draft when the caller read its current version; undefined when it moved on or is locked. */
export async function updateDraft(
  tx: Tx,
  id: string,
  version: number,
  values: { title: string; definition: unknown; now: Date },
): Promise<SurveyRow | undefined> {
  const [row] = await tx
    .update(surveys)
    .set({ title: values.title, definition: values.definition, version: sql`${surveys.version} + 1`, updatedAt: values.now })
    .where(and(eq(surveys.id, id), eq(surveys.version, version), eq(surveys.locked, false)))
    .returning();
  return row;
}

export async function lockSurvey(tx: Tx, id: string): Promise<void> {
  await tx.update(surveys).set({ locked: true }).where(eq(surveys.id, id));
}

export async function insertRound(tx: Tx, values: typeof surveyRounds.$inferInsert): Promise<RoundRow> {
  const [row] = await tx.insert(surveyRounds).values(values).returning();
  return row!;
}

export async function findRound(tx: Tx, id: string): Promise<RoundRow | undefined> {
  const [row] = await tx.select().from(surveyRounds).where(eq(surveyRounds.id, id));
  return row;
}

export function listRoundRows(tx: Tx): Promise<RoundRow[]> {
  return tx.select(getColumns()).from(surveyRounds).orderBy(desc(surveyRounds.year), desc(surveyRounds.createdAt));
}

/** Responses per round, anonymity and status: the rows `answerCounts` sums for the round list. */
export function responseStatusCounts(tx: Tx): Promise<Array<{ roundId: string; anonymous: boolean; status: ResponseRow['status']; count: number }>> {
  return tx
    .select({ roundId: surveyResponses.roundId, anonymous: surveyResponses.anonymous, status: surveyResponses.status, count: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .groupBy(surveyResponses.roundId, surveyResponses.anonymous, surveyResponses.status);
}

function getColumns() {
  return {
    id: surveyRounds.id,
    tenantId: surveyRounds.tenantId,
    surveyId: surveyRounds.surveyId,
    createdBy: surveyRounds.createdBy,
    title: surveyRounds.title,
    year: surveyRounds.year,
    deadline: surveyRounds.deadline,
    allowLate: surveyRounds.allowLate,
    closed: surveyRounds.closed,
    openTokenHash: surveyRounds.openTokenHash,
    openTokenEncrypted: surveyRounds.openTokenEncrypted,
    version: surveyRounds.version,
    demo: surveyRounds.demo,
    createdAt: surveyRounds.createdAt,
  };
}

export async function updateRoundRow(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<Pick<RoundRow, 'deadline' | 'allowLate' | 'closed'>>,
): Promise<RoundRow | undefined> {
  const [row] = await tx
    .update(surveyRounds)
    .set({ ...values, version: sql`${surveyRounds.version} + 1` })
    .where(and(eq(surveyRounds.id, id), eq(surveyRounds.version, version)))
    .returning();
  return row;
}

/** The previous year's round of the same series (the comparison in the results). */
export async function previousRound(tx: Tx, seriesKey: string, year: number): Promise<RoundRow | undefined> {
  const [row] = await tx
    .select(getColumns())
    .from(surveyRounds)
    .innerJoin(surveys, eq(surveys.id, surveyRounds.surveyId))
    .where(and(eq(surveys.seriesKey, seriesKey), lt(surveyRounds.year, year)))
    .orderBy(desc(surveyRounds.year), desc(surveyRounds.createdAt))
    .limit(1);
  return row;
}

export function insertResponses(tx: Tx, rows: Array<typeof surveyResponses.$inferInsert>) {
  return rows.length === 0 ? Promise.resolve([]) : tx.insert(surveyResponses).values(rows).returning({ id: surveyResponses.id });
}

export function responsesOf(tx: Tx, roundId: string): Promise<ResponseRow[]> {
  return tx
    .select()
    .from(surveyResponses)
    .where(eq(surveyResponses.roundId, roundId))
    .orderBy(asc(surveyResponses.respondentName), asc(surveyResponses.createdAt));
}

export async function findResponse(tx: Tx, roundId: string, id: string): Promise<ResponseRow | undefined> {
  const [row] = await tx
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.roundId, roundId), eq(surveyResponses.id, id)));
  return row;
}

export async function findResponseById(tx: Tx, id: string): Promise<ResponseRow | undefined> {
  const [row] = await tx.select().from(surveyResponses).where(eq(surveyResponses.id, id));
  return row;
}

export async function updateResponseRow(
  tx: Tx,
  id: string,
  version: number | null,
  values: Partial<Pick<ResponseRow, 'contactName' | 'contactEmail' | 'status' | 'remindedAt' | 'reopenedAt' | 'submittedAt' | 'late'>>,
): Promise<ResponseRow | undefined> {
  const [row] = await tx
    .update(surveyResponses)
    .set({ ...values, version: sql`${surveyResponses.version} + 1` })
    .where(version === null ? eq(surveyResponses.id, id) : and(eq(surveyResponses.id, id), eq(surveyResponses.version, version)))
    .returning();
  return row;
}

export function answersOf(tx: Tx, responseIds: string[]): Promise<AnswerRow[]> {
  if (responseIds.length === 0) return Promise.resolve([]);
  return tx.select().from(surveyAnswers).where(inArray(surveyAnswers.responseId, responseIds));
}

export async function organisationsByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, ids));
}

export function municipalitiesOfCounty(tx: Tx, county: string) {
  return tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, 'municipality'), eq(organisations.countyCode, county), eq(organisations.active, true)))
    .orderBy(asc(organisations.name));
}

// ---- The respondent's link (upptack_public with the token's hash): no id in the conditions where
// the policy alone decides which rows the token reaches.

export type TokenResponse = Pick<ResponseRow, 'id' | 'roundId' | 'tenantId' | 'respondentName' | 'status' | 'openedAt' | 'submittedAt' | 'late' | 'version'>;

export async function tokenResponse(tx: Tx): Promise<TokenResponse | undefined> {
  const [row] = await tx
    .select({
      id: surveyResponses.id,
      roundId: surveyResponses.roundId,
      tenantId: surveyResponses.tenantId,
      respondentName: surveyResponses.respondentName,
      status: surveyResponses.status,
      openedAt: surveyResponses.openedAt,
      submittedAt: surveyResponses.submittedAt,
      late: surveyResponses.late,
      version: surveyResponses.version,
    })
    .from(surveyResponses);
  return row;
}

export async function tokenRound(tx: Tx, roundId?: string) {
  const [row] = await tx
    .select({
      id: surveyRounds.id,
      tenantId: surveyRounds.tenantId,
      surveyId: surveyRounds.surveyId,
      title: surveyRounds.title,
      deadline: surveyRounds.deadline,
      allowLate: surveyRounds.allowLate,
      closed: surveyRounds.closed,
    })
    .from(surveyRounds)
    .where(roundId ? eq(surveyRounds.id, roundId) : undefined);
  return row;
}

export async function tokenSurvey(tx: Tx, surveyId: string) {
  const [row] = await tx.select({ id: surveys.id, title: surveys.title, definition: surveys.definition }).from(surveys).where(eq(surveys.id, surveyId));
  return row;
}

export function tokenAnswers(tx: Tx, responseId: string) {
  return tx
    .select({ questionId: surveyAnswers.questionId, valueEncrypted: surveyAnswers.valueEncrypted, version: surveyAnswers.version })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.responseId, responseId));
}

/** Plain SQL naming only the columns a link may insert (the ORM would also write `default` into the others). */
export async function insertAnswer(tx: Tx, values: { responseId: string; tenantId: string; questionId: string; valueEncrypted: string }): Promise<void> {
  await tx.execute(
    sql`insert into survey_answers (response_id, tenant_id, question_id, value_encrypted, version) values (${values.responseId}, ${values.tenantId}, ${values.questionId}, ${values.valueEncrypted}, 1)`,
  );
}

/** Changes an answer read at `version`; false when someone else saved it first. */
export async function updateAnswer(tx: Tx, responseId: string, questionId: string, version: number, valueEncrypted: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(surveyAnswers)
    .set({ valueEncrypted, version: version + 1, updatedAt: now })
    .where(and(eq(surveyAnswers.responseId, responseId), eq(surveyAnswers.questionId, questionId), eq(surveyAnswers.version, version)))
    .returning({ version: surveyAnswers.version });
  return rows.length === 1;
}

export async function updateTokenResponse(tx: Tx, values: Partial<Pick<ResponseRow, 'status' | 'openedAt' | 'submittedAt' | 'late'>>): Promise<void> {
  await tx.update(surveyResponses).set({ ...values, version: sql`${surveyResponses.version} + 1` });
}

export async function submitOpenResponse(
  tx: Tx,
  responseId: string,
  late: boolean,
  answers: Array<{ question: string; value: string }>,
): Promise<string | null> {
  const [row] = await queryRows<{ round_id: string | null }>(
    tx,
    sql`select survey_submit_open_response(${responseId}::uuid, ${late}, ${JSON.stringify(answers)}::jsonb) as round_id`,
  );
  return row?.round_id ?? null;
}

// ---- A closed round's published counts of persons (migration 0100, ADR 0054).

export type DisclosureRow = typeof surveyRoundDisclosure.$inferSelect;

export async function findRoundDisclosure(tx: Tx, roundId: string): Promise<DisclosureRow | undefined> {
  const [row] = await tx.select().from(surveyRoundDisclosure).where(eq(surveyRoundDisclosure.roundId, roundId));
  return row;
}

/** Stores the published cells once; a concurrent first reader's cells win and are returned. */
export async function insertRoundDisclosure(tx: Tx, values: typeof surveyRoundDisclosure.$inferInsert): Promise<DisclosureRow> {
  await tx.insert(surveyRoundDisclosure).values(values).onConflictDoNothing();
  return (await findRoundDisclosure(tx, values.roundId))!;
}
