import { sql } from 'drizzle-orm';
import type { ImportResult, IndicatorUnit } from '#shared/contracts/follow-up.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { readCsv } from '../../platform/export/csv-reader.ts';
import { followUpMessages } from './messages.ts';

/**
 * CSV imports of follow-up: meetings held per unit and month (an imported series) and county
 * values for the regional comparison. Like the directory import: a preview first, every problem
 * named by line and field, and all or nothing — one bad line saves no line.
 */

export const MAX_IMPORT_LINES = 5000;
export const MEETINGS_HEADER = ['enhet', 'manad', 'moten'] as const;
export const COUNTY_HEADER = ['indikator', 'lan', 'ar', 'varde'] as const;
/** County values as a count and the population it is counted over: the rate is computed here. */
export const COUNTY_COUNT_HEADER = ['indikator', 'lan', 'ar', 'antal', 'befolkning'] as const;

type Line = { line: number; cells: string[] };
type LineError = ImportResult['errors'][number];

/** A CSV text (semicolon or comma, quotes allowed) as trimmed cells; line numbers count the header as 1. */
export function parseCsvLines(text: string): { header: string[]; lines: Line[] } {
  const [header, ...records] = readCsv(text).map(({ line, cells }) => ({ line, cells: cells.map((cell) => cell.trim()) }));
  return {
    header: (header?.cells ?? ['']).map((cell) =>
      cell
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
    ),
    lines: records.filter((entry) => entry.cells.some((cell) => cell !== '')),
  };
}

function checkShape(parsed: ReturnType<typeof parseCsvLines>, expected: readonly string[], locale: Locale): LineError[] {
  const t = followUpMessages[locale].errors;
  if (parsed.header.length === 0 || parsed.header.every((cell) => cell === '')) return [{ line: 1, field: 'csv', message: t.csvEmpty }];
  if (parsed.header.join(';') !== expected.join(';')) return [{ line: 1, field: 'csv', message: interpolate(t.csvHeader, { expected: expected.join(';') }) }];
  if (parsed.lines.length > MAX_IMPORT_LINES) return [{ line: 1, field: 'csv', message: interpolate(t.tooManyRows, { max: MAX_IMPORT_LINES }) }];
  return parsed.lines
    .filter((entry) => entry.cells.length !== expected.length)
    .map((entry) => ({ line: entry.line, field: 'csv', message: interpolate(t.csvColumns, { found: entry.cells.length, expected: expected.length }) }));
}

/** A number as a Swedish spreadsheet writes it: decimal comma or point, spaces between thousands. */
const number = (text: string) => {
  const compact = text.replace(/[\s\u00a0]/g, '');
  return /^-?\d+([.,]\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : Number.NaN;
};

export type CountyValue = { indicatorCode: string; countyCode: string; year: number; value: number };

/**
 * Checks county values: known county indicator, known county, a year, a number, no duplicate key.
 * Values are stored per one (a share as 0…1, a rate per inhabitant) and shown per 10 000, so a
 * `varde` is a share or a rate per one, and one above 1 is refused: "1,3" meant per 10 000 would
 * read 13 000 per 10 000 (issue 20). A rate per 10 000 can instead be imported as the count and the
 * population (`indikator;lan;ar;antal;befolkning`) and is computed here: 36 places for 287 966
 * inhabitants is 1,25 per 10 000.
 */
export async function checkCountyValues(tx: Tx, csv: string, locale: Locale): Promise<{ rows: CountyValue[]; errors: LineError[]; preview: string[][] }> {
  const t = followUpMessages[locale].errors;
  const parsed = parseCsvLines(csv);
  const counted = parsed.header.join(';') === COUNTY_COUNT_HEADER.join(';');
  const shape = checkShape(parsed, counted ? COUNTY_COUNT_HEADER : COUNTY_HEADER, locale);
  if (shape.length > 0) return { rows: [], errors: shape, preview: [] };
  const counties = new Set((await queryRows<{ code: string }>(tx, sql`select code::text as code from counties`)).map((row) => row.code));
  const units = new Map(
    (
      await queryRows<{ code: string; unit: IndicatorUnit }>(
        tx,
        sql`select i.code, (select v.unit from follow_up_indicator_versions v where v.code = i.code order by v.version desc limit 1) as unit
              from follow_up_indicators i where i.source = 'county_import'`,
      )
    ).map((row) => [row.code, row.unit]),
  );
  const errors: LineError[] = [];
  const rows: CountyValue[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of parsed.lines) {
    const [indicator = '', county = '', year = ''] = cells;
    const before = errors.length;
    const unit = units.get(indicator);
    if (!unit) errors.push({ line, field: 'indikator', message: interpolate(t.unknownCountyIndicator, { value: indicator }) });
    const countyCode = /^\d$/.test(county) ? `0${county}` : county;
    if (!counties.has(countyCode)) errors.push({ line, field: 'lan', message: interpolate(t.unknownCounty, { value: county }) });
    if (!/^\d{4}$/.test(year)) errors.push({ line, field: 'ar', message: interpolate(t.badYear, { value: year }) });
    let parsedValue: number;
    if (counted) {
      const [count = '', population = ''] = cells.slice(3);
      const places = number(count);
      const inhabitants = number(population);
      if (unit && unit !== 'rate_per_10000') errors.push({ line, field: 'antal', message: interpolate(t.countNotRate, { value: indicator }) });
      if (!Number.isFinite(places) || places < 0) errors.push({ line, field: 'antal', message: interpolate(t.badValue, { value: count }) });
      if (!Number.isInteger(inhabitants) || inhabitants <= 0)
        errors.push({ line, field: 'befolkning', message: interpolate(t.badPopulation, { value: population }) });
      parsedValue = places / inhabitants;
    } else {
      const value = cells[3] ?? '';
      parsedValue = number(value);
      if (!Number.isFinite(parsedValue)) errors.push({ line, field: 'varde', message: interpolate(t.badValue, { value }) });
      else if (unit && unit !== 'number' && (parsedValue < 0 || parsedValue > 1))
        errors.push({ line, field: 'varde', message: interpolate(unit === 'share' ? t.shareAboveOne : t.rateAboveOne, { value }) });
    }
    const key = `${indicator} ${countyCode} ${year}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, field: 'csv', message: interpolate(t.duplicate, { key, line: first }) });
    else seen.set(key, line);
    if (errors.length === before) rows.push({ indicatorCode: indicator, countyCode, year: Number(year), value: parsedValue });
  }
  return { rows, errors, preview: parsed.lines.slice(0, 10).map((entry) => entry.cells) };
}

export async function saveCountyValues(tx: Tx, tenantId: string, userId: string | null, rows: CountyValue[], demo = false): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    await tx.execute(sql`insert into follow_up_county_values (tenant_id, indicator_code, county_code, year, value, imported_by, demo)
      values ${sql.join(
        chunk.map((row) => sql`(${tenantId}, ${row.indicatorCode}, ${row.countyCode}, ${row.year}, ${row.value}, ${userId}, ${demo})`),
        sql`, `,
      )}
      on conflict (tenant_id, indicator_code, county_code, year) do update set value = excluded.value, imported_by = excluded.imported_by, imported_at = app_now()`);
  }
}

export type MeetingsValue = { unitId: string; month: string; value: number };

/** Checks meetings held: a unit of the caller's organisation (by name or id), a month, a whole number, no duplicate. */
export async function checkMeetings(
  tx: Tx,
  tenantId: string,
  csv: string,
  locale: Locale,
): Promise<{ rows: MeetingsValue[]; errors: LineError[]; preview: string[][] }> {
  const t = followUpMessages[locale].errors;
  const parsed = parseCsvLines(csv);
  const shape = checkShape(parsed, MEETINGS_HEADER, locale);
  if (shape.length > 0) return { rows: [], errors: shape, preview: [] };
  const units = await queryRows<{ id: string; name: string }>(tx, sql`select id::text, name from units where tenant_id = ${tenantId}`);
  const unitOf = (text: string) => units.find((unit) => unit.id === text.toLowerCase() || unit.name.toLowerCase() === text.toLowerCase())?.id;
  const errors: LineError[] = [];
  const rows: MeetingsValue[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of parsed.lines) {
    const [unit = '', month = '', count = ''] = cells;
    const before = errors.length;
    const unitId = unitOf(unit);
    if (!unitId) errors.push({ line, field: 'enhet', message: interpolate(t.unknownUnit, { value: unit }) });
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) errors.push({ line, field: 'manad', message: interpolate(t.badMonth, { value: month }) });
    if (!/^\d{1,7}$/.test(count)) errors.push({ line, field: 'moten', message: interpolate(t.badCount, { value: count }) });
    const key = `${unit} ${month}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, field: 'csv', message: interpolate(t.duplicate, { key, line: first }) });
    else seen.set(key, line);
    if (errors.length === before) rows.push({ unitId: unitId!, month, value: Number(count) });
  }
  return { rows, errors, preview: parsed.lines.slice(0, 10).map((entry) => entry.cells) };
}

export async function saveMeetings(tx: Tx, tenantId: string, userId: string | null, rows: MeetingsValue[], demo = false): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    await tx.execute(sql`insert into follow_up_series_values (tenant_id, series, unit_id, month, value, imported_by, demo)
      values ${sql.join(
        chunk.map((row) => sql`(${tenantId}, 'meetings_held', ${row.unitId}, ${`${row.month}-01`}::date, ${row.value}, ${userId}, ${demo})`),
        sql`, `,
      )}
      on conflict (tenant_id, series, unit_id, month) do update set value = excluded.value, imported_by = excluded.imported_by, imported_at = app_now()`);
  }
}
