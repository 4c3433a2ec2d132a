import { sql } from 'drizzle-orm';
import type { Dashboard, Disaggregation, FigureCell, Indicator, Period, PublishedCell } from '#shared/contracts/follow-up.ts';
import { formatIndicatorValue } from '#shared/format/indicator-value.ts';
import { formatNumber } from '#shared/format/number.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { addCellKeys, perturbTables, type KeyedTable } from '../../platform/disclosure/cell-key.ts';
import {
  formatCell,
  protectShare,
  type CountTable,
  type DisclosureSettings,
  type ProtectedCell,
  type ProtectedTable,
} from '../../platform/disclosure/disclosure-control.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import { periodKey, PERIOD_DIMENSIONS, type Measure, type MeasureDimension, type MeasureRegistry, type MeasureRow } from '../../platform/measures/measure.ts';
import { followUpText as m, withParams } from './catalogue.ts';
import { followUpMessages } from './messages.ts';
import { textArray, uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * An indicator's figures: numerator and denominator tables (rows = the breakdown, columns =
 * periods) read from the measures; counts of persons are published by the cell-key method (ADR
 * 0053): each cell and each total with the noise of its records' keys, counts 1 … threshold − 1
 * hidden. Shares and rates are computed from the published counts only. Every dashboard, export,
 * annual report and work-plan link reads its numbers here, so one window, breakdown or period
 * cannot be subtracted from another to give a hidden count away exactly (issue 15).
 */

export type Reach = {
  kind: 'unit' | 'agency' | 'aggregated';
  /** Organisations read; null = every organisation. */
  tenantIds: string[] | null;
  unitIds: string[] | null;
};

export type FigureQuery = { from: string; to: string; by: Disaggregation | null; period: Period };

/** Columns are named here; whether a period is complete is the dashboard's, which knows the day. */
export type Figures = Omit<Dashboard, 'indicator' | 'reach' | 'rows' | 'columns' | 'target' | 'summary'> & {
  rows: Array<{ key: string; label: string }>;
  columns: Array<{ key: string; label: string }>;
};

type Deps = { measures: MeasureRegistry; settings: DisclosureSettings; locale: Locale };

/** Months from `from` to `to` (YYYY-MM), inclusive. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

function published(
  cell: ProtectedCell | ReturnType<typeof protectShare>,
  settings: DisclosureSettings,
  format: (value: number) => string = String,
): PublishedCell {
  return { value: cell.value, text: formatCell(cell, settings, format), suppressed: cell.suppressed };
}

type FollowUpTexts = (typeof followUpMessages)['sv'];

/** A message whose parameters are named in its own language too (a period reads "kvartal", not "quarter"). */
function inEachLanguage(select: (c: FollowUpTexts) => string, params: (c: FollowUpTexts) => Record<string, string>): { sv: string; en: string } {
  return {
    sv: interpolate(select(followUpMessages.sv), params(followUpMessages.sv)),
    en: interpolate(select(followUpMessages.en as FollowUpTexts), params(followUpMessages.en as FollowUpTexts)),
  };
}

/** Checks the breakdown and period against what the indicator declares (no differencing between undeclared filters). */
export function checkQuery(indicator: Indicator, query: { by?: Disaggregation | null; period: Period; from: string; to: string }): void {
  if (indicator.source === 'county_import')
    throw new AppError('unprocessable', {
      detail: withParams(
        m((c) => c.errors.countyIndicator),
        { code: indicator.code },
      ),
    });
  if (query.by && !indicator.disaggregations.includes(query.by)) {
    throw invalidField(
      'by',
      'not_allowed',
      inEachLanguage(
        (c) => c.errors.byNotAllowed,
        (c) => ({ by: c.labels.dimensions[query.by!], allowed: indicator.disaggregations.map((code) => c.labels.dimensions[code]).join(', ') }),
      ),
      'query',
    );
  }
  if (!indicator.disaggregations.includes(query.period))
    throw invalidField(
      'period',
      'not_allowed',
      inEachLanguage(
        (c) => c.errors.periodNotAllowed,
        (c) => ({ period: c.labels.dimensions[query.period] }),
      ),
      'query',
    );
  const months = monthsOf(query.from, query.to).length;
  if (query.from > query.to || months > 120)
    throw invalidField(
      'from',
      'range',
      m((c) => c.errors.range),
      'query',
    );
}

function plainTable(table: CountTable): ProtectedTable {
  const cell = (value: number): ProtectedCell => ({ value, suppressed: null });
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return {
    id: table.id,
    display: 'below',
    rowDimension: table.rowDimension,
    columnDimension: table.columnDimension,
    rows: [...table.rows],
    columns: [...table.columns],
    cells: table.counts.map((row) => row.map(cell)),
    rowTotals: table.counts.map((row) => cell(sum(row))),
    columnTotals: table.columns.map((_, c) => cell(sum(table.counts.map((row) => row[c]!)))),
    total: cell(sum(table.counts.map(sum))),
  };
}

/** Reads a measure grouped by the breakdown and the period (stocks: the last month of each period). */
async function readMeasure(tx: Tx, measure: Measure, query: FigureQuery, reach: Reach): Promise<MeasureRow[]> {
  const groupBy: MeasureDimension[] = [...(query.by ? [query.by] : []), query.period];
  return measure.read(tx, { from: query.from, to: query.to, tenantIds: reach.tenantIds, unitIds: reach.unitIds, groupBy });
}

/**
 * The protected figures of one indicator. Numbers across organisations are read with
 * `app.follow_up_aggregate` on (migration 0070) — only here, and only to be protected.
 */
export async function indicatorFigures(
  tx: Tx,
  deps: Deps,
  indicator: Indicator,
  query: FigureQuery,
  reach: Reach,
): Promise<Figures & { noDataSource: boolean }> {
  const periods = [...new Set(monthsOf(query.from, query.to).map((month) => periodKey(month, query.period)))];
  const empty = (): FigureCell => ({
    numerator: { value: null, text: '–', suppressed: null },
    denominator: null,
    value: { value: null, text: '–', suppressed: null },
  });
  const numerator = deps.measures.get(indicator.numerator);
  const denominator = indicator.denominator ? deps.measures.get(indicator.denominator) : undefined;
  const base = { from: query.from, to: query.to, by: query.by, period: query.period, disclosure: deps.settings };
  if (!numerator || (indicator.denominator && !denominator)) {
    return {
      ...base,
      noDataSource: true,
      rows: [],
      columns: periods.map((key) => ({ key, label: periodLabel(key, deps.locale) })),
      cells: [],
      rowTotals: [],
      columnTotals: periods.map(empty),
      total: empty(),
      suppressedCells: 0,
    };
  }
  if (reach.kind === 'aggregated') await tx.execute(sql`select set_config('app.follow_up_aggregate', 'on', true)`);
  const numeratorRows = await readMeasure(tx, numerator, query, reach);
  const denominatorRows = denominator ? await readMeasure(tx, denominator, query, reach) : [];
  if (reach.kind === 'aggregated') await tx.execute(sql`select set_config('app.follow_up_aggregate', '', true)`);

  const rowKeys = query.by ? [...new Set([...numeratorRows, ...denominatorRows].map((row) => row.keys[query.by!] ?? ''))].sort() : ['all'];
  const labels = query.by ? await dimensionLabels(tx, query.by, rowKeys, deps.locale) : new Map([['all', followUpMessages[deps.locale].labels.total]]);
  const rowOrder = [...rowKeys].sort((a, b) => (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b, deps.locale));
  const grid = (rows: MeasureRow[], value: (row: MeasureRow) => number, add: (a: number, b: number) => number) => {
    const cells = rowOrder.map(() => periods.map(() => 0));
    for (const row of rows) {
      const r = query.by ? rowOrder.indexOf(row.keys[query.by] ?? '') : 0;
      const c = periods.indexOf(row.keys[query.period] ?? '');
      if (r >= 0 && c >= 0) cells[r]![c] = add(cells[r]![c]!, value(row));
    }
    return cells;
  };
  const tableOf = (id: 'numerator' | 'denominator', measure: Measure, rows: MeasureRow[]): KeyedTable => ({
    id,
    rowDimension: `${measure.key}:${query.by ?? 'all'}`,
    columnDimension: `${measure.key}:${query.period}`,
    rows: rowOrder,
    columns: periods,
    counts: grid(
      rows,
      (row) => row.value,
      (a, b) => a + b,
    ),
    cellKeys: grid(
      rows,
      (row) => row.cellKey,
      (a, b) => addCellKeys([a, b]),
    ),
  });
  const tables = [tableOf('numerator', numerator, numeratorRows), ...(denominator ? [tableOf('denominator', denominator, denominatorRows)] : [])];
  const measureOf = (id: string) => (id === 'numerator' ? numerator : denominator!);
  const result = tables.map((table) => (measureOf(table.id).countsPersons ? perturbTables([table], deps.settings)[0]! : plainTable(table)));
  const [num, den] = [result[0]!, result[1]];
  const settingsOf = (table: ProtectedTable): DisclosureSettings => ({ ...deps.settings, display: table.display });
  // Noise can put a numerator above its denominator; a share above 100 % means nothing.
  const shareOf = (numeratorCell: ProtectedCell, denominatorCell: ProtectedCell) => {
    const share = protectShare(numeratorCell, denominatorCell);
    return indicator.unit === 'share' && share.value !== null ? { ...share, value: Math.min(1, share.value) } : share;
  };
  const count = (value: number) => formatNumber(value, deps.locale);
  const figure = (numeratorCell: ProtectedCell, denominatorCell: ProtectedCell | undefined): FigureCell => {
    const numText = published(numeratorCell, settingsOf(num), count);
    if (!den || !denominatorCell) return { numerator: numText, denominator: null, value: numText };
    const share = shareOf(numeratorCell, denominatorCell);
    return {
      numerator: numText,
      denominator: published(denominatorCell, settingsOf(den), count),
      value: published(share, settingsOf(den), (value) => formatIndicatorValue(value, indicator.unit, deps.locale)),
    };
  };
  const cells = num.cells.map((row, r) => row.map((cell, c) => figure(cell, den?.cells[r]![c])));
  const suppressedCells = result.reduce(
    (count, table) =>
      count +
      table.cells.flat().filter((cell) => cell.suppressed).length +
      table.rowTotals.filter((cell) => cell.suppressed).length +
      (table.total.suppressed ? 1 : 0),
    0,
  );
  return {
    ...base,
    noDataSource: false,
    rows: rowOrder.map((key) => ({ key, label: labels.get(key) ?? key })),
    columns: periods.map((key) => ({ key, label: periodLabel(key, deps.locale) })),
    cells,
    rowTotals: num.rowTotals.map((cell, r) => figure(cell, den?.rowTotals[r])),
    columnTotals: num.columnTotals.map((cell, c) => figure(cell, den?.columnTotals[c])),
    total: figure(num.total, den?.total),
    suppressedCells,
  };
}

export function periodLabel(key: string, locale: Locale): string {
  const quarter = /^(\d{4})-Q(\d)$/.exec(key);
  if (quarter) return locale === 'sv' ? `Kvartal ${quarter[2]} ${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month)
    return new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleDateString(locale === 'sv' ? 'sv-SE' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return key;
}

/** Names of the breakdown's keys, in the request's language. */
export async function dimensionLabels(tx: Tx, dimension: Disaggregation, keys: readonly string[], locale: Locale): Promise<Map<string, string>> {
  const t = followUpMessages[locale].labels;
  const result = new Map<string, string>();
  const ids = keys.filter((key) => /^[0-9a-f-]{36}$/.test(key));
  const lookup = async (query: ReturnType<typeof sql>) => {
    for (const row of await queryRows<{ key: string; label: string }>(tx, query)) result.set(row.key, row.label);
  };
  const idArray = uuidArray(ids);
  const codeArray = textArray(keys.filter(Boolean));
  switch (dimension) {
    case 'agency':
      if (ids.length) await lookup(sql`select id::text as key, coalesce(short_name, name) as label from organisations where id = any (${idArray})`);
      break;
    case 'unit':
      if (ids.length) await lookup(sql`select id::text as key, name as label from units where id = any (${idArray})`);
      break;
    case 'process': {
      // Other organisations' processes are hidden by row-level security; the function names them.
      const rows = ids.length
        ? await queryRows<{ key: string; name: string; organisation: string }>(
            tx,
            sql`select id::text as key, name, organisation from screening_process_labels(${idArray})`,
          )
        : [];
      const several = new Set(rows.map((row) => row.organisation)).size > 1;
      for (const row of rows) result.set(row.key, several ? `${row.organisation}: ${row.name}` : row.name);
      for (const key of keys) if (!result.has(key)) result.set(key, t.unknownProcess);
      break;
    }
    case 'county':
      await lookup(sql`select code::text as key, name as label from counties where code::text = any (${codeArray})`);
      break;
    case 'municipality':
      await lookup(sql`select code::text as key, name as label from municipalities where code::text = any (${codeArray})`);
      break;
    case 'sex':
      for (const key of keys) result.set(key, t.sex[key as keyof typeof t.sex] ?? key);
      break;
    case 'age_band':
      for (const key of keys) result.set(key, t.ageBand[key as keyof typeof t.ageBand] ?? key);
      break;
    case 'reason':
      for (const key of keys) result.set(key, t.reason[key as keyof typeof t.reason] ?? key);
      break;
    case 'violence_form':
      for (const key of keys) result.set(key, t.form[key as keyof typeof t.form] ?? key);
      break;
    case 'referral_kind':
      for (const key of keys) result.set(key, t.referralKind[key as keyof typeof t.referralKind] ?? key);
      break;
    case 'channel':
      for (const key of keys) result.set(key, t.channel[key as keyof typeof t.channel] ?? key);
      break;
    case 'referral_target':
      for (const key of keys) result.set(key, t.referralTarget[key as keyof typeof t.referralTarget] ?? key);
      break;
    case 'language': {
      const names = new Intl.DisplayNames([locale === 'sv' ? 'sv' : 'en'], { type: 'language' });
      for (const key of keys) result.set(key, names.of(key) ?? key);
      break;
    }
    default:
      for (const key of keys) result.set(key, periodLabel(key, locale));
  }
  for (const key of keys) if (key === '' || !result.has(key)) result.set(key, key === '' ? t.notStated : (result.get(key) ?? t.otherOrganisation));
  return result;
}

export function isPeriod(dimension: Disaggregation | null | undefined): dimension is Period {
  return dimension !== null && dimension !== undefined && (PERIOD_DIMENSIONS as readonly string[]).includes(dimension);
}
