import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ContentStatus } from '#shared/contracts/screening.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import {
  screeningProcesses,
  screeningQuestionSets,
  screeningQuestionSetVersions,
  screeningRoutines,
  screeningRoutineVersions,
  screeningSettings,
} from './schema.ts';

/**
 * SQL of the screening content: processes, routines and question sets with their versions, and
 * the agency's settings. Row-level security shows the caller's own content and what others share.
 */

export type QuestionSetRow = typeof screeningQuestionSets.$inferSelect & { owner: string };
export type QuestionSetVersionRow = typeof screeningQuestionSetVersions.$inferSelect;
export type RoutineRow = typeof screeningRoutines.$inferSelect & { owner: string; process: typeof screeningProcesses.$inferSelect | null };
export type RoutineVersionRow = typeof screeningRoutineVersions.$inferSelect;

const ownerName = (tenant: typeof screeningQuestionSets.tenantId | typeof screeningRoutines.tenantId) =>
  sql<string>`(select coalesce(o.short_name, o.name) from organisations o where o.id = ${tenant})`;

export async function questionSets(tx: Tx, id?: string): Promise<QuestionSetRow[]> {
  const rows = await tx
    .select({ set: screeningQuestionSets, owner: ownerName(screeningQuestionSets.tenantId) })
    .from(screeningQuestionSets)
    .where(id ? eq(screeningQuestionSets.id, id) : undefined)
    .orderBy(asc(screeningQuestionSets.name));
  return rows.map((row) => ({ ...row.set, owner: row.owner }));
}

export async function questionSetVersions(tx: Tx, setIds: string[]): Promise<QuestionSetVersionRow[]> {
  if (setIds.length === 0) return [];
  return tx
    .select()
    .from(screeningQuestionSetVersions)
    .where(inArray(screeningQuestionSetVersions.questionSetId, setIds))
    .orderBy(desc(screeningQuestionSetVersions.number));
}

export async function questionSetVersion(tx: Tx, id: string): Promise<QuestionSetVersionRow | undefined> {
  const [row] = await tx.select().from(screeningQuestionSetVersions).where(eq(screeningQuestionSetVersions.id, id));
  return row;
}

export async function insertQuestionSet(tx: Tx, values: typeof screeningQuestionSets.$inferInsert): Promise<string> {
  const [row] = await tx.insert(screeningQuestionSets).values(values).returning({ id: screeningQuestionSets.id });
  return row!.id;
}

export async function insertQuestionSetVersion(tx: Tx, values: typeof screeningQuestionSetVersions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(screeningQuestionSetVersions).values(values).returning({ id: screeningQuestionSetVersions.id });
  return row!.id;
}

/** Bumps the set's version if it is still the one the editor read; false when someone else moved it. */
export async function bumpQuestionSet(tx: Tx, id: string, version: number, name?: string): Promise<boolean> {
  const rows = await tx
    .update(screeningQuestionSets)
    .set({ version: sql`${screeningQuestionSets.version} + 1`, ...(name ? { name } : {}) })
    .where(and(eq(screeningQuestionSets.id, id), eq(screeningQuestionSets.version, version)))
    .returning({ id: screeningQuestionSets.id });
  return rows.length === 1;
}

export async function updateQuestionSetVersion(tx: Tx, id: string, set: Partial<typeof screeningQuestionSetVersions.$inferInsert>): Promise<void> {
  await tx.update(screeningQuestionSetVersions).set(set).where(eq(screeningQuestionSetVersions.id, id));
}

export async function routines(tx: Tx, id?: string): Promise<RoutineRow[]> {
  const rows = await tx
    .select({ routine: screeningRoutines, owner: ownerName(screeningRoutines.tenantId), process: screeningProcesses })
    .from(screeningRoutines)
    .leftJoin(screeningProcesses, eq(screeningProcesses.id, screeningRoutines.processId))
    .where(id ? eq(screeningRoutines.id, id) : undefined)
    .orderBy(asc(screeningRoutines.kind), asc(screeningRoutines.title));
  return rows.map((row) => ({ ...row.routine, owner: row.owner, process: row.process }));
}

export async function routineVersions(tx: Tx, routineIds: string[]): Promise<RoutineVersionRow[]> {
  if (routineIds.length === 0) return [];
  return tx
    .select()
    .from(screeningRoutineVersions)
    .where(inArray(screeningRoutineVersions.routineId, routineIds))
    .orderBy(desc(screeningRoutineVersions.number));
}

export async function routineVersion(tx: Tx, id: string): Promise<RoutineVersionRow | undefined> {
  const [row] = await tx.select().from(screeningRoutineVersions).where(eq(screeningRoutineVersions.id, id));
  return row;
}

export async function insertProcess(tx: Tx, values: typeof screeningProcesses.$inferInsert): Promise<string> {
  const [row] = await tx.insert(screeningProcesses).values(values).returning({ id: screeningProcesses.id });
  return row!.id;
}

export async function insertRoutine(tx: Tx, values: typeof screeningRoutines.$inferInsert): Promise<string> {
  const [row] = await tx.insert(screeningRoutines).values(values).returning({ id: screeningRoutines.id });
  return row!.id;
}

export async function insertRoutineVersion(tx: Tx, values: typeof screeningRoutineVersions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(screeningRoutineVersions).values(values).returning({ id: screeningRoutineVersions.id });
  return row!.id;
}

export async function bumpRoutine(tx: Tx, id: string, version: number, title?: string): Promise<boolean> {
  const rows = await tx
    .update(screeningRoutines)
    .set({ version: sql`${screeningRoutines.version} + 1`, ...(title ? { title } : {}) })
    .where(and(eq(screeningRoutines.id, id), eq(screeningRoutines.version, version)))
    .returning({ id: screeningRoutines.id });
  return rows.length === 1;
}

export async function updateRoutineVersion(tx: Tx, id: string, set: Partial<typeof screeningRoutineVersions.$inferInsert>): Promise<void> {
  await tx.update(screeningRoutineVersions).set(set).where(eq(screeningRoutineVersions.id, id));
}

/** The version of a content item in a status (at most one draft/review and one published, by index). */
export function inStatus<T extends { status: ContentStatus }>(versions: T[], ...statuses: ContentStatus[]): T | undefined {
  return versions.find((version) => statuses.includes(version.status));
}

/** The caller's agency's active processes with the routine version in force. */
export async function processesInForce(tx: Tx) {
  return tx
    .select({ process: screeningProcesses, version: screeningRoutineVersions })
    .from(screeningProcesses)
    .innerJoin(screeningRoutines, eq(screeningRoutines.processId, screeningProcesses.id))
    .innerJoin(screeningRoutineVersions, and(eq(screeningRoutineVersions.routineId, screeningRoutines.id), eq(screeningRoutineVersions.status, 'published')))
    .where(eq(screeningProcesses.active, true))
    .orderBy(asc(screeningProcesses.name));
}

export async function unitMunicipality(tx: Tx, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const [row] = await queryRows<{ code: string | null }>(tx, sql`select municipality_code as code from units where id = ${unitId}`);
  return row?.code?.trim() ?? null;
}

export async function settings(tx: Tx) {
  const [row] = await tx.select().from(screeningSettings);
  return row;
}

export async function upsertSettings(
  tx: Tx,
  tenantId: string,
  version: number,
  values: Pick<typeof screeningSettings.$inferInsert, 'notesEnabled' | 'retentionMonths' | 'retentionAction' | 'updatedBy' | 'updatedAt'>,
): Promise<boolean> {
  if (version === 1) {
    const inserted = await tx
      .insert(screeningSettings)
      .values({ tenantId, ...values, version: 2 })
      .onConflictDoNothing()
      .returning({ tenantId: screeningSettings.tenantId });
    if (inserted.length === 1) return true;
  }
  const rows = await tx
    .update(screeningSettings)
    .set({ ...values, version: sql`${screeningSettings.version} + 1` })
    .where(and(eq(screeningSettings.tenantId, tenantId), eq(screeningSettings.version, version)))
    .returning({ tenantId: screeningSettings.tenantId });
  return rows.length === 1;
}

export async function maxVersionNumber(tx: Tx, table: 'question_set' | 'routine', parentId: string): Promise<number> {
  const [row] =
    table === 'question_set'
      ? await queryRows<{ n: number }>(
          tx,
          sql`select coalesce(max(number), 0)::int as n from screening_question_set_versions where question_set_id = ${parentId}`,
        )
      : await queryRows<{ n: number }>(tx, sql`select coalesce(max(number), 0)::int as n from screening_routine_versions where routine_id = ${parentId}`);
  return row?.n ?? 0;
}
