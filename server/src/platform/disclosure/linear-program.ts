/**
 * A small exact-enough linear program solver for auditing suppressed tables: how far can an
 * attacker who knows every published number, the table equations and the bounds of each hidden
 * cell push one hidden cell up or down? (Hundepool et al., *Statistical Disclosure Control*,
 * 2012, §4.3 "audit": the attacker solves one LP per hidden cell and direction.)
 *
 * Dense two-phase simplex with Bland's rule, so it never cycles. The systems here are a few
 * dozen variables with coefficients −1, 0, 1 and small integer right-hand sides, for which a
 * dense tableau is the simplest correct choice.
 */
export type LinearSystem = {
  /** Number of variables. */
  size: number;
  /** Equations: Σ coefficients[k] · x[k] = rhs, as sparse maps from variable index to coefficient. */
  equations: ReadonlyArray<{ coefficients: ReadonlyMap<number, number>; rhs: number }>;
  lower: readonly number[];
  /** `Infinity` for no upper bound. */
  upper: readonly number[];
};

const EPSILON = 1e-9;

export class InfeasibleSystemError extends Error {
  constructor() {
    super('The published figures are inconsistent: no table satisfies them.');
    this.name = 'InfeasibleSystemError';
  }
}

type Tableau = { rows: number[][]; basis: number[]; columns: number };

function pivot(tableau: Tableau, row: number, column: number): void {
  const pivotRow = tableau.rows[row]!;
  const factor = pivotRow[column]!;
  for (let j = 0; j <= tableau.columns; j++) pivotRow[j]! /= factor;
  for (let i = 0; i < tableau.rows.length; i++) {
    if (i === row) continue;
    const current = tableau.rows[i]!;
    const multiple = current[column]!;
    if (Math.abs(multiple) < EPSILON) continue;
    for (let j = 0; j <= tableau.columns; j++) current[j]! -= multiple * pivotRow[j]!;
  }
  tableau.basis[row] = column;
}

/**
 * Maximises `objective · w` over the constraint rows with w ≥ 0; the last row of `tableau.rows`
 * is the objective row (reduced costs, negated), the last column the right-hand side.
 * Returns false when unbounded.
 */
function optimise(tableau: Tableau, allowed: (column: number) => boolean): boolean {
  const objective = tableau.rows.length - 1;
  for (;;) {
    let entering = -1;
    for (let j = 0; j < tableau.columns; j++) {
      if (allowed(j) && tableau.rows[objective]![j]! < -EPSILON) {
        entering = j;
        break;
      }
    }
    if (entering < 0) return true;
    let leaving = -1;
    let best = Infinity;
    for (let i = 0; i < objective; i++) {
      const coefficient = tableau.rows[i]![entering]!;
      if (coefficient <= EPSILON) continue;
      const ratio = tableau.rows[i]![tableau.columns]! / coefficient;
      if (ratio < best - EPSILON || (Math.abs(ratio - best) <= EPSILON && tableau.basis[i]! < tableau.basis[leaving]!)) {
        best = ratio;
        leaving = i;
      }
    }
    if (leaving < 0) return false;
    pivot(tableau, leaving, entering);
  }
}

/**
 * The largest value `x[target]` can take (`direction` 1) or the smallest (`direction` −1).
 * `Infinity` / `-Infinity` when unbounded; throws `InfeasibleSystemError` when nothing fits.
 */
export function extremeValue(system: LinearSystem, target: number, direction: 1 | -1): number {
  const { size, lower, upper } = system;
  // Shift x = lower + z so every variable starts at 0, then add a slack for each finite upper bound.
  const bounded = [...Array(size).keys()].filter((k) => Number.isFinite(upper[k]!));
  const constraints: Array<{ coefficients: number[]; rhs: number }> = [];
  const width = size + bounded.length;
  for (const equation of system.equations) {
    const coefficients = new Array<number>(width).fill(0);
    let rhs = equation.rhs;
    for (const [k, c] of equation.coefficients) {
      coefficients[k] = c;
      rhs -= c * lower[k]!;
    }
    constraints.push({ coefficients, rhs });
  }
  bounded.forEach((k, index) => {
    const coefficients = new Array<number>(width).fill(0);
    coefficients[k] = 1;
    coefficients[size + index] = 1;
    constraints.push({ coefficients, rhs: upper[k]! - lower[k]! });
  });
  // Phase I: one artificial variable per constraint, right-hand sides made non-negative.
  const m = constraints.length;
  const columns = width + m;
  const rows: number[][] = constraints.map((constraint, i) => {
    const sign = constraint.rhs < 0 ? -1 : 1;
    const row = new Array<number>(columns + 1).fill(0);
    constraint.coefficients.forEach((c, j) => (row[j] = sign * c));
    row[width + i] = 1;
    row[columns] = sign * constraint.rhs;
    return row;
  });
  const phaseOne = new Array<number>(columns + 1).fill(0);
  for (const row of rows) for (let j = 0; j <= columns; j++) if (j < width || j === columns) phaseOne[j]! -= row[j]!;
  const tableau: Tableau = { rows: [...rows, phaseOne], basis: constraints.map((_, i) => width + i), columns };
  optimise(tableau, () => true);
  if (-tableau.rows[m]![columns]! > 1e-7) throw new InfeasibleSystemError();
  // Drive artificial variables out of the basis where possible (degenerate rows stay harmless).
  for (let i = 0; i < m; i++) {
    if (tableau.basis[i]! < width) continue;
    const column = [...Array(width).keys()].find((j) => Math.abs(tableau.rows[i]![j]!) > EPSILON);
    if (column !== undefined) pivot(tableau, i, column);
  }
  // Phase II: maximise direction · z[target] with artificial columns barred from entering.
  const objective = new Array<number>(columns + 1).fill(0);
  objective[target] = -direction;
  tableau.rows[m] = objective;
  for (let i = 0; i < m; i++) {
    const basic = tableau.basis[i]!;
    const cost = objective[basic]!;
    if (Math.abs(cost) < EPSILON) continue;
    for (let j = 0; j <= columns; j++) objective[j]! -= cost * tableau.rows[i]![j]!;
  }
  if (!optimise(tableau, (j) => j < width)) return direction === 1 ? Infinity : -Infinity;
  return lower[target]! + direction * tableau.rows[m]![columns]!;
}
