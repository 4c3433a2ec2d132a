import { extremeValue, type LinearSystem } from './linear-program.ts';

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

export type Suppression = 'primary' | 'complementary';
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

/** A variable of the report's linear system: one number, possibly appearing in several tables. */
type Variable = { value: number; suppressed: Suppression | null; margin: boolean };

type Layout = {
  variables: Variable[];
  equations: Array<Map<number, number>>;
  /** Per table: variable index of each cell, row total, column total and the grand total. */
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
  if (table.counts.length !== table.rows.length) throw new InconsistentReportError(`${table.id}: ${table.counts.length} rows of counts for ${table.rows.length} rows`);
  for (const row of table.counts) {
    if (row.length !== table.columns.length) throw new InconsistentReportError(`${table.id}: a row has ${row.length} counts for ${table.columns.length} columns`);
    for (const count of row) if (!Number.isInteger(count) || count < 0) throw new InconsistentReportError(`${table.id}: ${count} is not a count`);
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Builds the report's variables (shared totals identified once) and its equations. */
function layout(tables: readonly CountTable[]): Layout {
  const variables: Variable[] = [];
  const byKey = new Map<string, number>();
  const variable = (keys: string[], value: number, margin: boolean): number => {
    const found = keys.map((key) => byKey.get(key)).find((index) => index !== undefined);
    if (found !== undefined) {
      if (variables[found]!.value !== value) throw new InconsistentReportError(`the total ${keys[0]} is ${variables[found]!.value} in one table and ${value} in another`);
      for (const key of keys) byKey.set(key, found);
      return found;
    }
    variables.push({ value, suppressed: null, margin });
    for (const key of keys) byKey.set(key, variables.length - 1);
    return variables.length - 1;
  };
  const equations: Array<Map<number, number>> = [];
  const result: Layout['tables'] = [];
  for (const table of tables) {
    checkTable(table);
    const cells = table.counts.map((row, r) => row.map((count, c) => variable([`cell\u0000${table.id}\u0000${r}\u0000${c}`], count, false)));
    const rowTotals = table.rows.map((row, r) => variable([`${table.rowDimension}\u0000${row}`], sum(table.counts[r]!), true));
    const columnTotals = table.columns.map((column, c) => variable([`${table.columnDimension}\u0000${column}`], sum(table.counts.map((row) => row[c]!)), true));
    const grand = sum(table.counts.map(sum));
    const total = variable([`${table.rowDimension}\u0000*`, `${table.columnDimension}\u0000*`], grand, true);
    const equation = (terms: Array<[number, number]>) => {
      const map = new Map<number, number>();
      for (const [index, coefficient] of terms) map.set(index, (map.get(index) ?? 0) + coefficient);
      equations.push(map);
    };
    cells.forEach((row, r) => equation([...row.map((index) => [index, 1] as [number, number]), [rowTotals[r]!, -1]]));
    table.columns.forEach((_, c) => equation([...cells.map((row) => [row[c]!, 1] as [number, number]), [columnTotals[c]!, -1]]));
    equation([...rowTotals.map((index) => [index, 1] as [number, number]), [total, -1]]);
    equation([...columnTotals.map((index) => [index, 1] as [number, number]), [total, -1]]);
    result.push({ cells, rowTotals, columnTotals, total });
  }
  return { variables, equations, tables: result };
}

/** What the attacker knows about hidden cells besides the equations. */
type Knowledge = { threshold: number; rangesShown: boolean };

function bounds(variable: Variable, knowledge: Knowledge): [number, number] {
  if (!knowledge.rangesShown) return [1, Infinity];
  return variable.suppressed === 'primary' ? [1, knowledge.threshold - 1] : [knowledge.threshold, Infinity];
}

/** The report's linear system over its hidden variables; published ones are constants. */
function hiddenSystem(variables: readonly Variable[], equations: ReadonlyArray<ReadonlyMap<number, number>>, knowledge: Knowledge) {
  const hidden = variables.flatMap((variable, index) => (variable.suppressed ? [index] : []));
  const position = new Map(hidden.map((index, k) => [index, k]));
  const system: LinearSystem = {
    size: hidden.length,
    equations: equations.flatMap((equation) => {
      const coefficients = new Map<number, number>();
      let rhs = 0;
      for (const [index, coefficient] of equation) {
        const k = position.get(index);
        if (k === undefined) rhs -= coefficient * variables[index]!.value;
        else coefficients.set(k, coefficient);
      }
      return coefficients.size > 0 ? [{ coefficients, rhs }] : [];
    }),
    lower: hidden.map((index) => bounds(variables[index]!, knowledge)[0]),
    upper: hidden.map((index) => bounds(variables[index]!, knowledge)[1]),
  };
  return { hidden, position, system };
}

/** Fewer than two whole numbers fit the hidden variable at position `k`: the attacker has it. */
function pinned(system: LinearSystem, k: number): boolean {
  const high = extremeValue(system, k, 1);
  const low = extremeValue(system, k, -1);
  return Math.floor(high + 1e-7) - Math.ceil(low - 1e-7) < 1;
}

function exposedVariables(variables: readonly Variable[], equations: ReadonlyArray<ReadonlyMap<number, number>>, knowledge: Knowledge): number[] {
  const { hidden, system } = hiddenSystem(variables, equations, knowledge);
  return hidden.filter((_, k) => pinned(system, k));
}

function isExposed(variables: readonly Variable[], equations: ReadonlyArray<ReadonlyMap<number, number>>, knowledge: Knowledge, target: number): boolean {
  const { position, system } = hiddenSystem(variables, equations, knowledge);
  return pinned(system, position.get(target)!);
}

/** Protects every table of one report together (shared totals are one number). */
export function protectReport(tables: readonly CountTable[], settings: DisclosureSettings = DEFAULT_DISCLOSURE): ProtectedTable[] {
  if (settings.display === 'below') {
    const shown = suppress(tables, { threshold: settings.threshold, rangesShown: true });
    if (shown) return shown;
  }
  // Without range labels the attacker knows only "not 0", and hiding every non-zero cell always
  // protects (any solution doubled is another one), so this never runs out of cells.
  return suppress(tables, { threshold: settings.threshold, rangesShown: false })!;
}

/** The protected report, or undefined when no choice of complements protects it with this knowledge. */
function suppress(tables: readonly CountTable[], knowledge: Knowledge): ProtectedTable[] | undefined {
  const { variables, equations, tables: placed } = layout(tables);
  for (const variable of variables) if (variable.value >= 1 && variable.value < knowledge.threshold) variable.suppressed = 'primary';

  const related = (index: number) => {
    const near = new Set<number>();
    for (const equation of equations) if (equation.has(index)) for (const other of equation.keys()) near.add(other);
    return near;
  };

  for (let guard = 0; guard <= variables.length; guard++) {
    const exposed = exposedVariables(variables, equations, knowledge);
    if (exposed.length === 0) break;
    const target = exposed[0]!;
    // How far a candidate is from the target: in one of its equations (1), in an equation of a
    // hidden neighbour (2), anywhere else in the report (3).
    const ring = new Map<number, number>();
    for (const near of related(target)) ring.set(near, 1);
    for (const near of related(target)) {
      if (!variables[near]!.suppressed) continue;
      for (const further of related(near)) if (!ring.has(further)) ring.set(further, 2);
    }
    const candidates = variables
      .flatMap((variable, index) => (variable.suppressed === null && variable.value > 0 ? [index] : []))
      .sort(
        (a, b) =>
          (ring.get(a) ?? 3) - (ring.get(b) ?? 3) ||
          Number(variables[a]!.margin) - Number(variables[b]!.margin) ||
          variables[a]!.value - variables[b]!.value ||
          a - b,
      );
    if (candidates.length === 0) return undefined;
    // The nearest, cheapest complement (interior before totals, small before large: less
    // information lost) that protects the target by itself; otherwise the nearest cheapest one,
    // and the next round adds more.
    const protecting = candidates.find((candidate) => {
      variables[candidate]!.suppressed = 'complementary';
      const stillExposed = isExposed(variables, equations, knowledge, target);
      variables[candidate]!.suppressed = null;
      return !stillExposed;
    });
    variables[protecting ?? candidates[0]!]!.suppressed = 'complementary';
  }

  const cell = (index: number): ProtectedCell => {
    const variable = variables[index]!;
    return variable.suppressed ? { value: null, suppressed: variable.suppressed } : { value: variable.value, suppressed: null };
  };
  return tables.map((table, t) => ({
    id: table.id,
    display: knowledge.rangesShown ? 'below' : 'dash',
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
export function protectTable(table: CountTable, settings: DisclosureSettings = DEFAULT_DISCLOSURE): ProtectedTable {
  return protectReport([table], settings)[0]!;
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
