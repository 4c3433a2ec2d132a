import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { unitMonthMeasure, type Measure } from '../../platform/measures/measure.ts';
import { supervisionSessionsByUnitAndMonth, trainedStaffByUnitAndMonth } from './competence-measures.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * The measures follow-up composes into "share of caseworkers trained" and "supervision held"
 * (docs/follow-up.md). Trained means a confirmed completion of a course the organisation
 * requires (its active training requirements): the organisation decides what counts as the
 * training, the indicator counts against it. Read in the caller's organisation only.
 */
const CASEWORKERS = ['caseworker'] as const;

async function requiredCourseIds(tx: Tx): Promise<string[]> {
  const rows = await queryRows<{ course_id: string }>(tx, sql`select distinct course_id from training_requirements where active`);
  return rows.map((row) => row.course_id);
}

async function unitTenants(tx: Tx, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; tenant_id: string }>(tx, sql`select id, tenant_id from units where id = any (${uuidArray(unitIds)})`);
  return new Map(rows.map((row) => [row.id, row.tenant_id]));
}

async function caseworkerCounts(tx: Tx, range: { from: string; to: string }) {
  return trainedStaffByUnitAndMonth(tx, { ...range, courseIds: await requiredCourseIds(tx), roles: CASEWORKERS });
}

export function competenceMeasures(): Measure[] {
  return [
    unitMonthMeasure({
      key: 'competence.staff_trained',
      label: { sv: 'Handläggare med genomförd obligatorisk utbildning', en: 'Caseworkers who completed required training' },
      countsPersons: true,
      overTime: 'last',
      count: async (tx, range) => (await caseworkerCounts(tx, range)).map((row) => ({ unitId: row.unitId, month: row.month, value: row.trained })),
      tenantOf: unitTenants,
    }),
    unitMonthMeasure({
      key: 'competence.staff',
      label: { sv: 'Handläggare vid månadens slut', en: 'Caseworkers at the end of the month' },
      countsPersons: true,
      overTime: 'last',
      count: async (tx, range) => (await caseworkerCounts(tx, range)).map((row) => ({ unitId: row.unitId, month: row.month, value: row.staff })),
      tenantOf: unitTenants,
    }),
    unitMonthMeasure({
      key: 'competence.supervision_sessions',
      label: { sv: 'Handledningstillfällen', en: 'Supervision sessions' },
      countsPersons: false,
      overTime: 'sum',
      count: async (tx, range) =>
        (await supervisionSessionsByUnitAndMonth(tx, range)).map((row) => ({ unitId: row.unitId, month: row.month, value: row.sessions })),
      tenantOf: unitTenants,
    }),
  ];
}
