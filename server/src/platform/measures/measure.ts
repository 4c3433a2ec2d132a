import type { Tx } from '../db/database.ts';
import { addCellKeys, cellKeySecret, recordKey } from '../disclosure/cell-key.ts';

/**
 * Measures: named counts that features contribute and follow-up composes into indicators
 * (issue 7; ADR 0070; docs/follow-up.md). A feature exports `measures()` on its Feature object;
 * an indicator names a measure key as its numerator or denominator. An indicator whose measure
 * no feature registers reads "no data source yet" — never zero.
 */
export const MEASURE_DIMENSIONS = [
  'agency',
  'county',
  'municipality',
  'unit',
  'process',
  'month',
  'quarter',
  'year',
  'sex',
  'age_band',
  'violence_form',
  'reason',
  'referral_kind',
  'language',
  'channel',
  'referral_target',
] as const;
export type MeasureDimension = (typeof MEASURE_DIMENSIONS)[number];

/** The period dimensions: a measure that has `month` can always be read by quarter and year. */
export const PERIOD_DIMENSIONS: readonly MeasureDimension[] = ['month', 'quarter', 'year'];

export type MeasureQuery = {
  /** First and last month, inclusive (YYYY-MM). */
  from: string;
  to: string;
  /** Organisations whose numbers are read; null = every organisation (aggregated reads only). */
  tenantIds: readonly string[] | null;
  /** Units read (a manager's `unit` grant); null = every unit of the organisations. */
  unitIds: readonly string[] | null;
  /** At most two dimensions to group by; every one of them is in the measure's `dimensions`. */
  groupBy: readonly MeasureDimension[];
};

/**
 * One group: its key per grouped dimension (ids and codes, not labels), the count, and the sum
 * of the counted records' keys modulo 2^24 (`platform/disclosure/cell-key.ts`), from which
 * disclosure control takes the group's noise.
 */
export type MeasureRow = { keys: Partial<Record<MeasureDimension, string>>; value: number; cellKey: number };

export type Measure = {
  /** Stable key, `<feature>.<name>`, named by indicator definitions. */
  key: string;
  label: { sv: string; en: string };
  /** Counts of persons (clients or staff): published only through disclosure control. */
  countsPersons: boolean;
  /** How a count adds up over time: flows add (`sum`); stocks such as staff on a day take the last month (`last`). */
  overTime: 'sum' | 'last';
  dimensions: readonly MeasureDimension[];
  /** Reads the counts in the caller's restricted transaction. */
  read(tx: Tx, query: MeasureQuery): Promise<MeasureRow[]>;
};

export type MeasureRegistry = {
  get(key: string): Measure | undefined;
  all(): Measure[];
};

export function createMeasureRegistry(measures: readonly Measure[]): MeasureRegistry {
  const byKey = new Map<string, Measure>();
  for (const measure of measures) {
    if (byKey.has(measure.key)) throw new Error(`Two features register the measure ${measure.key}`);
    byKey.set(measure.key, measure);
  }
  return { get: (key) => byKey.get(key), all: () => [...byKey.values()] };
}

/** The quarter (YYYY-Qn) and year of a month (YYYY-MM). */
export function periodKey(month: string, period: 'month' | 'quarter' | 'year'): string {
  if (period === 'month') return month;
  if (period === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last month (`YYYY-MM`) of a period key: a month, a quarter (`YYYY-Qn`) or a year. */
export function lastMonthOf(key: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}`;
  if (/^\d{4}$/.test(key)) return `${key}-12`;
  return key;
}

/**
 * Whether a period's figures are not complete yet: it has not ended (it holds the current month)
 * or the range asked for stops inside it. Shown as such, an unfinished period is not read as a drop.
 */
export function isPartialPeriod(key: string, currentMonth: string, rangeTo: string): boolean {
  const last = lastMonthOf(key);
  return last >= currentMonth || last > rangeTo;
}

/**
 * A measure from a plain function that counts per unit and month in the caller's organisation
 * (e.g. the competence feature's `trainedStaffByUnitAndMonth`): grouping by agency, unit and
 * period is done here. Stocks (`overTime: 'last'`) take the last month of each period.
 */
export function unitMonthMeasure(definition: {
  key: string;
  label: { sv: string; en: string };
  countsPersons: boolean;
  overTime: 'sum' | 'last';
  count(tx: Tx, range: { from: string; to: string }): Promise<Array<{ unitId: string; month: string; value: number }>>;
  tenantOf(tx: Tx, unitIds: readonly string[]): Promise<Map<string, string>>;
}): Measure {
  return {
    key: definition.key,
    label: definition.label,
    countsPersons: definition.countsPersons,
    overTime: definition.overTime,
    dimensions: ['agency', 'unit', 'month', 'quarter', 'year'],
    async read(tx, query) {
      const points = (await definition.count(tx, { from: query.from, to: query.to })).filter((point) => !query.unitIds || query.unitIds.includes(point.unitId));
      const secret = await cellKeySecret(tx);
      const tenants = await definition.tenantOf(tx, [...new Set(points.map((point) => point.unitId))]);
      const period = query.groupBy.find(
        (dimension): dimension is 'month' | 'quarter' | 'year' => dimension === 'month' || dimension === 'quarter' || dimension === 'year',
      );
      const lastMonth = new Map<string, string>();
      if (definition.overTime === 'last') {
        for (const point of points) {
          const bucket = period ? periodKey(point.month, period) : '';
          const key = `${point.unitId}\u0000${bucket}`;
          if ((lastMonth.get(key) ?? '') < point.month) lastMonth.set(key, point.month);
        }
      }
      const groups = new Map<string, MeasureRow>();
      for (const point of points) {
        const tenantId = tenants.get(point.unitId);
        if (!tenantId || (query.tenantIds && !query.tenantIds.includes(tenantId))) continue;
        const bucket = period ? periodKey(point.month, period) : '';
        if (definition.overTime === 'last' && lastMonth.get(`${point.unitId}\u0000${bucket}`) !== point.month) continue;
        const keys: MeasureRow['keys'] = {};
        for (const dimension of query.groupBy) {
          if (dimension === 'agency') keys.agency = tenantId;
          else if (dimension === 'unit') keys.unit = point.unitId;
          else keys[dimension] = bucket;
        }
        const id = JSON.stringify(keys);
        const row = groups.get(id) ?? { keys, value: 0, cellKey: 0 };
        row.value += point.value;
        // The function gives no finer records than a unit's month: that, with its count, is the record.
        if (point.value !== 0) row.cellKey = addCellKeys([row.cellKey, recordKey(secret, `${definition.key}|${point.unitId}|${point.month}|${point.value}`)]);
        groups.set(id, row);
      }
      return [...groups.values()];
    },
  };
}
