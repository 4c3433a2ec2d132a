import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCellKeys, CELL_KEY_MODULUS, MAX_NOISE, NOISE, noiseOf, perturbCount, perturbTables, recordKey, type KeyedTable } from './cell-key.ts';
import { DEFAULT_DISCLOSURE } from './disclosure-control.ts';

const T = DEFAULT_DISCLOSURE.threshold;
const key = fc.integer({ min: 0, max: CELL_KEY_MODULUS - 1 });

describe('cell-key method', () => {
  it('hides 1 … threshold − 1, shows 0, and shows any other count at least at the threshold and within the noise bound', () => {
    fc.assert(
      fc.property(fc.nat(500), key, (count, cellKey) => {
        const cell = perturbCount(count, cellKey, DEFAULT_DISCLOSURE);
        if (count === 0) expect(cell).toEqual({ value: 0, suppressed: null });
        else if (count < T) expect(cell).toEqual({ value: null, suppressed: 'primary' });
        else {
          expect(cell.value).toBeGreaterThanOrEqual(T);
          expect(Math.abs(cell.value! - count)).toBeLessThanOrEqual(MAX_NOISE);
        }
      }),
      { seed: 15, numRuns: 2_000 },
    );
  });

  it('spreads the keys over the noise table in its proportions', () => {
    const seen = new Map<number, number>();
    const step = 64;
    for (let cellKey = 0; cellKey < CELL_KEY_MODULUS; cellKey += step) seen.set(noiseOf(cellKey), (seen.get(noiseOf(cellKey)) ?? 0) + 1);
    const keys = CELL_KEY_MODULUS / step;
    for (const { noise, probability } of NOISE.filter((entry) => entry.probability >= 0.001))
      expect(Math.abs((seen.get(noise) ?? 0) / keys - probability)).toBeLessThan(0.001);
    expect([...seen.keys()].every((noise) => Math.abs(noise) <= MAX_NOISE)).toBe(true);
  });

  it('gives a total the key of its cells together: a row with one non-empty cell reads the same in the cell and the total', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), key), { minLength: 2, maxLength: 6 }), fc.nat(5), (row, only) => {
        const position = only % row.length;
        const table: KeyedTable = {
          id: 't',
          rowDimension: 'unit',
          columnDimension: 'month',
          rows: ['single', 'several'],
          columns: row.map((_, c) => String(c)),
          counts: [row.map(([count], c) => (c === position ? count : 0)), row.map(([count]) => count)],
          cellKeys: [row.map(([, cellKey], c) => (c === position ? cellKey : 0)), row.map(([, cellKey]) => cellKey)],
        };
        const [published] = perturbTables([table], DEFAULT_DISCLOSURE);
        expect(published!.rowTotals[0]).toEqual(published!.cells[0]![position]);
        // The other row's total has the key of all its cells, not the noise of any one of them.
        const total = row.reduce((sum, [count]) => sum + count, 0);
        expect(published!.rowTotals[1]).toEqual(perturbCount(total, addCellKeys(row.map(([, cellKey]) => cellKey)), DEFAULT_DISCLOSURE));
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('derives record keys in [0, 2^24) that depend on the secret', () => {
    expect(recordKey('a', 'unit|2026-11|7')).not.toBe(recordKey('b', 'unit|2026-11|7'));
    for (const identity of ['', 'x', 'unit|2026-11|7']) expect(recordKey('secret', identity)).toBeLessThan(CELL_KEY_MODULUS);
  });
});
