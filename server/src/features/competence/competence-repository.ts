import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '#shared/auth/roles.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import {
  competencePlanEntries,
  competencePlanParticipants,
  competencePlans,
  staffSupportContent,
  supervisionSessions,
  trainingCompletions,
  trainingCourses,
  trainingRequirements,
} from './schema.ts';
import { textArray, uuidArray } from '../../platform/db/array-parameter.ts';

/** The only place of the competence feature (apart from the measures and events) that speaks SQL. */

export type CourseRow = typeof trainingCourses.$inferSelect & { ownerName: string };
export type RequirementRow = typeof trainingRequirements.$inferSelect & { courseTitle: string; unitName: string | null };
export type CompletionRow = typeof trainingCompletions.$inferSelect & { personName: string; unitName: string; courseTitle: string };

// ---- Courses
export async function listCourseRows(tx: Tx, id?: string): Promise<CourseRow[]> {
  const courses = await tx
    .select()
    .from(trainingCourses)
    .where(id ? eq(trainingCourses.id, id) : undefined);
  if (courses.length === 0) return [];
  const owners = new Map(
    (
      await queryRows<{ id: string; name: string }>(
        tx,
        sql`select id, name from organisations where id = any (${uuidArray([...new Set(courses.map((c) => c.tenantId))])})`,
      )
    ).map((row) => [row.id, row.name]),
  );
  return courses.map((row) => ({ ...row, ownerName: owners.get(row.tenantId) ?? '' })).sort((a, b) => a.title.localeCompare(b.title, 'sv'));
}

export async function insertCourse(tx: Tx, values: typeof trainingCourses.$inferInsert): Promise<string> {
  const [row] = await tx.insert(trainingCourses).values(values).returning({ id: trainingCourses.id });
  return row!.id;
}

export async function updateCourse(tx: Tx, id: string, version: number, values: Partial<typeof trainingCourses.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(trainingCourses)
    .set({ ...values, version: version + 1 })
    .where(and(eq(trainingCourses.id, id), eq(trainingCourses.version, version), sql`${trainingCourses.tenantId} = app_tenant()`))
    .returning({ id: trainingCourses.id });
  return rows.length === 1;
}

/** Courses the caller can name: its own and the shared catalogue. */
export async function knownCourses(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; title: string }>(tx, sql`select id, title from training_courses where id = any (${uuidArray(ids)})`);
  return new Map(rows.map((row) => [row.id, row.title]));
}

// ---- Requirements
export async function listRequirementRows(tx: Tx, id?: string): Promise<RequirementRow[]> {
  return queryRows<RequirementRow>(
    tx,
    sql`select r.id, r.tenant_id as "tenantId", r.course_id as "courseId", r.unit_id as "unitId", r.roles, to_char(r.deadline, 'YYYY-MM-DD') as deadline,
               r.note, r.active, r.created_by as "createdBy", r.version, r.demo, r.created_at as "createdAt",
               c.title as "courseTitle", u.name as "unitName"
          from training_requirements r
          join training_courses c on c.id = r.course_id
          left join units u on u.id = r.unit_id
         ${id ? sql`where r.id = ${id}` : sql``}
         order by r.deadline, c.title`,
  );
}

export async function insertRequirement(tx: Tx, values: typeof trainingRequirements.$inferInsert): Promise<string> {
  const [row] = await tx.insert(trainingRequirements).values(values).returning({ id: trainingRequirements.id });
  return row!.id;
}

export async function updateRequirement(
  tx: Tx,
  id: string,
  version: number,
  values: { roles: Role[]; deadline: string; note: string | null; active: boolean },
): Promise<boolean> {
  const rows = await tx
    .update(trainingRequirements)
    .set({ ...values, version: version + 1 })
    .where(and(eq(trainingRequirements.id, id), eq(trainingRequirements.version, version)))
    .returning({ id: trainingRequirements.id });
  return rows.length === 1;
}

/** A unit of the caller's organisation (units are readable across organisations: filter here). */
export async function ownUnit(tx: Tx, id: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await queryRows<{ id: string; name: string }>(tx, sql`select id, name from units where id = ${id} and tenant_id = app_tenant()`);
  return row;
}

export async function unitNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from units where id = any (${uuidArray(ids)}) and tenant_id = app_tenant()`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

// ---- Completions
export async function listCompletionRows(
  tx: Tx,
  filter: { id?: string; userId?: string; unitIds?: readonly string[]; status?: 'recorded' | 'confirmed' },
): Promise<CompletionRow[]> {
  return queryRows<CompletionRow>(
    tx,
    sql`select t.id, t.tenant_id as "tenantId", t.user_id as "userId", t.unit_id as "unitId", t.course_id as "courseId",
               to_char(t.completed_on, 'YYYY-MM-DD') as "completedOn", t.source, t.status, t.recorded_by as "recordedBy",
               t.confirmed_by as "confirmedBy", t.confirmed_at as "confirmedAt", t.import_id as "importId", t.version, t.demo,
               t.created_at as "createdAt", p.display_name as "personName", u.name as "unitName", c.title as "courseTitle"
          from training_completions t
          join users p on p.id = t.user_id
          join units u on u.id = t.unit_id
          join training_courses c on c.id = t.course_id
         where true
           ${filter.id ? sql`and t.id = ${filter.id}` : sql``}
           ${filter.userId ? sql`and t.user_id = ${filter.userId}` : sql``}
           ${filter.unitIds ? sql`and t.unit_id = any (${uuidArray(filter.unitIds)})` : sql``}
           ${filter.status ? sql`and t.status = ${filter.status}` : sql``}
         order by t.completed_on desc, p.display_name
         limit 5000`,
  );
}

export async function completionExists(tx: Tx, userId: string, courseId: string, completedOn: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from training_completions where user_id = ${userId} and course_id = ${courseId} and completed_on = ${completedOn}::date`,
  );
  return rows.length > 0;
}

export async function insertCompletions(tx: Tx, values: Array<typeof trainingCompletions.$inferInsert>): Promise<void> {
  for (let start = 0; start < values.length; start += 500) await tx.insert(trainingCompletions).values(values.slice(start, start + 500));
}

export async function confirmCompletion(tx: Tx, id: string, version: number, by: string | null, at: Date): Promise<boolean> {
  const rows = await tx
    .update(trainingCompletions)
    .set({ status: 'confirmed', confirmedBy: by, confirmedAt: at, version: version + 1 })
    .where(and(eq(trainingCompletions.id, id), eq(trainingCompletions.version, version), eq(trainingCompletions.status, 'recorded')))
    .returning({ id: trainingCompletions.id });
  return rows.length === 1;
}

/** A staff member of the caller's organisation: their current units (membership on `on`). */
export async function person(tx: Tx, id: string, on: string): Promise<{ id: string; name: string; unitIds: string[] } | undefined> {
  const [row] = await queryRows<{ id: string; name: string; unit_ids: string[] | null }>(
    tx,
    sql`select p.id, p.display_name as name,
               array(select distinct m.unit_id::text from memberships m where m.user_id = p.id and m.starts_on <= ${on}::date and (m.ends_on is null or m.ends_on >= ${on}::date)) as unit_ids
          from users p where p.id = ${id}`,
  );
  return row ? { id: row.id, name: row.name, unitIds: row.unit_ids ?? [] } : undefined;
}

/** Staff of the caller's organisation by email (lower case), with a unit they belong to on `on`. */
export async function peopleByEmail(tx: Tx, emails: readonly string[], on: string): Promise<Map<string, { id: string; name: string; unitId: string | null }>> {
  if (emails.length === 0) return new Map();
  const rows = await queryRows<{ id: string; email: string; name: string; unit_id: string | null }>(
    tx,
    sql`select p.id, p.email, p.display_name as name,
               (select m.unit_id from memberships m where m.user_id = p.id order by (m.starts_on <= ${on}::date and (m.ends_on is null or m.ends_on >= ${on}::date)) desc, m.starts_on desc limit 1) as unit_id
          from users p where p.email = any (${textArray(emails)})`,
  );
  return new Map(rows.map((row) => [row.email, { id: row.id, name: row.name, unitId: row.unit_id }]));
}

/** Existing completions among (user, course, date) triples: keys `user|course|date`. */
export async function existingCompletionKeys(tx: Tx, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await queryRows<{ key: string }>(
    tx,
    sql`select user_id::text || '|' || course_id::text || '|' || to_char(completed_on, 'YYYY-MM-DD') as key from training_completions where user_id = any (${uuidArray(userIds)})`,
  );
  return new Set(rows.map((row) => row.key));
}

// ---- Supervision
export type SupervisionRow = typeof supervisionSessions.$inferSelect & { unitName: string };

export async function listSupervisionRows(tx: Tx, unitIds: readonly string[] | null, from?: string): Promise<SupervisionRow[]> {
  return queryRows<SupervisionRow>(
    tx,
    sql`select s.id, s.tenant_id as "tenantId", s.unit_id as "unitId", to_char(s.held_on, 'YYYY-MM-DD') as "heldOn", s.leader,
               s.participant_count as "participantCount", s.participant_user_ids as "participantUserIds", s.topic,
               s.created_by as "createdBy", s.version, s.demo, s.created_at as "createdAt", u.name as "unitName"
          from supervision_sessions s join units u on u.id = s.unit_id
         where true
           ${unitIds ? sql`and s.unit_id = any (${uuidArray(unitIds)})` : sql``}
           ${from ? sql`and s.held_on >= ${from}::date` : sql``}
         order by s.held_on desc limit 2000`,
  );
}

export async function insertSupervision(tx: Tx, values: typeof supervisionSessions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(supervisionSessions).values(values).returning({ id: supervisionSessions.id });
  return row!.id;
}

export async function userNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(tx, sql`select id, display_name as name from users where id = any (${uuidArray(ids)})`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Of `userIds`, those with a membership in `unitId` on `on`. */
export async function membersOfUnit(tx: Tx, unitId: string, userIds: readonly string[], on: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`select distinct user_id from memberships where unit_id = ${unitId} and user_id = any (${uuidArray(userIds)})
          and starts_on <= ${on}::date and (ends_on is null or ends_on >= ${on}::date)`,
  );
  return new Set(rows.map((row) => row.user_id));
}

/** Units of the caller's organisation within reach (null: all), for the cadence view. */
export async function unitsInReach(tx: Tx, unitIds: readonly string[] | null): Promise<Array<{ id: string; name: string }>> {
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from units where tenant_id = app_tenant() and active and level = 'unit'
          ${unitIds ? sql`and id = any (${uuidArray(unitIds)})` : sql``} order by name`,
  );
}

// ---- Staff support
export async function findStaffSupport(tx: Tx) {
  const [row] = await tx
    .select()
    .from(staffSupportContent)
    .where(sql`${staffSupportContent.tenantId} = app_tenant()`);
  return row;
}

export async function saveStaffSupport(
  tx: Tx,
  tenantId: string,
  version: number,
  values: { body: string; helpRoute: string; updatedBy: string | null; now: Date },
): Promise<boolean> {
  if (version === 0) {
    const rows = await tx
      .insert(staffSupportContent)
      .values({ tenantId, body: values.body, helpRoute: values.helpRoute, updatedBy: values.updatedBy, updatedAt: values.now })
      .onConflictDoNothing()
      .returning({ id: staffSupportContent.id });
    return rows.length === 1;
  }
  const rows = await tx
    .update(staffSupportContent)
    .set({ body: values.body, helpRoute: values.helpRoute, updatedBy: values.updatedBy, updatedAt: values.now, version: version + 1 })
    .where(and(eq(staffSupportContent.tenantId, tenantId), eq(staffSupportContent.version, version)))
    .returning({ id: staffSupportContent.id });
  return rows.length === 1;
}

// ---- Competence plans
export async function listPlanRows(tx: Tx, id?: string) {
  return queryRows<{ id: string; county_code: string; county_name: string; year: number; title: string; entries: number; tenant_id: string }>(
    tx,
    sql`select p.id, p.county_code, c.name as county_name, p.year, p.title, p.tenant_id,
               (select count(*)::int from competence_plan_entries e where e.plan_id = p.id) as entries
          from competence_plans p join counties c on c.code = p.county_code
         ${id ? sql`where p.id = ${id}` : sql``}
         order by p.year desc, c.name`,
  );
}

export async function insertPlan(tx: Tx, values: typeof competencePlans.$inferInsert): Promise<string | undefined> {
  const [row] = await tx.insert(competencePlans).values(values).onConflictDoNothing().returning({ id: competencePlans.id });
  return row?.id;
}

export function planEntryRows(tx: Tx, planId: string) {
  return tx
    .select()
    .from(competencePlanEntries)
    .where(eq(competencePlanEntries.planId, planId))
    .orderBy(competencePlanEntries.plannedMonth, competencePlanEntries.organisationName);
}

export async function insertPlanEntry(tx: Tx, values: typeof competencePlanEntries.$inferInsert): Promise<string> {
  const [row] = await tx.insert(competencePlanEntries).values(values).returning({ id: competencePlanEntries.id });
  return row!.id;
}

export async function updatePlanEntry(
  tx: Tx,
  id: string,
  tenantId: string,
  version: number,
  values: Pick<typeof competencePlanEntries.$inferInsert, 'effort' | 'courseId' | 'targetGroup' | 'topics' | 'plannedMonth' | 'openToOthers'> & { now: Date },
): Promise<boolean> {
  const { now, ...changes } = values;
  const rows = await tx
    .update(competencePlanEntries)
    .set({ ...changes, updatedAt: now, version: version + 1 })
    .where(and(eq(competencePlanEntries.id, id), eq(competencePlanEntries.tenantId, tenantId), eq(competencePlanEntries.version, version)))
    .returning({ id: competencePlanEntries.id });
  return rows.length === 1;
}

export async function findPlanEntry(tx: Tx, planId: string, id: string) {
  const [row] = await tx
    .select()
    .from(competencePlanEntries)
    .where(and(eq(competencePlanEntries.planId, planId), eq(competencePlanEntries.id, id)));
  return row;
}

export function planParticipantRows(tx: Tx, planId: string) {
  return queryRows<{ id: string; organisation_id: string; name: string; tenant_id: string }>(
    tx,
    sql`select m.id, m.organisation_id, o.name, m.tenant_id from competence_plan_participants m join organisations o on o.id = m.organisation_id
         where m.plan_id = ${planId} order by o.name`,
  );
}

export async function insertPlanParticipant(tx: Tx, values: typeof competencePlanParticipants.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(competencePlanParticipants).values(values).onConflictDoNothing().returning({ id: competencePlanParticipants.id });
  return rows.length === 1;
}

export async function deletePlanParticipant(tx: Tx, planId: string, organisationId: string): Promise<boolean> {
  const rows = await tx
    .delete(competencePlanParticipants)
    .where(and(eq(competencePlanParticipants.planId, planId), eq(competencePlanParticipants.organisationId, organisationId)))
    .returning({ id: competencePlanParticipants.id });
  return rows.length === 1;
}

export function activeOrganisations(tx: Tx) {
  return queryRows<{ id: string; name: string }>(tx, sql`select id, name from organisations where active order by name`);
}

export async function organisationName(tx: Tx, id: string): Promise<{ name: string; municipalityCode: string | null } | undefined> {
  const [row] = await queryRows<{ name: string; municipality_code: string | null }>(
    tx,
    sql`select name, municipality_code from organisations where id = ${id}`,
  );
  return row ? { name: row.name, municipalityCode: row.municipality_code } : undefined;
}

export function countyMunicipalities(tx: Tx, county: string) {
  return queryRows<{ code: string; name: string }>(tx, sql`select code, name from municipalities where county_code = ${county} order by name`);
}

/** Municipal organisations with a planned effort in the plan. */
export async function plannedMunicipalities(tx: Tx, planId: string): Promise<Set<string>> {
  const rows = await queryRows<{ code: string }>(
    tx,
    sql`select distinct o.municipality_code as code from competence_plan_entries e join organisations o on o.id = e.organisation_id
         where e.plan_id = ${planId} and o.municipality_code is not null`,
  );
  return new Set(rows.map((row) => row.code));
}

export async function countyExists(tx: Tx, code: string): Promise<boolean> {
  return (await queryRows<{ code: string }>(tx, sql`select code from counties where code = ${code}`)).length > 0;
}
