/**
 * The linear and mixed-integer programs of disclosure control, solved by HiGHS (the `highs`
 * package: HiGHS compiled to WebAssembly; ADR 0054). It replaces the hand-written dense simplex
 * of ADR 0050. The module is loaded once per process; a solve is synchronous and blocks the
 * thread for its duration (milliseconds for the tables here), so callers await `loadSolver()`
 * once and then call the solve functions.
 *
 * Models are written in the CPLEX LP format HiGHS reads; variables are named `x0`, `x1`, ….
 */
import type { LegacyHighs, LegacyHighsSolution } from 'highs';

export type LinearSystem = {
  /** Number of variables. */
  size: number;
  /** Equations: Σ coefficients[k] · x[k] = rhs, as sparse maps from variable index to coefficient. */
  equations: ReadonlyArray<{ coefficients: ReadonlyMap<number, number>; rhs: number }>;
  lower: readonly number[];
  /** `Infinity` for no upper bound. */
  upper: readonly number[];
};

export type Interval = { lo: number; hi: number };

export class InfeasibleSystemError extends Error {
  constructor() {
    super('The published figures are inconsistent: no table satisfies them.');
    this.name = 'InfeasibleSystemError';
  }
}

let loading: Promise<LegacyHighs> | undefined;

/** HiGHS, loaded on first use and kept for the process. */
export function loadSolver(): Promise<LegacyHighs> {
  loading ??= import('highs').then((module) => module.default());
  return loading;
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toPrecision(17));

function term(coefficient: number, name: string, first: boolean): string {
  if (coefficient === 1) return first ? name : `+ ${name}`;
  if (coefficient === -1) return `- ${name}`;
  if (coefficient < 0) return `- ${number(-coefficient)} ${name}`;
  return `${first ? '' : '+ '}${number(coefficient)} ${name}`;
}

/** A linear expression as LP text (at least one term). */
export function expression(terms: Iterable<[string, number]>): string {
  const parts: string[] = [];
  for (const [name, coefficient] of terms) if (coefficient !== 0) parts.push(term(coefficient, name, parts.length === 0));
  return parts.length > 0 ? parts.join(' ') : '0 x0';
}

export type LpModel = {
  sense: 'Maximize' | 'Minimize';
  objective: Iterable<[string, number]>;
  /** `expression (=|<=|>=) rhs` rows. */
  rows: string[];
  /** Bounds lines (`1 <= x3 <= 4`, `x2 free`, …). */
  bounds: string[];
  binaries?: string[];
};

/** Long lines are wrapped: the LP format limits a line's length. */
function wrap(line: string): string {
  if (line.length < 200) return ` ${line}`;
  const words = line.split(' ');
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    if (current.length + word.length > 200) {
      out.push(` ${current}`);
      current = '';
    }
    current += (current ? ' ' : '') + word;
  }
  if (current) out.push(` ${current}`);
  return out.join('\n');
}

export function lpText(model: LpModel): string {
  const lines = [
    model.sense,
    wrap(`obj: ${expression(model.objective)}`),
    'Subject To',
    ...model.rows.map((row, i) => wrap(`r${i}: ${row}`)),
    'Bounds',
    ...model.bounds.map((line) => ` ${line}`),
  ];
  if (model.binaries && model.binaries.length > 0) lines.push('Binary', ...model.binaries.map((name) => ` ${name}`));
  lines.push('End');
  return lines.join('\n');
}

export function solve(highs: LegacyHighs, model: LpModel, options: { timeLimit?: number; gap?: number } = {}): LegacyHighsSolution {
  return highs.solve(lpText(model), {
    output_flag: false,
    ...(options.timeLimit !== undefined ? { time_limit: options.timeLimit } : {}),
    ...(options.gap !== undefined ? { mip_rel_gap: options.gap } : {}),
  });
}

function bound(name: string, lower: number, upper: number): string {
  if (lower === -Infinity && upper === Infinity) return `${name} free`;
  if (upper === Infinity) return `${name} >= ${number(lower)}`;
  if (lower === -Infinity) return `-inf <= ${name} <= ${number(upper)}`;
  return `${number(lower)} <= ${name} <= ${number(upper)}`;
}

function systemModel(system: LinearSystem, target: number, sense: LpModel['sense']): LpModel {
  return {
    sense,
    objective: [[`x${target}`, 1]],
    rows: system.equations.map(
      (equation) => `${expression([...equation.coefficients].map(([k, c]) => [`x${k}`, c] as [string, number]))} = ${number(equation.rhs)}`,
    ),
    bounds: [...Array(system.size).keys()].map((k) => bound(`x${k}`, system.lower[k]!, system.upper[k]!)),
  };
}

/**
 * The largest value `x[target]` can take (`direction` 1) or the smallest (`direction` −1) —
 * the attacker's linear program (Hundepool et al. 2012, §4.3). `±Infinity` when unbounded; throws
 * `InfeasibleSystemError` when nothing fits.
 */
export function extremeValue(highs: LegacyHighs, system: LinearSystem, target: number, direction: 1 | -1): number {
  const result = solve(highs, systemModel(system, target, direction === 1 ? 'Maximize' : 'Minimize'));
  if (result.Status === 'Optimal') return result.ObjectiveValue;
  if (result.Status === 'Unbounded') return direction === 1 ? Infinity : -Infinity;
  if (result.Status === 'Infeasible') throw new InfeasibleSystemError();
  throw new Error(`HiGHS: ${result.Status}`);
}

/** The interval an attacker can narrow each target variable to. */
export function intervals(highs: LegacyHighs, system: LinearSystem, targets: readonly number[]): Interval[] {
  return targets.map((k) => ({ lo: extremeValue(highs, system, k, -1), hi: extremeValue(highs, system, k, 1) }));
}
