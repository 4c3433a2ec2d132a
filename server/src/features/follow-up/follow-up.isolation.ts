import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import { insertTestBody, insertTestPlan } from '../collaboration/builders.ts';
import { insertEncounter, insertProcess } from '../screening/builders.ts';
import { queryRows } from '../../platform/db/database.ts';
import { insertTestReport } from './builders.ts';
import { listTargets } from './dashboard-service.ts';
import { saveCountyValues, saveMeetings } from './imports.ts';
import { listReports } from './report-service.ts';
import { rollupMeasures } from './rollup-measures.ts';

/**
 * Isolation subjects of follow-up (ADR 0015). The rollups are read through the measures without
 * the aggregate setting: an organisation's own rows only (numbers across organisations are read
 * only by the dashboard service, and only to be protected; ADR 0071). Reports reach the
 * coordinating organisation once submitted; the reports made here stay drafts.
 */
let year = 2000;
const encounters = rollupMeasures().find((measure) => measure.key === 'screening.encounters')!;

export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'follow-up-rollups',
    tables: ['follow_up_encounter_rollup', 'follow_up_detail_rollup', 'follow_up_staff_rollup', 'follow_up_series_values'],
    async create(tx, owner) {
      const process = await insertProcess(tx, owner.tenantId, { code: `iso_${crypto.randomBytes(8).toString('hex')}` });
      await insertEncounter(tx, process, {
        unit: { id: owner.unitId, tenantId: owner.tenantId, name: 'Enhet', organisation: '' },
        createdBy: owner.userId,
        state: 'disclosed',
        occurredOn: '2026-05-10',
      });
      await saveMeetings(tx, owner.tenantId, owner.userId, [{ unitId: owner.unitId, month: '2026-05', value: 10 }]);
      return { id: owner.unitId, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'encounters per organisation and unit (rollup)',
        reach: 'tenant',
        run: async (tx) =>
          (await encounters.read(tx, { from: '2026-01', to: '2026-12', tenantIds: null, unitIds: null, groupBy: ['agency', 'unit'] })).map((row) => ({
            id: row.keys.unit!,
            tenantId: row.keys.agency!,
          })),
      },
    ],
  },
  {
    name: 'follow-up-organisation-data',
    tables: ['follow_up_reports', 'follow_up_report_events', 'follow_up_county_values'],
    async create(tx, owner) {
      const id = await insertTestReport(tx, { tenantId: owner.tenantId, year: ++year });
      await tx.execute(
        sql`insert into follow_up_report_events (report_id, tenant_id, from_status, to_status, actor_tenant_id) values (${id}, ${owner.tenantId}, 'draft', 'draft', ${owner.tenantId})`,
      );
      await saveCountyValues(tx, owner.tenantId, owner.userId, [{ indicatorCode: 'region.routine_vnr', countyCode: '20', year, value: 0.5 }]);
      return { id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the organisation’s annual reports',
        reach: 'tenant',
        run: async (tx) => (await listReports(tx)).map((row) => ({ id: row.id, tenantId: row.agencyId })),
      },
    ],
  },
  {
    name: 'follow-up-targets',
    tables: ['follow_up_targets'],
    async create(tx, owner) {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into follow_up_targets (tenant_id, indicator_code, year, target) values (${owner.tenantId}, 'screening.share_asked', ${++year}, 90) returning id`,
      );
      return { id: row!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the organisation’s targets',
        reach: 'tenant',
        run: async (tx) => {
          const owners = new Map(
            (await queryRows<{ id: string; tenant_id: string }>(tx, sql`select id, tenant_id from follow_up_targets`)).map((row) => [row.id, row.tenant_id]),
          );
          return (await listTargets(tx)).map((target) => ({ id: target.id, tenantId: owners.get(target.id) ?? 'unknown' }));
        },
      },
    ],
  },
  {
    name: 'collaboration-goal-indicators',
    tables: ['collaboration_goal_indicators'],
    async create(tx, owner) {
      const body = await insertTestBody(tx, { tenantId: owner.tenantId, createdBy: owner.userId });
      const plan = await insertTestPlan(tx, body);
      await tx.execute(
        sql`insert into collaboration_goal_indicators (goal_id, tenant_id, body_id, indicator_code) values (${plan.goalId}, ${owner.tenantId}, ${body.id}, 'screening.share_asked')`,
      );
      return { id: plan.goalId, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'linked indicators of goals',
        reach: 'tenant',
        run: async (tx) =>
          (await queryRows<{ goal_id: string; tenant_id: string }>(tx, sql`select goal_id, tenant_id from collaboration_goal_indicators`)).map((row) => ({
            id: row.goal_id,
            tenantId: row.tenant_id,
          })),
      },
    ],
  },
]);
