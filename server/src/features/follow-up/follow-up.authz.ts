import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { defineRouteCases, type CaseContext, type RouteCase } from '../../test-support/authorization/route-cases.ts';
import { insertTestReport } from './builders.ts';

/**
 * Authorization-matrix entries of follow-up (ADR 0015). Dashboards answer only protected numbers
 * (`aggregatedNumbers`). Annual reports belong to the agency; the coordinating organisation
 * (here: the caller's own, when the caller is the national coordinator) reads them once
 * submitted, and answers only other organisations' reports.
 */
/** Targets and county values take a new year each (they are upserted per year). */
let year = 2000 + crypto.randomInt(0, 50);
const nextYear = () => (year = year >= 2099 ? 2000 : year + 1);
/** Reports made directly in the database take years the API never accepts, so they never meet the ones made through it. */
let storedYear = 3000;

const callerTenant = (context: CaseContext) => (context.actor === 'service' ? context.world.home.tenantId : context.world.actors[context.actor].tenantId);

async function report(context: CaseContext, status: Parameters<typeof insertTestReport>[1]['status']) {
  const recipient = context.actor === 'national_coordinator' ? callerTenant(context) : undefined;
  return context.app.database.system((tx) =>
    insertTestReport(tx, {
      tenantId: context.owner.unit.tenantId,
      year: ++storedYear,
      status,
      recipientTenantId: recipient,
      submittedBy: context.world.colleague.id,
    }),
  );
}

/**
 * A draft of a year that is over, the only kind that can be submitted. One report per
 * organisation and year, and never deleted: a draft no earlier call changed (refused, or asked
 * without a session) is taken again, so only the submissions that succeed use up a year.
 */
async function endedDraft(context: CaseContext): Promise<string> {
  const tenantId = context.owner.unit.tenantId;
  const thisYear = Number(stockholmDate(context.app.clock.now()).slice(0, 4));
  return context.app.database.system(async (tx) => {
    const [untouched] = await queryRows<{ id: string }>(
      tx,
      sql`select id from follow_up_reports where tenant_id = ${tenantId} and year < ${thisYear} and status = 'draft' and version = 1 order by year desc limit 1`,
    );
    if (untouched) return untouched.id;
    const free = await unusedYear(tx, tenantId, thisYear - 1);
    return insertTestReport(tx, {
      tenantId,
      year: free,
      status: 'draft',
      recipientTenantId: context.actor === 'national_coordinator' ? callerTenant(context) : undefined,
    });
  });
}

/**
 * A year the API accepts (2000–2100) in which the organisation has no report yet, the latest at
 * or before `from`: one report per organisation and year, and the matrix makes about a hundred.
 */
async function unusedYear(tx: Tx, tenantId: string, from = 2100): Promise<number> {
  const used = new Set(
    (await queryRows<{ year: number }>(tx, sql`select year from follow_up_reports where tenant_id = ${tenantId} and year <= ${from}`)).map((row) => row.year),
  );
  for (let year = from; year >= 2000; year--) if (!used.has(year)) return year;
  throw new Error(`the authorization matrix ran out of years for annual reports up to ${from}`);
}

const dashboard = (url: string, audit: number): RouteCase => ({
  route: `GET ${url.split('?')[0]}` as RouteCase['route'],
  kind: 'collection',
  success: 200,
  audit,
  aggregatedNumbers: true,
  prepare: async () => ({ url }),
});
const answerOnly = ({ scope }: { scope: string }) => (scope === 'other_agency' ? undefined : 403);

export const authorizationCases = defineRouteCases([
  { route: 'GET /api/v1/indicators', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/indicators' }) },
  {
    route: 'GET /api/v1/indicators/:code',
    kind: 'record',
    success: 200,
    audit: 0,
    publicRecords: true,
    prepare: async () => ({ url: '/api/v1/indicators/screening.share_asked' }),
  },
  {
    route: 'POST /api/v1/indicators/:code/versions',
    kind: 'record',
    success: 201,
    audit: 1,
    publicRecords: true,
    prepare: async () => ({
      url: '/api/v1/indicators/screening.child_concern_reports/versions',
      body: {
        nameSv: 'Orosanmälningar',
        nameEn: 'Child-at-risk reports',
        definitionSv: 'Antal gjorda orosanmälningar.',
        definitionEn: 'Child-at-risk reports made.',
        numerator: 'screening.child_concern_reports',
        denominator: null,
        unit: 'number',
        disaggregations: ['agency', 'unit', 'year'],
        goal: 'detection_support',
        jointArea: 'referral',
        direction: 'higher',
        validFrom: '2026-11-23',
      },
    }),
  },
  { route: 'GET /api/v1/indicators/targets', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/indicators/targets' }) },
  {
    route: 'PUT /api/v1/indicators/targets',
    kind: 'collection',
    success: 200,
    audit: 1,
    prepare: async () => ({
      url: '/api/v1/indicators/targets',
      body: { indicatorCode: 'screening.share_asked', year: nextYear(), unitId: null, target: 80, baseline: null, baselineYear: null, note: null },
    }),
  },
  {
    route: 'POST /api/v1/indicators/series/meetings-held',
    kind: 'collection',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: '/api/v1/indicators/series/meetings-held',
      body: { csv: `enhet;manad;moten\n${context.world.home.id};2026-0${1 + crypto.randomInt(0, 9)};12` },
    }),
  },
  dashboard('/api/v1/dashboards/indicator?indicator=screening.share_asked&by=unit', 0),
  dashboard('/api/v1/dashboards/indicator.csv?indicator=screening.share_asked', 1),
  dashboard('/api/v1/dashboards/indicator.xlsx?indicator=screening.share_asked', 1),
  dashboard('/api/v1/dashboards/indicator.pdf?indicator=screening.share_asked', 1),
  dashboard('/api/v1/dashboards/completeness?year=2026', 0),

  { route: 'GET /api/v1/reports', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/reports' }) },
  {
    route: 'POST /api/v1/reports',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async (context) => ({ url: '/api/v1/reports', body: { year: await context.app.database.system((tx) => unusedYear(tx, callerTenant(context))) } }),
  },
  {
    route: 'GET /api/v1/reports/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/reports/${await report(context, context.actor === 'national_coordinator' ? 'submitted' : 'draft')}` }),
  },
  {
    route: 'PUT /api/v1/reports/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/reports/${await report(context, 'draft')}`, body: { version: 1, narrative: { routines: 'Ny text' } } }),
  },
  {
    route: 'POST /api/v1/reports/:id/submit',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/reports/${await endedDraft(context)}/submit`, body: { version: 1 } }),
  },
  {
    route: 'POST /api/v1/reports/:id/approve',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/reports/${await report(context, 'submitted')}/approve`, body: { version: 1 } }),
  },
  {
    route: 'POST /api/v1/reports/:id/receive',
    kind: 'record',
    success: 200,
    audit: 1,
    refusedBy: answerOnly,
    prepare: async (context) => ({ url: `/api/v1/reports/${await report(context, 'approved')}/receive`, body: { version: 1 } }),
  },
  {
    route: 'POST /api/v1/reports/:id/return',
    kind: 'record',
    success: 200,
    audit: 1,
    refusedBy: answerOnly,
    prepare: async (context) => ({ url: `/api/v1/reports/${await report(context, 'submitted')}/return`, body: { version: 1, comment: 'Komplettera' } }),
  },
  ...(['pdf', 'xlsx'] as const).map((extension): RouteCase => ({
    route: `GET /api/v1/reports/compiled.${extension}`,
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const forYear = await context.app.database.system((tx) => unusedYear(tx, context.world.foreign.tenantId));
      await context.app.database.system((tx) =>
        insertTestReport(tx, { tenantId: context.world.foreign.tenantId, year: forYear, status: 'approved', recipientTenantId: callerTenant(context) }),
      );
      return { url: `/api/v1/reports/compiled.${extension}?year=${forYear}` };
    },
  })),

  {
    route: 'GET /api/v1/regional-comparisons',
    kind: 'collection',
    success: 200,
    audit: 0,
    prepare: async () => ({ url: '/api/v1/regional-comparisons?county=20' }),
  },
  {
    route: 'POST /api/v1/regional-comparisons/import',
    kind: 'collection',
    success: 200,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/regional-comparisons/import', body: { csv: `indikator;lan;ar;varde\nregion.routine_vnr;20;${nextYear()};0,5` } }),
  },
]);
