import { suppressLinked, type Knowledge, type LinkedCell, type LinkedTables, type Suppression } from './suppression.ts';

/**
 * Disclosure control for counts of persons (issue 7 item 4; ADR 0050; docs/disclosure-control.md).
 * One implementation for every aggregated number about persons that leaves a unit's own view:
 * survey results, dashboards, exports, reports.
 *
 * Rules:
 *  1. Primary suppression: a count of 1 … threshold−1 is never published — interior cells and
 *     totals alike. 0 is published (it identifies nobody and suppressing it would hide nothing).
 *  2. Shares: a share whose numerator or denominator is suppressed is suppressed (`protectShare`).
 *  3. Complementary suppression: further non-zero cells are hidden until no hidden cell can be
 *     recomputed from the published cells and the row, column and grand totals of every table of
 *     the same report. Tables of a report share marginals: a table whose rows (or columns) are the
 *     same dimension as another's has the same totals, and the attacker may combine them.
 *  4. A table without a small count is published unchanged.
 *
 * The attacker assumed is strong: they solve the linear system exactly, know that a hidden cell is
 * not 0 (zeros are published) and, where primary cells read "<5" (`display: 'below'`), that those
 * are 1 … threshold−1 and the ones hidden to protect them ("–") are ≥ threshold. A hidden cell is
 * protected only when at least two whole numbers remain possible for it. When the "<5" labels
 * themselves would give a value away (a tiny table where everything is small), the report is
 * protected again with every hidden cell reading "–" (`ProtectedTable.display`).
 * The linear and integer programs are solved by HiGHS (`solver.ts`, `suppression.ts`; ADR 0054):
 * the functions are async because the solver (WebAssembly) is loaded on first use.
 * Pure functions, no database.
 */

export type DisclosureSettings = {
  /** Counts from 1 to threshold−1 are suppressed (`SUPPRESSION_THRESHOLD`, default 5). */
  threshold: number;
  /**
   * How a hidden cell reads: `below` shows primary cells as "<5" and complementary cells as "–";
   * `dash` shows every hidden cell as "–" (`SUPPRESSION_DISPLAY`).
   */
  display: 'below' | 'dash';
};

export const DEFAULT_DISCLOSURE: DisclosureSettings = { threshold: 5, display: 'below' };

export type CountTable = {
  /** Unique within the report. */
  id: string;
  /** What the rows and columns are (e.g. `organisation`, `violence_area`): tables of a report that share a dimension share its totals. */
  rowDimension: string;
  columnDimension: string;
  rows: readonly string[];
  columns: readonly string[];
  /** counts[row][column]: whole numbers ≥ 0. */
  counts: ReadonlyArray<readonly number[]>;
};

export type { Suppression };
export type ProtectedCell = { value: number; suppressed: null } | { value: null; suppressed: Suppression };

export type ProtectedTable = {
  id: string;
  /** How this table's hidden cells read: `dash` also when `below` would give a value away. */
  display: DisclosureSettings['display'];
  rowDimension: string;
  columnDimension: string;
  rows: string[];
  columns: string[];
  cells: ProtectedCell[][];
  rowTotals: ProtectedCell[];
  columnTotals: ProtectedCell[];
  total: ProtectedCell;
};

export type ProtectedShare = { value: number; suppressed: null } | { value: null; suppressed: 'share' };

type Layout = {
  cells: LinkedCell[];
  relations: Array<{ total: number; parts: number[] }>;
  /** Per table: cell index of each cell, row total, column total and the grand total. */
  tables: Array<{ cells: number[][]; rowTotals: number[]; columnTotals: number[]; total: number }>;
};

export class InconsistentReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InconsistentReportError';
  }
}

function checkTable(table: CountTable): void {
  if (table.rowDimension === table.columnDimension) throw new InconsistentReportError(`${table.id}: rows and columns are the same dimension`);
  if (table.counts.length !== table.rows.length)
    throw new InconsistentReportError(`${table.id}: ${table.counts.length} rows of counts for ${table.rows.length} rows`);
  for (const row of table.counts) {
    if (row.length !== table.columns.length)
      throw new InconsistentReportError(`${table.id}: a row has ${row.length} counts for ${table.columns.length} columns`);
    for (const count of row) if (!Number.isInteger(count) || count < 0) throw new InconsistentReportError(`${table.id}: ${count} is not a count`);
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The report as linked tables: shared totals are one cell, every row and column sum a relation. */
function layout(tables: readonly CountTable[]): Layout {
  const cells: LinkedCell[] = [];
  const byKey = new Map<string, number>();
  const cell = (keys: string[], value: number, margin: boolean): number => {
    const found = keys.map((key) => byKey.get(key)).find((index) => index !== undefined);
    if (found !== undefined) {
      if (cells[found]!.value !== value)
        throw new InconsistentReportError(`the total ${keys[0]} is ${cells[found]!.value} in one table and ${value} in another`);
      for (const key of keys) byKey.set(key, found);
      return found;
    }
    cells.push({ value, margin });
    for (const key of keys) byKey.set(key, cells.length - 1);
    return cells.length - 1;
  };
  const relations: Layout['relations'] = [];
  const result: Layout['tables'] = [];
  for (const table of tables) {
    checkTable(table);
    const inner = table.counts.map((row, r) => row.map((count, c) => cell([`cell\u0000${table.id}\u0000${r}\u0000${c}`], count, false)));
    const rowTotals = table.rows.map((row, r) => cell([`${table.rowDimension}\u0000${row}`], sum(table.counts[r]!), true));
    const columnTotals = table.columns.map((column, c) => cell([`${table.columnDimension}\u0000${column}`], sum(table.counts.map((row) => row[c]!)), true));
    const grand = sum(table.counts.map(sum));
    const total = cell([`${table.rowDimension}\u0000*`, `${table.columnDimension}\u0000*`], grand, true);
    inner.forEach((row, r) => relations.push({ total: rowTotals[r]!, parts: row }));
    table.columns.forEach((_, c) => relations.push({ total: columnTotals[c]!, parts: inner.map((row) => row[c]!) }));
    relations.push({ total, parts: rowTotals }, { total, parts: columnTotals });
    result.push({ cells: inner, rowTotals, columnTotals, total });
  }
  return { cells, relations, tables: result };
}

/**
 * Protects linked tables with the report's rules: first with "<threshold" labels (when the
 * settings show them), and with every hidden cell reading "–" when the labels would give a value
 * away. The general form behind `protectReport`; `cube` builds n-dimensional and hierarchical
 * tables for it, and survey rounds link every breakdown and filter of a round in it.
 */
export async function protectLinked(
  tables: LinkedTables,
  settings: DisclosureSettings = DEFAULT_DISCLOSURE,
  options: { mode?: 'heuristic' | 'optimal'; forced?: Iterable<number>; timeLimit?: number } = {},
): Promise<{ suppressed: Array<Suppression | null>; display: DisclosureSettings['display'] }> {
  const forced = options.forced ? [...options.forced] : [];
  if (settings.display === 'below') {
    const shown = await suppressLinked(tables, { threshold: settings.threshold, rangesShown: true }, { ...options, forced });
    if (shown) return { suppressed: shown.suppressed, display: 'below' };
  }
  // Without range labels the attacker knows only "not 0", and hiding every non-zero cell always
  // protects (any solution doubled is another one).
  const knowledge: Knowledge = { threshold: settings.threshold, rangesShown: false };
  const dashed = await suppressLinked(tables, knowledge, { ...options, forced });
  if (dashed) return { suppressed: dashed.suppressed, display: 'dash' };
  return {
    suppressed: tables.cells.map((cell) =>
      cell.value >= 1 && cell.value < settings.threshold && !cell.unpublished ? 'primary' : cell.value > 0 || cell.unpublished ? 'complementary' : null,
    ),
    display: 'dash',
  };
}

/** Protects every table of one report together (shared totals are one number). */
export async function protectReport(
  tables: readonly CountTable[],
  settings: DisclosureSettings = DEFAULT_DISCLOSURE,
  options: { mode?: 'heuristic' | 'optimal' } = {},
): Promise<ProtectedTable[]> {
  const { cells, relations, tables: placed } = layout(tables);
  const { suppressed, display } = await protectLinked({ cells, relations }, settings, options);
  const cell = (index: number): ProtectedCell => {
    const hidden = suppressed[index];
    return hidden ? { value: null, suppressed: hidden } : { value: cells[index]!.value, suppressed: null };
  };
  return tables.map((table, t) => ({
    id: table.id,
    display,
    rowDimension: table.rowDimension,
    columnDimension: table.columnDimension,
    rows: [...table.rows],
    columns: [...table.columns],
    cells: placed[t]!.cells.map((row) => row.map(cell)),
    rowTotals: placed[t]!.rowTotals.map(cell),
    columnTotals: placed[t]!.columnTotals.map(cell),
    total: cell(placed[t]!.total),
  }));
}

/** One table on its own (a report of one table). */
export async function protectTable(table: CountTable, settings: DisclosureSettings = DEFAULT_DISCLOSURE): Promise<ProtectedTable> {
  return (await protectReport([table], settings))[0]!;
}

/**
 * A share is published only when both its numerator and its denominator are. A zero denominator
 * has no share either; it reads like a hidden one ("–").
 */
export function protectShare(numerator: ProtectedCell, denominator: ProtectedCell): ProtectedShare {
  if (numerator.suppressed || denominator.suppressed || denominator.value === 0) return { value: null, suppressed: 'share' };
  return { value: numerator.value / denominator.value, suppressed: null };
}

/** How a cell reads in tables, exports and reports; pass the table's own `display`. */
export function formatCell(cell: ProtectedCell | ProtectedShare, settings: DisclosureSettings, format: (value: number) => string = String): string {
  if (cell.suppressed === null) return format(cell.value);
  return settings.display === 'below' && cell.suppressed === 'primary' ? `<${settings.threshold}` : '–';
}
