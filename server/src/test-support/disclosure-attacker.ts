/**
 * An attacker on published counts (issue 15 item 4), independent of the disclosure kernel: it
 * knows every answer one account obtained for a family of counts (one measure, one breakdown) and
 * tries to pin hidden counts to one value.
 *
 * The unknowns are *atoms*: one count per breakdown value and month. Every published number is a
 * sum over a set of atoms (a cell, a row total over a window, a quarter, a grand total) with an
 * interval the attacker reads from it: a shown value v is [v − bound, v + bound] where `bound` is
 * the largest noise the method can add (0 for exact figures), a cell shown as "<5" is [1, 4], a
 * complementary "–" is [5, ∞). Two attackers:
 *
 *  - **exact**: Gaussian elimination over every exactly known sum. A target set whose indicator
 *    vector lies in their span is derived exactly — differencing windows, totals minus visible
 *    cells, months against quarters and years, all at once and in any combination.
 *  - **interval**: for each published set containing the target, the published remainder (the
 *    rest of it as one published set, or covered by published disjoint sets) is subtracted, and
 *    every such interval is intersected with the target's own. With noisy answers this is how
 *    repeated and overlapping questions narrow a value down.
 *
 * A target is *recovered* when the attacker pins it to one value. The caller counts only targets
 * whose true value is 1 … threshold − 1 and that were not published as such.
 */

export type Interval = { lo: number; hi: number };
export type Observation = { atoms: readonly number[]; interval: Interval };
export type Derivation = { interval: Interval; by: 'exact' | 'interval' };

const EPSILON = 1e-7;

const maskOf = (atoms: readonly number[]) => atoms.reduce((mask, atom) => mask | (1n << BigInt(atom)), 0n);

function intersect(a: Interval, b: Interval): Interval {
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

/** Exactly known sums in reduced row echelon form: `derive` says whether a target lies in their span. */
class ExactSpan {
  private readonly rows: Array<{ pivot: number; coefficients: Float64Array; value: number }> = [];

  constructor(private readonly size: number) {}

  add(atoms: readonly number[], value: number): void {
    const coefficients = new Float64Array(this.size);
    for (const atom of atoms) coefficients[atom] = 1;
    let rhs = value;
    for (const row of this.rows) {
      const factor = coefficients[row.pivot]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let j = 0; j < this.size; j++) coefficients[j]! -= factor * row.coefficients[j]!;
      rhs -= factor * row.value;
    }
    let pivot = -1;
    for (let j = 0; j < this.size; j++)
      if (Math.abs(coefficients[j]!) > EPSILON && (pivot < 0 || Math.abs(coefficients[j]!) > Math.abs(coefficients[pivot]!))) pivot = j;
    if (pivot < 0) return;
    const scale = coefficients[pivot]!;
    for (let j = 0; j < this.size; j++) coefficients[j]! /= scale;
    rhs /= scale;
    for (const row of this.rows) {
      const factor = row.coefficients[pivot]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let j = 0; j < this.size; j++) row.coefficients[j]! -= factor * coefficients[j]!;
      row.value -= factor * rhs;
    }
    this.rows.push({ pivot, coefficients, value: rhs });
  }

  derive(atoms: readonly number[]): number | undefined {
    const remainder = new Float64Array(this.size);
    for (const atom of atoms) remainder[atom] = 1;
    let value = 0;
    for (const row of this.rows) {
      const factor = remainder[row.pivot]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let j = 0; j < this.size; j++) remainder[j]! -= factor * row.coefficients[j]!;
      value += factor * row.value;
    }
    return remainder.every((coefficient) => Math.abs(coefficient) < EPSILON) ? Math.round(value) : undefined;
  }
}

/**
 * The tightest interval the attacker derives for each target set of atoms (`atomCount` atoms in
 * the family). Counts are never negative, so every interval starts at [0, ∞).
 */
export function attack(atomCount: number, observations: readonly Observation[], targets: ReadonlyArray<readonly number[]>): Derivation[] {
  const known = new Map<bigint, Interval>();
  for (const observation of observations) {
    const mask = maskOf(observation.atoms);
    known.set(mask, intersect(known.get(mask) ?? { lo: 0, hi: Infinity }, observation.interval));
  }
  const span = new ExactSpan(atomCount);
  const sets = [...known.entries()].map(([mask, interval]) => ({ mask, interval, size: countBits(mask) }));
  for (const set of sets) if (set.interval.lo === set.interval.hi) span.add(atomsOf(set.mask), set.interval.lo);
  // Largest first, so a remainder is covered by as few published sets (as little noise) as possible.
  const bySize = [...sets].sort((a, b) => b.size - a.size);

  return targets.map((target) => {
    const exact = span.derive(target);
    if (exact !== undefined) return { interval: { lo: exact, hi: exact }, by: 'exact' };
    const mask = maskOf(target);
    let interval = known.get(mask) ?? { lo: 0, hi: Infinity };
    for (const outer of sets) {
      if (outer.mask === mask || (outer.mask & mask) !== mask) continue;
      let rest = outer.mask & ~mask;
      let lo = outer.interval.lo;
      let hi = outer.interval.hi;
      for (const part of bySize) {
        if (rest === 0n) break;
        if ((part.mask & rest) !== part.mask) continue;
        rest &= ~part.mask;
        lo -= part.interval.hi;
        hi -= part.interval.lo;
      }
      if (rest === 0n) interval = intersect(interval, { lo: Math.max(0, lo), hi });
    }
    return { interval, by: 'interval' };
  });
}

function countBits(mask: bigint): number {
  let count = 0;
  for (let rest = mask; rest > 0n; rest &= rest - 1n) count++;
  return count;
}

function atomsOf(mask: bigint): number[] {
  const atoms: number[] = [];
  for (let atom = 0; mask >> BigInt(atom) > 0n; atom++) if ((mask >> BigInt(atom)) & 1n) atoms.push(atom);
  return atoms;
}
