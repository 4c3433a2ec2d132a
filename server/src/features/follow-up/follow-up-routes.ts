import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  comparisonQuery,
  comparisonSchema,
  compiledQuery,
  completenessQuery,
  completenessSchema,
  createReportRequest,
  dashboardQuery,
  dashboardSchema,
  importRequest,
  importRequestQuery,
  importResult,
  indicatorList,
  indicatorParams,
  indicatorSchema,
  newVersionRequest,
  reportDetail as reportDetailSchema,
  reportList,
  reportParams,
  targetList,
  targetRequest,
  targetSchema,
  transitionRequest,
  updateReportRequest,
} from '#shared/contracts/follow-up.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { disclosureSettings } from '../../platform/disclosure/settings.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { addVersion, getIndicator, listIndicators } from './catalogue.ts';
import { completeness, dashboard, reachOf, saveTarget, listTargets } from './dashboard-service.ts';
import { compiledPdf, compiledXlsx, dashboardCsv, dashboardPdf, dashboardXlsx } from './exports.ts';
import { checkCountyValues, checkMeetings, saveCountyValues, saveMeetings } from './imports.ts';
import { comparison } from './regional.ts';
import * as reports from './report-service.ts';

const indicatorTags = ['Uppföljning: indikatorer'];
const dashboardTags = ['Uppföljning: instrumentpaneler'];
const reportTags = ['Uppföljning: årsredovisningar'];
const regionalTags = ['Uppföljning: länsjämförelse'];

export function followUpRoutes(context: FeatureContext): Route[] {
  const settings = () => disclosureSettings(context.config);
  const now = () => context.clock.now();
  const deps = (locale: 'sv' | 'en') => ({ measures: context.measures, settings: settings(), locale, now: now() });
  const file = (reply: Parameters<Route['handler']>[0]['reply'], type: string, filename: string, body: string | Buffer) =>
    reply.header('content-type', type).header('content-disposition', `attachment; filename="${filename}"`).send(body);
  const exportRoute = (extension: 'csv' | 'xlsx' | 'pdf', type: string) =>
    defineRoute({
      method: 'GET',
      url: `/api/v1/dashboards/indicator.${extension}`,
      summary: `The same dashboard as ${extension.toUpperCase()}: exactly the published (protected) cells`,
      tags: dashboardTags,
      access: { kind: 'permission', action: 'dashboards.read' },
      query: dashboardQuery,
      responses: { 200: { description: extension.toUpperCase(), contentType: type } },
      async handler({ query, caller, locale, reply, db }) {
        const result = await db(async (tx) => {
          const board = await dashboard(tx, deps(locale), query, reachOf(caller.actor, caller.scope));
          await caller.audit(tx, {
            action: 'dashboards.read',
            recordType: 'indicator',
            details: { change: 'exported', format: extension, indicator: query.indicator },
          });
          return board;
        });
        const name = `uppfoljning-${result.indicator.code.replace(/\./g, '-')}-${result.from}-${result.to}.${extension}`;
        if (extension === 'csv') return file(reply, 'text/csv; charset=utf-8', name, dashboardCsv(result, locale));
        if (extension === 'xlsx') return file(reply, type, name, await dashboardXlsx(result, locale, now()));
        return file(reply, type, name, await dashboardPdf(result, locale, now()));
      },
    });

  return [
    // The catalogue
    defineRoute({
      method: 'GET',
      url: '/api/v1/indicators',
      summary: 'The indicator catalogue: latest version of each indicator, its versions and whether it has a data source',
      tags: indicatorTags,
      access: { kind: 'permission', action: 'indicators.read' },
      responses: { 200: { description: 'Indicators', schema: indicatorList } },
      async handler({ locale, db }) {
        return { indicators: await db((tx) => listIndicators(tx, locale, context.measures)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/indicators/:code',
      summary: 'One indicator with its versions',
      tags: indicatorTags,
      access: { kind: 'permission', action: 'indicators.read' },
      params: indicatorParams,
      responses: { 200: { description: 'The indicator', schema: indicatorSchema } },
      async handler({ params, locale, db }) {
        return db((tx) => getIndicator(tx, params.code, locale, context.measures));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/indicators/:code/versions',
      summary: 'A changed definition becomes a new version (reports keep the version they used); 400 naming the field for a division without a denominator',
      tags: indicatorTags,
      access: { kind: 'permission', action: 'indicators.manage' },
      params: indicatorParams,
      body: newVersionRequest,
      responses: { 201: { description: 'The indicator with its new version', schema: indicatorSchema } },
      async handler({ params, body, caller, locale, reply, db }) {
        const created = await db(async (tx) => {
          const version = await addVersion(tx, params.code, body, context.measures, caller.userId);
          await caller.audit(tx, {
            action: 'indicators.manage',
            recordType: 'indicator',
            details: { change: 'new_version', indicator: params.code, version },
          });
          return getIndicator(tx, params.code, locale, context.measures);
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/indicators/targets',
      summary: 'The organisation’s targets and baselines (per indicator, year and optionally unit)',
      tags: indicatorTags,
      access: { kind: 'permission', action: 'targets.manage' },
      query: z.object({ indicator: z.string().max(60).optional() }),
      responses: { 200: { description: 'Targets', schema: targetList } },
      async handler({ query, db }) {
        return { targets: await db((tx) => listTargets(tx, query.indicator)) };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/indicators/targets',
      summary: 'Set a target (and baseline) for an indicator, year and the organisation or one of its units',
      tags: indicatorTags,
      access: { kind: 'permission', action: 'targets.manage' },
      body: targetRequest,
      responses: { 200: { description: 'The target', schema: targetSchema } },
      async handler({ body, caller, locale, db }) {
        return db(async (tx) => {
          const indicator = await getIndicator(tx, body.indicatorCode, locale, context.measures);
          const target = await saveTarget(tx, caller, body, indicator);
          await caller.audit(tx, {
            action: 'targets.manage',
            recordType: 'indicator_target',
            recordId: target.id,
            details: { indicator: body.indicatorCode, year: body.year },
          });
          return target;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/indicators/series/meetings-held',
      summary: 'Import meetings held per unit and month (CSV enhet;manad;moten): preview with dryRun=true, all or nothing',
      tags: indicatorTags,
      access: { kind: 'permission', action: 'series.import' },
      query: importRequestQuery,
      body: importRequest,
      responses: { 200: { description: 'The checked (and, without dryRun, saved) import', schema: importResult } },
      async handler({ query, body, caller, locale, db }) {
        const dryRun = query.dryRun === 'true';
        return db(async (tx) => {
          const checked = await checkMeetings(tx, caller.tenantId, body.csv, locale);
          if (!dryRun && checked.errors.length === 0) {
            await saveMeetings(tx, caller.tenantId, caller.userId, checked.rows);
            await caller.audit(tx, {
              action: 'series.import',
              recordType: 'series',
              details: { series: 'meetings_held', rows: checked.rows.length },
            });
          }
          return { dryRun, rows: checked.rows.length, errors: checked.errors, preview: checked.preview };
        });
      },
    }),

    // Dashboards
    defineRoute({
      method: 'GET',
      url: '/api/v1/dashboards/indicator',
      summary: 'An indicator over time, broken down by one declared level, with targets; every count of persons through disclosure control',
      tags: dashboardTags,
      access: { kind: 'permission', action: 'dashboards.read' },
      query: dashboardQuery,
      responses: { 200: { description: 'The dashboard', schema: dashboardSchema } },
      async handler({ query, caller, locale, db }) {
        return db((tx) => dashboard(tx, deps(locale), query, reachOf(caller.actor, caller.scope)));
      },
    }),
    exportRoute('csv', 'text/csv'),
    exportRoute('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    exportRoute('pdf', 'application/pdf'),
    defineRoute({
      method: 'GET',
      url: '/api/v1/dashboards/completeness',
      summary: 'Reporting completeness: per unit and month on time, late or missing; annual reports per agency',
      tags: dashboardTags,
      access: { kind: 'permission', action: 'dashboards.read' },
      query: completenessQuery,
      responses: { 200: { description: 'Completeness', schema: completenessSchema } },
      async handler({ query, caller, locale, db }) {
        const year = query.year ?? Number(stockholmDate(now()).slice(0, 4));
        return db((tx) => completeness(tx, reachOf(caller.actor, caller.scope), year, now(), locale));
      },
    }),

    // Annual reports
    defineRoute({
      method: 'GET',
      url: '/api/v1/reports',
      summary: 'Annual reports: the organisation’s own, and for the coordinating agency every submitted one',
      tags: reportTags,
      access: { kind: 'permission', action: 'reports.read' },
      responses: { 200: { description: 'Reports', schema: reportList } },
      async handler({ db }) {
        return { reports: await db((tx) => reports.listReports(tx)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/reports',
      summary: 'Start the organisation’s annual report for a year (one per year)',
      tags: reportTags,
      access: { kind: 'permission', action: 'reports.write' },
      body: createReportRequest,
      responses: { 201: { description: 'The draft', schema: reportDetailSchema } },
      async handler({ body, caller, locale, reply, db }) {
        const created = await db(async (tx) => {
          const id = await reports.createReport(tx, caller, body.year);
          await caller.audit(tx, {
            action: 'reports.write',
            recordType: 'annual_report',
            recordId: id,
            details: { change: 'created', year: body.year },
          });
          return reports.reportDetail(tx, deps(locale), caller.actor, id);
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/reports/:id',
      summary: 'An annual report: figures (frozen once approved), narrative, history and the caller’s next steps',
      tags: reportTags,
      access: { kind: 'permission', action: 'reports.read' },
      params: reportParams,
      responses: { 200: { description: 'The report', schema: reportDetailSchema } },
      async handler({ params, caller, locale, db }) {
        return db((tx) => reports.reportDetail(tx, deps(locale), caller.actor, params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/reports/:id',
      summary: 'Save the narrative of a draft or returned report',
      tags: reportTags,
      access: { kind: 'permission', action: 'reports.write' },
      params: reportParams,
      body: updateReportRequest,
      responses: { 200: { description: 'The report', schema: reportDetailSchema } },
      async handler({ params, body, caller, locale, db }) {
        return db(async (tx) => {
          await reports.updateNarrative(tx, params.id, body.version, body.narrative);
          await caller.audit(tx, {
            action: 'reports.write',
            recordType: 'annual_report',
            recordId: params.id,
            details: { change: 'narrative' },
          });
          return reports.reportDetail(tx, deps(locale), caller.actor, params.id);
        });
      },
    }),
    ...(
      [
        ['submit', 'reports.write', 'Submit the report to the agency’s approval (409 when already submitted)'],
        ['approve', 'reports.approve', 'Approve a submitted report: its figures are frozen'],
        ['receive', 'reports.receive', 'The coordinating agency receives an approved report'],
        ['return', 'reports.receive', 'The coordinating agency returns a submitted or approved report with a comment'],
      ] as const
    ).map(([step, action, summary]) =>
      defineRoute({
        method: 'POST',
        url: `/api/v1/reports/:id/${step}`,
        summary,
        tags: reportTags,
        access: { kind: 'permission', action },
        params: reportParams,
        body: transitionRequest,
        responses: { 200: { description: 'The report', schema: reportDetailSchema } },
        async handler({ params, body, caller, locale, db }) {
          return db(async (tx) => {
            if (step === 'submit') await reports.submitReport(tx, caller, params.id, body.version, now());
            if (step === 'approve') await reports.approveReport(tx, deps(locale), caller, params.id, body.version);
            if (step === 'receive') await reports.receiveReport(tx, caller, params.id, body.version, now());
            if (step === 'return') await reports.returnReport(tx, caller, params.id, body.version, body.comment, now());
            await caller.audit(tx, { action, recordType: 'annual_report', recordId: params.id, details: { change: step } });
            return reports.reportDetail(tx, deps(locale), caller.actor, params.id);
          });
        },
      }),
    ),
    ...(['pdf', 'xlsx'] as const).map((extension) =>
      defineRoute({
        method: 'GET',
        url: `/api/v1/reports/compiled.${extension}`,
        summary: `The compiled national report of a year (${extension.toUpperCase()}): every approved or received report’s frozen, protected figures and narrative`,
        tags: reportTags,
        access: { kind: 'permission', action: 'reports.receive' },
        query: compiledQuery,
        responses: {
          200: {
            description: extension.toUpperCase(),
            contentType: extension === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
        },
        async handler({ query, caller, locale, reply, db }) {
          const compiled = await db(async (tx) => {
            const rows = await reports.compiledReports(tx, query.year);
            await caller.audit(tx, {
              action: 'reports.receive',
              recordType: 'annual_report',
              details: { change: 'compiled', year: query.year, format: extension },
            });
            return rows;
          });
          const name = `nationell-redovisning-${query.year}.${extension}`;
          if (extension === 'pdf') return file(reply, 'application/pdf', name, await compiledPdf(query.year, compiled, locale, now()));
          return file(
            reply,
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            name,
            await compiledXlsx(query.year, compiled, locale, now()),
          );
        },
      }),
    ),

    // Regional comparison
    defineRoute({
      method: 'GET',
      url: '/api/v1/regional-comparisons',
      summary: 'The county against the other counties: 30/40/30 classes per indicator, the median class per goal, over time',
      tags: regionalTags,
      access: { kind: 'permission', action: 'regional.read' },
      query: comparisonQuery,
      responses: { 200: { description: 'The comparison', schema: comparisonSchema } },
      async handler({ query, caller, locale, db }) {
        return db(async (tx) => {
          const county = query.county ?? (await ownCounty(tx, caller.tenantId)) ?? '01';
          return comparison(tx, county, query.year ?? null, locale);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/regional-comparisons/import',
      summary: 'Import county values (CSV indikator;lan;ar;varde): preview with dryRun=true, all or nothing; unknown counties and duplicates are named by line',
      tags: regionalTags,
      access: { kind: 'permission', action: 'regional.import' },
      query: importRequestQuery,
      body: importRequest,
      responses: { 200: { description: 'The checked (and, without dryRun, saved) import', schema: importResult } },
      async handler({ query, body, caller, locale, db }) {
        const dryRun = query.dryRun === 'true';
        return db(async (tx) => {
          const checked = await checkCountyValues(tx, body.csv, locale);
          if (!dryRun && checked.errors.length === 0) {
            await saveCountyValues(tx, caller.tenantId, caller.userId, checked.rows);
            await caller.audit(tx, {
              action: 'regional.import',
              recordType: 'county_values',
              details: { rows: checked.rows.length },
            });
          }
          return { dryRun, rows: checked.rows.length, errors: checked.errors, preview: checked.preview };
        });
      },
    }),
  ];
}

async function ownCounty(tx: Tx, tenantId: string): Promise<string | null> {
  const [row] = await queryRows<{ county: string | null }>(tx, sql`select county_code::text as county from organisations where id = ${tenantId}`);
  return row?.county ?? null;
}
