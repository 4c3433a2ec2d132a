import { sql } from 'drizzle-orm';
import type { Completeness, Dashboard, DashboardQuery, FigureCell, Indicator, Target } from '#shared/contracts/follow-up.ts';
import { formatNumber, formatPercent } from '#shared/format/number.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import type { Scope } from '#shared/auth/roles.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import type { DisclosureSettings } from '../../platform/disclosure/disclosure-control.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import { isPartialPeriod, type MeasureRegistry } from '../../platform/measures/measure.ts';
import { followUpText as m, getIndicator, withParams } from './catalogue.ts';
import { checkQuery, indicatorFigures, isPeriod, monthsOf, type Reach } from './figures.ts';
import { followUpMessages } from './messages.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

type Deps = { measures: MeasureRegistry; settings: DisclosureSettings; locale: Locale; now: Date };

/** What a `dashboards.read` grant reads: a manager their units, a coordinator their organisation, national roles every organisation. */
export function reachOf(actor: SignedInActor, scope: Scope | undefined): Reach {
  if (scope === 'unit') return { kind: 'unit', tenantIds: [actor.tenantId], unitIds: actor.unitScopeIds };
  if (scope === 'agency') return { kind: 'agency', tenantIds: [actor.tenantId], unitIds: null };
  if (scope === 'aggregated' || scope === 'all') return { kind: 'aggregated', tenantIds: null, unitIds: null };
  throw new AppError('forbidden');
}

/** The default period: the twelve months up to and including the current one. */
export function defaultRange(now: Date): { from: string; to: string } {
  const today = stockholmDate(now);
  const to = today.slice(0, 7);
  const start = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 12, 1));
  return { from: start.toISOString().slice(0, 7), to };
}

type TargetRow = {
  id: string;
  indicator_code: string;
  year: number;
  unit_id: string | null;
  unit_name: string | null;
  target: string | number;
  baseline: string | number | null;
  baseline_year: number | null;
  note: string | null;
  version: number;
};

export async function listTargets(tx: Tx, indicatorCode?: string, tenantId?: string): Promise<Target[]> {
  const rows = await queryRows<TargetRow>(
    tx,
    sql`select t.id, t.indicator_code, t.year, t.unit_id, u.name as unit_name, t.target, t.baseline, t.baseline_year, t.note, t.version
          from follow_up_targets t left join units u on u.id = t.unit_id
         where t.tenant_id = coalesce(${tenantId ?? null}::uuid, app_tenant()) ${indicatorCode ? sql`and t.indicator_code = ${indicatorCode}` : sql``}
         order by t.indicator_code, t.year, u.name nulls first`,
  );
  return rows.map((row) => ({
    id: row.id,
    indicatorCode: row.indicator_code,
    year: Number(row.year),
    unitId: row.unit_id,
    unitName: row.unit_name,
    target: Number(row.target),
    baseline: row.baseline === null ? null : Number(row.baseline),
    baselineYear: row.baseline_year === null ? null : Number(row.baseline_year),
    note: row.note,
    version: Number(row.version),
  }));
}

export async function saveTarget(
  tx: Tx,
  actor: { tenantId: string; userId: string | null },
  input: {
    indicatorCode: string;
    year: number;
    unitId: string | null;
    target: number;
    baseline: number | null;
    baselineYear: number | null;
    note: string | null;
  },
  indicator: Indicator,
): Promise<Target> {
  if (indicator.source === 'county_import')
    throw invalidField(
      'indicatorCode',
      'county_indicator',
      m((c) => c.errors.targetIndicator),
    );
  if (indicator.unit === 'share' && (input.target > 100 || (input.baseline ?? 0) > 100))
    throw invalidField(
      'target',
      'share_percent',
      m((c) => c.errors.targetShare),
    );
  if (input.unitId) {
    const [unit] = await queryRows<{ id: string }>(tx, sql`select id from units where id = ${input.unitId} and tenant_id = ${actor.tenantId}`);
    if (!unit)
      throw invalidField(
        'unitId',
        'unknown_unit',
        m((c) => c.errors.targetUnit),
      );
  }
  if ((input.baseline === null) !== (input.baselineYear === null))
    throw invalidField(
      'baselineYear',
      'baseline_pair',
      m((c) => c.errors.range),
    );
  await tx.execute(sql`insert into follow_up_targets (tenant_id, indicator_code, year, unit_id, target, baseline, baseline_year, note, created_by)
    values (${actor.tenantId}, ${input.indicatorCode}, ${input.year}, ${input.unitId}, ${input.target}, ${input.baseline}, ${input.baselineYear}, ${input.note}, ${actor.userId})
    on conflict (tenant_id, indicator_code, year, unit_id) do update set target = excluded.target, baseline = excluded.baseline, baseline_year = excluded.baseline_year,
      note = excluded.note, version = follow_up_targets.version + 1, updated_at = app_now(), created_by = excluded.created_by`);
  const targets = await listTargets(tx, input.indicatorCode);
  return targets.find((target) => target.year === input.year && target.unitId === input.unitId)!;
}

/** Progress of a value (in the indicator's unit; shares as 0…1) against a target (percent for shares). */
export function progressOf(cell: FigureCell | null, target: Target, indicator: Indicator, locale: Locale): Dashboard['target'] {
  const t = followUpMessages[locale].progress;
  const display = (value: number) => (indicator.unit === 'share' ? formatPercent(value / 100, locale) : formatNumber(value, locale, 1));
  const params = { target: display(target.target), baseline: target.baseline === null ? '–' : display(target.baseline) };
  const raw = cell?.value.value ?? null;
  if (raw === null) return { target: target.target, baseline: target.baseline, status: 'unknown', text: interpolate(t.unknown, params) };
  const value = indicator.unit === 'share' ? raw * 100 : indicator.unit === 'rate_per_10000' ? raw * 10_000 : raw;
  const better = (a: number, b: number) => (indicator.direction === 'higher' ? a >= b : a <= b);
  if (better(value, target.target))
    return { target: target.target, baseline: target.baseline, status: 'achieved', text: interpolate(t.achieved, { ...params, value: display(value) }) };
  if (target.baseline === null || target.baseline === target.target)
    return { target: target.target, baseline: target.baseline, status: 'behind', text: interpolate(t.below, { ...params, value: display(value) }) };
  const share = (value - target.baseline) / (target.target - target.baseline);
  if (share <= 0) return { target: target.target, baseline: target.baseline, status: 'behind', text: interpolate(t.behind, params) };
  return {
    target: target.target,
    baseline: target.baseline,
    status: 'on_the_way',
    text: interpolate(t.on_the_way, { ...params, share: formatPercent(share, locale) }),
  };
}

/** The indicator a query names: unknown, it is a bad parameter of the question (400 naming it), not a missing resource. */
async function indicatorOfQuery(tx: Tx, code: string, deps: Deps): Promise<Indicator> {
  try {
    return await getIndicator(tx, code, deps.locale, deps.measures);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      throw invalidField(
        'indicator',
        'unknown_indicator',
        withParams(
          m((c) => c.errors.unknownIndicator),
          { code },
        ),
        'query',
      );
    throw error;
  }
}

/** The dashboard of one indicator: protected figures, targets with progress, and a text summary. */
export async function dashboard(tx: Tx, deps: Deps, query: DashboardQuery, reach: Reach): Promise<Dashboard> {
  const indicator = await indicatorOfQuery(tx, query.indicator, deps);
  const range = defaultRange(deps.now);
  const from = query.from ?? range.from;
  const to = query.to ?? range.to;
  let by = query.by ?? null;
  let period = query.period ?? 'month';
  if (isPeriod(by)) {
    period = by;
    by = null;
  }
  checkQuery(indicator, { by, period, from, to });
  const figures = await indicatorFigures(tx, deps, indicator, { from, to, by, period }, reach);
  const t = followUpMessages[deps.locale];

  // Targets are the caller's organisation's (per unit, or for the whole organisation).
  const years = [...new Set(monthsOf(from, to).map((month) => Number(month.slice(0, 4))))];
  const lastYear = years[years.length - 1]!;
  const targets = reach.kind === 'aggregated' ? [] : (await listTargets(tx, indicator.code)).filter((target) => target.year === lastYear);
  const organisationTarget = targets.find((target) => target.unitId === null);
  const rowTarget = (key: string) => (by === 'unit' ? (targets.find((target) => target.unitId === key) ?? organisationTarget) : organisationTarget);
  const rows = figures.rows.map((row, index) => {
    const target = rowTarget(row.key);
    return { ...row, target: target ? progressOf(figures.rowTotals[index] ?? null, target, indicator, deps.locale) : null };
  });

  const summary: string[] = [];
  if (figures.noDataSource)
    summary.push(
      interpolate(t.summary.noData, {
        measure: indicator.denominator && !deps.measures.get(indicator.denominator) ? indicator.denominator : indicator.numerator,
      }),
    );
  else {
    const total = figures.total;
    const params = { name: indicator.name, from, to, value: total.value.text, numerator: total.numerator.text, denominator: total.denominator?.text ?? '' };
    summary.push(
      total.value.value === null ? interpolate(t.summary.hidden, params) : interpolate(total.denominator ? t.summary.valueOf : t.summary.value, params),
    );
    const shown = figures.rows.map((row, index) => ({ label: row.label, cell: figures.rowTotals[index]! })).filter((row) => row.cell.value.value !== null);
    if (by && shown.length > 1) {
      const sorted = [...shown].sort((a, b) => b.cell.value.value! - a.cell.value.value!);
      summary.push(
        interpolate(t.summary.highest, {
          label: sorted[0]!.label,
          value: sorted[0]!.cell.value.text,
          label2: sorted[sorted.length - 1]!.label,
          value2: sorted[sorted.length - 1]!.cell.value.text,
        }),
      );
    }
    if (organisationTarget)
      summary.push(
        interpolate(t.summary.target, {
          year: lastYear,
          target: indicator.unit === 'share' ? `${organisationTarget.target} %` : String(organisationTarget.target),
        }),
      );
    if (figures.suppressedCells > 0) summary.push(interpolate(t.summary.suppressed, { count: figures.suppressedCells }));
    if ([indicator.numerator, indicator.denominator].some((key) => key && deps.measures.get(key)?.countsPersons))
      summary.push(interpolate(t.summary.perturbed, { noise: MAX_NOISE }));
    if (reach.kind === 'aggregated') summary.push(t.summary.unitsAggregated);
  }
  return {
    indicator,
    from,
    to,
    by,
    period,
    reach: reach.kind,
    noDataSource: figures.noDataSource,
    rows,
    columns: figures.columns.map((column) => ({ ...column, partial: isPartialPeriod(column.key, stockholmDate(deps.now).slice(0, 7), to) })),
    cells: figures.cells,
    rowTotals: figures.rowTotals,
    columnTotals: figures.columnTotals,
    total: figures.total,
    target: organisationTarget ? progressOf(figures.total, organisationTarget, indicator, deps.locale) : null,
    summary: summary.join(' '),
    suppressedCells: figures.suppressedCells,
    disclosure: deps.settings,
  };
}

/** A month's data are on time when first recorded by this day of the following month. */
export const COMPLETENESS_DEADLINE_DAY = 10;
/** Annual reports are due on this day of the following year (month-day). */
export const REPORT_DEADLINE = '03-01';

/**
 * Reporting completeness (DHIS2's reporting rates): per unit and month, whether encounters or an
 * imported series were recorded, on time or late; per organisation, the annual report's state.
 * A unit is expected once it has recorded anything in the year.
 */
export async function completeness(tx: Tx, reach: Reach, year: number, now: Date, locale: Locale): Promise<Completeness> {
  const today = stockholmDate(now);
  const months = monthsOf(`${year}-01`, `${year}-12`);
  if (reach.kind === 'aggregated') await tx.execute(sql`select set_config('app.follow_up_aggregate', 'on', true)`);
  const tenantCondition = reach.tenantIds ? sql`and r.tenant_id = any (${uuidArray(reach.tenantIds)})` : sql``;
  const unitCondition = reach.unitIds ? sql`and r.unit_id = any (${uuidArray(reach.unitIds)})` : sql``;
  const rows = await queryRows<{ unit_id: string; tenant_id: string; month: string; first_at: string | Date }>(
    tx,
    sql`select r.unit_id, r.tenant_id, to_char(r.month, 'YYYY-MM') as month, min(r.first_at) as first_at from (
          select unit_id, tenant_id, month, first_recorded_at as first_at from follow_up_encounter_rollup
          union all
          select unit_id, tenant_id, month, imported_at from follow_up_series_values
        ) r
        where r.month between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date ${tenantCondition} ${unitCondition}
        group by 1, 2, 3`,
  );
  if (reach.kind === 'aggregated') await tx.execute(sql`select set_config('app.follow_up_aggregate', '', true)`);
  // The units that should record (those of organisations that screen), so one that never recorded shows as missing.
  const expected = (
    await queryRows<{ unit_id: string; tenant_id: string; name: string; agency: string }>(
      tx,
      sql`select unit_id::text, tenant_id::text, name, agency from follow_up_screening_units(${reach.tenantIds ? uuidArray(reach.tenantIds) : sql`null`})`,
    )
  ).filter((unit) => !reach.unitIds || reach.unitIds.includes(unit.unit_id));
  const recorded = new Set(rows.map((row) => row.unit_id));
  const unitIds = [...new Set([...recorded, ...expected.map((unit) => unit.unit_id)])];
  const names = recorded.size
    ? await queryRows<{ id: string; name: string; agency: string }>(
        tx,
        sql`select u.id::text, u.name, coalesce(o.short_name, o.name) as agency from units u join organisations o on o.id = u.tenant_id where u.id = any (${uuidArray([...recorded])})`,
      )
    : [];
  const nameOf = new Map([
    ...expected.map((unit) => [unit.unit_id, { name: unit.name, agency: unit.agency }] as const),
    ...names.map((row) => [row.id, row] as const),
  ]);
  const units = unitIds
    .map((unitId) => {
      const statuses = months.map((month) => {
        const deadline = `${addDays(`${monthsOf(month, `${year + 1}-12`)[1]}-01`, COMPLETENESS_DEADLINE_DAY - 1)}`;
        const row = rows.find((candidate) => candidate.unit_id === unitId && candidate.month === month);
        if (!row) return month > today.slice(0, 7) ? ('future' as const) : ('missing' as const);
        const first = stockholmDate(row.first_at instanceof Date ? row.first_at : new Date(row.first_at));
        return first <= deadline ? ('on_time' as const) : ('late' as const);
      });
      const due = statuses.filter((status) => status !== 'future');
      return {
        unitId,
        name: nameOf.get(unitId)?.name ?? unitId,
        agency: nameOf.get(unitId)?.agency ?? '',
        months: statuses,
        recorded: recorded.has(unitId),
        rate: due.length ? due.filter((status) => status !== 'missing').length / due.length : null,
      };
    })
    .sort((a, b) => `${a.agency} ${a.name}`.localeCompare(`${b.agency} ${b.name}`, locale));
  const due = units.flatMap((unit) => unit.months.filter((status) => status !== 'future'));
  const reported = due.filter((status) => status !== 'missing');
  const reportDeadline = `${year + 1}-${REPORT_DEADLINE}`;
  const reportRows = await queryRows<{
    tenant_id: string;
    agency: string;
    status: Completeness['reports'][number]['status'];
    submitted_at: string | Date | null;
  }>(
    tx,
    sql`select r.tenant_id::text, coalesce(o.short_name, o.name) as agency, r.status, r.submitted_at from follow_up_reports r join organisations o on o.id = r.tenant_id where r.year = ${year}`,
  );
  // An organisation that screens and has not started its report for the year is missing, not absent from the list.
  const withReport = new Set(reportRows.map((row) => row.tenant_id));
  const missingReports = [...new Map(expected.filter((unit) => !withReport.has(unit.tenant_id)).map((unit) => [unit.tenant_id, unit.agency])).values()].map(
    (agency) => ({
      agency,
      status: 'missing' as const,
      submitted_at: null,
    }),
  );
  const reports = [...reportRows, ...missingReports].sort((a, b) => a.agency.localeCompare(b.agency, locale));
  return {
    year,
    months,
    units,
    rate: due.length ? reported.length / due.length : null,
    onTimeRate: due.length ? due.filter((status) => status === 'on_time').length / due.length : null,
    reports: reports.map((row) => {
      const submitted = row.submitted_at === null ? null : row.submitted_at instanceof Date ? row.submitted_at : new Date(row.submitted_at);
      return {
        agency: row.agency,
        status: row.status,
        submittedAt: submitted?.toISOString() ?? null,
        onTime: submitted ? stockholmDate(submitted) <= reportDeadline : today > reportDeadline ? false : null,
      };
    }),
    deadlineDay: COMPLETENESS_DEADLINE_DAY,
    reportDeadline,
  };
}
