import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attack, type Observation } from './disclosure-attacker.ts';

/** The attacker itself must be right before its silence means anything. */
describe('disclosure attacker', () => {
  const months = 6;
  // Every window [from, to] of one series, as a dashboard's row total publishes it.
  const windows = Array.from({ length: months }, (_, from) =>
    Array.from({ length: months - from }, (_, length) => Array.from({ length: length + 1 }, (_, k) => from + k)),
  ).flat();
  const sumOf = (counts: readonly number[], atoms: readonly number[]) => atoms.reduce((total, atom) => total + counts[atom]!, 0);

  it('derives a month hidden as "<5" from two overlapping windows published exactly', () => {
    const counts = [20, 30, 3];
    const observations: Observation[] = [
      { atoms: [0, 1], interval: { lo: 50, hi: 50 } },
      { atoms: [0, 1, 2], interval: { lo: 53, hi: 53 } },
      { atoms: [2], interval: { lo: 1, hi: 4 } },
    ];
    const [derived] = attack(counts.length, observations, [[2]]);
    expect(derived).toEqual({ interval: { lo: 3, hi: 3 }, by: 'exact' });
  });

  it('recovers every month of a series from exact windows, and never leaves the truth with noisy ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(12), { minLength: months, maxLength: months }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: windows.length, maxLength: windows.length }),
        (counts, noise) => {
          const exact = windows.map((atoms) => ({ atoms, interval: { lo: sumOf(counts, atoms), hi: sumOf(counts, atoms) } }));
          const singles = counts.map((_, atom) => [atom]);
          expect(attack(months, exact, singles).map((derived) => derived.interval.lo)).toEqual(counts);
          // Bound 2: every answer is within ±2 of the truth, so every derived interval holds it.
          const noisy = windows.map((atoms, k) => ({
            atoms,
            interval: { lo: sumOf(counts, atoms) + noise[k]! - 2, hi: sumOf(counts, atoms) + noise[k]! + 2 },
          }));
          for (const [atom, derived] of attack(months, noisy, singles).entries()) {
            expect(derived.interval.lo).toBeLessThanOrEqual(counts[atom]!);
            expect(derived.interval.hi).toBeGreaterThanOrEqual(counts[atom]!);
          }
        },
      ),
      { seed: 15, numRuns: 200 },
    );
  });

  it('subtracts visible cells from a total to pin the one hidden cell', () => {
    const observations: Observation[] = [
      { atoms: [0, 1, 2], interval: { lo: 26, hi: 26 } },
      { atoms: [0], interval: { lo: 10, hi: 10 } },
      { atoms: [1], interval: { lo: 14, hi: 14 } },
      { atoms: [2], interval: { lo: 1, hi: 4 } },
    ];
    expect(attack(3, observations, [[2]])[0]!.interval).toEqual({ lo: 2, hi: 2 });
  });
});
