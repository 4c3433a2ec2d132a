import { sql } from 'drizzle-orm';
import { NARRATIVE_KEYS, type ReportDetail, type ReportFigures, type ReportStatus } from '#shared/contracts/follow-up.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { can, type SignedInActor } from '../../platform/auth/actor.ts';
import { queryRows, sqlState, type Tx } from '../../platform/db/database.ts';
import type { DisclosureSettings } from '../../platform/disclosure/disclosure-control.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { MeasureRegistry } from '../../platform/measures/measure.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { followUpText as m, listIndicators, withParams } from './catalogue.ts';
import { listTargets, progressOf } from './dashboard-service.ts';
import { indicatorFigures } from './figures.ts';
import { followUpMessages } from './messages.ts';

/**
 * The annual report chain (ADR 0072): per agency and year a draft with the indicator figures,
 * targets and progress and a narrative → submitted by the agency coordinator → approved by the
 * agency (a manager; not the one who submitted) → received by the coordinating agency, which may
 * return it with a comment from submitted or approved → compiled into the national report.
 * Approval snapshots the (already protected) figures: an approved report is frozen.
 */

/** The coordinating agency that receives every annual report (Jämställdhetsmyndigheten). */
export const COORDINATOR_ID = organisationId('JAMY');

type Deps = { measures: MeasureRegistry; settings: DisclosureSettings; locale: Locale; now: Date };

type ReportRow = {
  id: string;
  tenant_id: string;
  agency: string;
  agency_code: string;
  year: number;
  status: ReportStatus;
  narrative: Record<string, string>;
  figures: ReportFigures | null;
  submitted_at: string | Date | null;
  submitted_by: string | null;
  return_comment: string | null;
  version: number;
  updated_at: string | Date;
};

const iso = (value: string | Date | null) => (value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString());

async function reportRows(tx: Tx, where: ReturnType<typeof sql>): Promise<ReportRow[]> {
  return queryRows<ReportRow>(
    tx,
    sql`select r.id, r.tenant_id, coalesce(o.short_name, o.name) as agency, o.code as agency_code, r.year, r.status, r.narrative, r.figures, r.submitted_at, r.submitted_by,
               r.return_comment, r.version, r.updated_at
          from follow_up_reports r join organisations o on o.id = r.tenant_id
         where ${where}
         order by r.year desc, o.name`,
  );
}

export async function listReports(tx: Tx) {
  return (await reportRows(tx, sql`true`)).map((row) => ({
    id: row.id,
    agencyId: row.tenant_id,
    agency: row.agency,
    year: Number(row.year),
    status: row.status,
    submittedAt: iso(row.submitted_at),
    updatedAt: iso(row.updated_at)!,
  }));
}

async function loadReport(tx: Tx, id: string): Promise<ReportRow> {
  const [row] = await reportRows(tx, sql`r.id = ${id}`);
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * The figures of an agency's year: every indicator of the catalogue the agency owns or shares
 * (the coordinator's common ones), each protected on its own — the total and the units.
 */
export async function computeFigures(
  tx: Tx,
  deps: Deps,
  tenantId: string,
  agencyCode: string,
  year: number,
  viewer: string = tenantId,
): Promise<ReportFigures> {
  const indicators = (await listIndicators(tx, deps.locale, deps.measures)).filter(
    (indicator) => indicator.source === 'measures' && (indicator.ownerCode === agencyCode || indicator.ownerCode === 'JAMY'),
  );
  const targets = (viewer === tenantId ? await listTargets(tx, undefined, tenantId) : []).filter((target) => target.year === year && target.unitId === null);
  const result: ReportFigures['indicators'] = [];
  for (const indicator of indicators) {
    const query = { from: `${year}-01`, to: `${year}-12`, period: 'year' as const };
    // The coordinator reads another agency's numbers only as protected figures (aggregated reach).
    const reach = { kind: viewer === tenantId ? ('agency' as const) : ('aggregated' as const), tenantIds: [tenantId], unitIds: null };
    const byUnit = indicator.disaggregations.includes('unit')
      ? await indicatorFigures(tx, deps, indicator, { ...query, by: 'unit' }, reach)
      : await indicatorFigures(tx, deps, indicator, { ...query, by: null }, reach);
    const target = targets.find((entry) => entry.indicatorCode === indicator.code);
    const total = byUnit.noDataSource ? null : (byUnit.columnTotals[0] ?? byUnit.total);
    result.push({
      code: indicator.code,
      version: indicator.version,
      name: indicator.name,
      unit: indicator.unit,
      goal: indicator.goal,
      jointArea: indicator.jointArea,
      hasDataSource: !byUnit.noDataSource,
      total,
      byUnit: indicator.disaggregations.includes('unit') ? byUnit.rows.map((row, index) => ({ label: row.label, cell: byUnit.cells[index]![0]! })) : [],
      target: target ? progressOf(total, target, indicator, deps.locale) : null,
    });
  }
  return { computedAt: deps.now.toISOString(), year, threshold: deps.settings.threshold, indicators: result };
}

/** A year's report is submitted once the year is over (Swedish time): its figures are then complete. */
export function yearEnded(year: number, now: Date): boolean {
  return year < Number(stockholmDate(now).slice(0, 4));
}

function actionsFor(actor: SignedInActor, row: ReportRow, now: Date): ReportDetail['actions'] {
  const own = row.tenant_id === actor.tenantId;
  const actions: ReportDetail['actions'] = [];
  if (own && can(actor, 'reports.write') && (row.status === 'draft' || row.status === 'returned'))
    actions.push('edit', ...(yearEnded(row.year, now) ? (['submit'] as const) : []));
  if (own && can(actor, 'reports.approve') && row.status === 'submitted') actions.push('approve');
  if (!own && can(actor, 'reports.receive')) {
    if (row.status === 'approved') actions.push('receive');
    if (row.status === 'submitted' || row.status === 'approved') actions.push('return');
  }
  return actions;
}

export async function reportDetail(tx: Tx, deps: Deps, actor: SignedInActor, id: string): Promise<ReportDetail> {
  const row = await loadReport(tx, id);
  const events = await queryRows<{ from_status: string; to_status: string; comment: string | null; at: string | Date; agency: string }>(
    tx,
    sql`select e.from_status, e.to_status, e.comment, e.at, coalesce(o.short_name, o.name) as agency
          from follow_up_report_events e join organisations o on o.id = e.actor_tenant_id where e.report_id = ${id} order by e.at, e.id`,
  );
  const frozen = row.figures !== null;
  // Live figures are computed in the agency's own context only; the recipient sees the snapshot
  // or, before approval, figures computed for the agency as the agency would see them.
  const figures = row.figures ?? (await computeFigures(tx, deps, row.tenant_id, row.agency_code, Number(row.year), actor.tenantId));
  return {
    id: row.id,
    agencyId: row.tenant_id,
    agency: row.agency,
    year: Number(row.year),
    status: row.status,
    submittedAt: iso(row.submitted_at),
    updatedAt: iso(row.updated_at)!,
    narrative: row.narrative,
    figures,
    frozen,
    returnComment: row.return_comment,
    version: Number(row.version),
    events: events.map((event) => ({ from: event.from_status, to: event.to_status, comment: event.comment, at: iso(event.at)!, byAgency: event.agency })),
    actions: actionsFor(actor, row, deps.now),
  };
}

export async function createReport(tx: Tx, actor: { tenantId: string; userId: string | null }, year: number): Promise<string> {
  try {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into follow_up_reports (tenant_id, recipient_tenant_id, year, created_by) values (${actor.tenantId}, ${COORDINATOR_ID}, ${year}, ${actor.userId}) returning id`,
    );
    return row!.id;
  } catch (error) {
    if (sqlState(error) === '23505')
      throw invalidField(
        'year',
        'report_exists',
        withParams(
          m((c) => c.errors.reportExists),
          { year },
        ),
      );
    throw error;
  }
}

function checkVersion(row: ReportRow, version: number): void {
  if (Number(row.version) !== version) throw new AppError('version_conflict', { detail: m((c) => c.errors.versionConflict) });
}

const statusText = (status: ReportStatus) => ({ sv: followUpMessages.sv.labels.statuses[status], en: followUpMessages.en.labels.statuses[status] });

export async function updateNarrative(tx: Tx, id: string, version: number, narrative: Record<string, string>): Promise<void> {
  const row = await loadReport(tx, id);
  checkVersion(row, version);
  if (row.status !== 'draft' && row.status !== 'returned') {
    const status = statusText(row.status);
    throw new AppError('conflict', {
      detail: {
        sv: interpolate(followUpMessages.sv.errors.reportNotEditable, { status: status.sv }),
        en: interpolate(followUpMessages.en.errors.reportNotEditable, { status: status.en }),
      },
    });
  }
  await tx.execute(
    sql`update follow_up_reports set narrative = ${JSON.stringify(narrative)}::jsonb, version = version + 1, updated_at = app_now() where id = ${id}`,
  );
}

async function move(
  tx: Tx,
  row: ReportRow,
  actor: { tenantId: string; userId: string | null },
  to: ReportStatus,
  set: ReturnType<typeof sql>,
  comment: string | null,
): Promise<void> {
  await tx.execute(sql`update follow_up_reports set status = ${to}, ${set}, version = version + 1, updated_at = app_now() where id = ${row.id}`);
  await tx.execute(sql`insert into follow_up_report_events (report_id, tenant_id, from_status, to_status, comment, actor_id, actor_tenant_id)
    values (${row.id}, ${row.tenant_id}, ${row.status}, ${to}, ${comment}, ${actor.userId}, ${actor.tenantId})`);
}

/** Submitting twice is refused naming the state; a returned report may be submitted again. */
export async function submitReport(tx: Tx, actor: { tenantId: string; userId: string | null }, id: string, version: number, now: Date): Promise<void> {
  const row = await loadReport(tx, id);
  if (row.status !== 'draft' && row.status !== 'returned') {
    const status = statusText(row.status);
    throw new AppError('conflict', {
      detail: {
        sv: interpolate(followUpMessages.sv.errors.alreadySubmitted, { status: status.sv }),
        en: interpolate(followUpMessages.en.errors.alreadySubmitted, { status: status.en }),
      },
    });
  }
  if (!yearEnded(row.year, now)) {
    const detail = (locale: Locale) => interpolate(followUpMessages[locale].errors.yearNotEnded, { year: row.year, next: row.year + 1 });
    throw new AppError('conflict', { detail: { sv: detail('sv'), en: detail('en') } });
  }
  checkVersion(row, version);
  const empty = NARRATIVE_KEYS.find((key) => !(row.narrative[key] ?? '').trim());
  if (empty === 'routines')
    throw invalidField(
      'narrative.routines',
      'narrative_missing',
      withParams(
        m((c) => c.errors.narrativeMissing),
        { section: followUpMessages.sv.labels.narrative.routines },
      ),
    );
  await move(tx, row, actor, 'submitted', sql`submitted_at = ${now.toISOString()}::timestamptz, submitted_by = ${actor.userId}, return_comment = null`, null);
}

/** The agency approves: the figures are computed once more and frozen with the report. */
export async function approveReport(tx: Tx, deps: Deps, actor: { tenantId: string; userId: string | null }, id: string, version: number): Promise<void> {
  const row = await loadReport(tx, id);
  if (row.status !== 'submitted') throw new AppError('conflict', { detail: m((c) => c.errors.notSubmitted) });
  checkVersion(row, version);
  if (row.submitted_by !== null && row.submitted_by === actor.userId) throw new AppError('forbidden', { detail: m((c) => c.errors.approveOwn) });
  const figures = await computeFigures(tx, deps, row.tenant_id, row.agency_code, Number(row.year));
  await move(
    tx,
    row,
    actor,
    'approved',
    sql`figures = ${JSON.stringify(figures)}::jsonb, frozen_at = ${deps.now.toISOString()}::timestamptz, approved_at = ${deps.now.toISOString()}::timestamptz, approved_by = ${actor.userId}`,
    null,
  );
}

export async function receiveReport(tx: Tx, actor: { tenantId: string; userId: string | null }, id: string, version: number, now: Date): Promise<void> {
  const row = await loadReport(tx, id);
  if (row.tenant_id === actor.tenantId) throw new AppError('forbidden');
  if (row.status !== 'approved') throw new AppError('conflict', { detail: m((c) => c.errors.notApproved) });
  checkVersion(row, version);
  await move(tx, row, actor, 'received', sql`received_at = ${now.toISOString()}::timestamptz, received_by = ${actor.userId}`, null);
}

export async function returnReport(
  tx: Tx,
  actor: { tenantId: string; userId: string | null },
  id: string,
  version: number,
  comment: string | undefined,
  now: Date,
): Promise<void> {
  const row = await loadReport(tx, id);
  if (row.tenant_id === actor.tenantId) throw new AppError('forbidden');
  if (row.status !== 'submitted' && row.status !== 'approved') {
    const status = statusText(row.status);
    throw new AppError('conflict', {
      detail: {
        sv: interpolate(followUpMessages.sv.errors.cannotReturn, { status: status.sv }),
        en: interpolate(followUpMessages.en.errors.cannotReturn, { status: status.en }),
      },
    });
  }
  if (!comment)
    throw invalidField(
      'comment',
      'required',
      m((c) => c.errors.returnComment),
    );
  checkVersion(row, version);
  await move(
    tx,
    row,
    actor,
    'returned',
    sql`figures = null, frozen_at = null, returned_at = ${now.toISOString()}::timestamptz, returned_by = ${actor.userId}, return_comment = ${comment}`,
    comment,
  );
}

/** The reports the compiled national report is made of: approved or received, with their frozen figures. */
export async function compiledReports(
  tx: Tx,
  year: number,
): Promise<Array<{ agency: string; status: ReportStatus; narrative: Record<string, string>; figures: ReportFigures }>> {
  const rows = await reportRows(tx, sql`r.year = ${year} and r.status in ('approved', 'received')`);
  if (rows.length === 0)
    throw invalidField(
      'year',
      'no_reports',
      withParams(
        m((c) => c.errors.noReports),
        { year },
      ),
      'query',
    );
  return rows.map((row) => ({ agency: row.agency, status: row.status, narrative: row.narrative, figures: row.figures! }));
}
