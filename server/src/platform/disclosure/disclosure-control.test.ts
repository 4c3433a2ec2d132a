import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, protectReport, protectShare, protectTable, type CountTable, type ProtectedCell, type ProtectedTable } from './disclosure-control.ts';
import { extremeValue } from './linear-program.ts';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Every published number of a protected table with the true one beside it. */
function published(table: ProtectedTable, source: CountTable): Array<{ cell: ProtectedCell; truth: number }> {
  const rowSums = source.counts.map(sum);
  const columnSums = source.columns.map((_, c) => sum(source.counts.map((row) => row[c]!)));
  return [
    ...table.cells.flatMap((row, r) => row.map((cell, c) => ({ cell, truth: source.counts[r]![c]! }))),
    ...table.rowTotals.map((cell, r) => ({ cell, truth: rowSums[r]! })),
    ...table.columnTotals.map((cell, c) => ({ cell, truth: columnSums[c]! })),
    { cell: table.total, truth: sum(rowSums) },
  ];
}

type Unknown = { key: string; truth: number; low: number; high: number };

/**
 * An attacker independent of the kernel's LP: they know every published number, which hidden
 * cells are small (1 … t−1) and which were hidden to protect them (≥ t) when the labels say so
 * (display `below`), that no hidden cell is 0, and all row, column and
 * grand-total equations of every table (totals of a shared dimension are one number). They search
 * whole numbers exhaustively, near the truth (±3), for a second solution that changes a hidden cell.
 * Not finding one counts as a recovered value, so this attacker can only be stricter than a real one.
 */
function recoverable(tables: readonly CountTable[], protectedTables: readonly ProtectedTable[], threshold: number): string[] {
  const unknowns = new Map<string, Unknown>();
  const equations: Array<Array<{ key: string | null; value: number; sign: number }>> = [];
  // "<5" labels tell the attacker which hidden cells are small; "–" alone tells only "not 0".
  const rangesShown = protectedTables.every((table) => table.display === 'below');
  const term = (key: string, cell: ProtectedCell, truth: number, sign: number) => {
    if (cell.suppressed === null) return { key: null, value: cell.value, sign };
    const [low, high] = !rangesShown ? [1, Infinity] : cell.suppressed === 'primary' ? [1, threshold - 1] : [threshold, Infinity];
    unknowns.set(key, { key, truth, low, high });
    return { key, value: 0, sign };
  };
  tables.forEach((source, t) => {
    const table = protectedTables[t]!;
    const rowSums = source.counts.map(sum);
    const columnSums = source.columns.map((_, c) => sum(source.counts.map((row) => row[c]!)));
    const rowKey = (r: number) => `${source.rowDimension}:${source.rows[r]}`;
    const columnKey = (c: number) => `${source.columnDimension}:${source.columns[c]}`;
    const grandKey = `total:${source.rowDimension}`;
    source.rows.forEach((_, r) =>
      equations.push([
        ...source.columns.map((__, c) => term(`${source.id}:${r}:${c}`, table.cells[r]![c]!, source.counts[r]![c]!, 1)),
        term(rowKey(r), table.rowTotals[r]!, rowSums[r]!, -1),
      ]),
    );
    source.columns.forEach((_, c) =>
      equations.push([
        ...source.rows.map((__, r) => term(`${source.id}:${r}:${c}`, table.cells[r]![c]!, source.counts[r]![c]!, 1)),
        term(columnKey(c), table.columnTotals[c]!, columnSums[c]!, -1),
      ]),
    );
    equations.push([...source.rows.map((_, r) => term(rowKey(r), table.rowTotals[r]!, rowSums[r]!, 1)), term(grandKey, table.total, sum(rowSums), -1)]);
    equations.push([...source.columns.map((_, c) => term(columnKey(c), table.columnTotals[c]!, columnSums[c]!, 1)), term(grandKey, table.total, sum(rowSums), -1)]);
  });
  const keys = [...unknowns.keys()];
  const domain = (unknown: Unknown) => {
    const values: number[] = [];
    for (let v = Math.max(unknown.low, unknown.truth - 3); v <= Math.min(unknown.high, unknown.truth + 3); v++) values.push(v);
    return values;
  };
  const consistent = (assigned: Map<string, number>) =>
    equations.every((equation) => {
      if (equation.some((part) => part.key !== null && !assigned.has(part.key))) return true;
      return sum(equation.map((part) => part.sign * (part.key === null ? part.value : assigned.get(part.key)!))) === 0;
    });
  const solve = (assigned: Map<string, number>, index: number): boolean => {
    if (!consistent(assigned)) return false;
    if (index === keys.length) return true;
    const key = keys[index]!;
    if (assigned.has(key)) return solve(assigned, index + 1);
    for (const value of domain(unknowns.get(key)!)) {
      assigned.set(key, value);
      if (solve(assigned, index + 1)) return true;
      assigned.delete(key);
    }
    return false;
  };
  return keys.filter((key) => {
    const unknown = unknowns.get(key)!;
    return !domain(unknown).some((value) => value !== unknown.truth && solve(new Map([[key, value]]), 0));
  });
}

const count = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 4, arbitrary: fc.integer({ min: 5, max: 14 }) });

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const singleTable = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), columns: fc.integer({ min: 1, max: 3 }) })
  .chain(({ rows, columns }) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }))
  .map((counts): CountTable[] => [{ id: 'a', rowDimension: 'organisation', columnDimension: 'area', rows: names('r', counts.length), columns: names('c', counts[0]!.length), counts }]);

/** Two tables of one report with the same rows (e.g. organisations × violence area and organisations × sex). */
const linkedTables = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), first: fc.integer({ min: 1, max: 2 }), second: fc.integer({ min: 1, max: 2 }) })
  .chain(({ rows, first, second }) =>
    fc.array(fc.array(fc.array(count, { minLength: second, maxLength: second }), { minLength: first, maxLength: first }), { minLength: rows, maxLength: rows }),
  )
  .map((cube): CountTable[] => [
    { id: 'by-area', rowDimension: 'organisation', columnDimension: 'area', rows: names('r', cube.length), columns: names('a', cube[0]!.length), counts: cube.map((row) => row.map(sum)) },
    {
      id: 'by-sex',
      rowDimension: 'organisation',
      columnDimension: 'sex',
      rows: names('r', cube.length),
      columns: names('s', cube[0]![0]!.length),
      counts: cube.map((row) => row[0]!.map((_, s) => sum(row.map((cell) => cell[s]!)))),
    },
  ]);

const report = fc.oneof(singleTable, linkedTables);

describe('disclosure control (issue 7 item 4)', () => {
  it('publishes no count of 1 … threshold−1, in cells or totals, for any report', () => {
    fc.assert(
      fc.property(report, fc.constantFrom(3, 5), fc.constantFrom('below' as const, 'dash' as const), (tables, threshold, display) => {
        const result = protectReport(tables, { threshold, display });
        for (const [t, table] of result.entries()) {
          for (const { cell } of published(table, tables[t]!)) {
            if (cell.suppressed === null) expect(cell.value === 0 || cell.value >= threshold).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('publishes every number it shows truthfully, and never hides a zero', () => {
    fc.assert(
      fc.property(report, (tables) => {
        const result = protectReport(tables);
        for (const [t, table] of result.entries()) {
          for (const { cell, truth } of published(table, tables[t]!)) {
            if (cell.suppressed === null) expect(cell.value).toBe(truth);
            if (truth === 0) expect(cell.suppressed).toBeNull();
            if (cell.suppressed === 'complementary') expect(truth).toBeGreaterThanOrEqual(5);
            if (cell.suppressed === 'primary') expect(truth >= 1 && truth <= 4).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden cell that an attacker solving the row, column and shared-total equations can recover', () => {
    fc.assert(
      fc.property(report, fc.constantFrom(3, 5), fc.constantFrom('below' as const, 'dash' as const), (tables, threshold, display) => {
        const result = protectReport(tables, { threshold, display });
        expect(recoverable(tables, result, threshold)).toEqual([]);
      }),
      { numRuns: 250 },
    );
  });

  it('publishes a table without small counts unchanged', () => {
    const large = fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 500 }));
    fc.assert(
      fc.property(
        fc.record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) }).chain(({ rows, columns }) =>
          fc.array(fc.array(large, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
        ),
        (counts) => {
          const table: CountTable = { id: 't', rowDimension: 'organisation', columnDimension: 'area', rows: names('r', counts.length), columns: names('c', counts[0]!.length), counts };
          const result = protectTable(table);
          expect(result.cells.map((row) => row.map((cell) => cell.value))).toEqual(counts);
          expect(published(result, table).every(({ cell, truth }) => cell.suppressed === null && cell.value === truth)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hides a second cell in the row and column of a small one, and the fourth corner that closes the rectangle', () => {
    const table: CountTable = {
      id: 'cases',
      rowDimension: 'organisation',
      columnDimension: 'area',
      rows: ['Falun', 'Borlänge', 'Mora'],
      columns: ['VNR', 'HRV', 'PoM'],
      counts: [
        [20, 3, 8],
        [15, 9, 6],
        [30, 12, 10],
      ],
    };
    const result = protectTable(table);
    const hidden = result.cells.flatMap((row, r) => row.flatMap((cell, c) => (cell.suppressed ? [`${table.rows[r]}/${table.columns[c]}:${cell.suppressed}`] : [])));
    expect(hidden).toEqual(['Falun/HRV:primary', 'Falun/PoM:complementary', 'Borlänge/HRV:complementary', 'Borlänge/PoM:complementary']);
    expect(result.rowTotals.every((cell) => cell.suppressed === null)).toBe(true);
    expect(recoverable([table], [result], 5)).toEqual([]);
  });

  it('protects a small total shared by two tables in both of them', () => {
    const tables: CountTable[] = [
      { id: 'by-area', rowDimension: 'organisation', columnDimension: 'area', rows: ['Orsa', 'Falun'], columns: ['VNR', 'HRV'], counts: [[3, 0], [25, 7]] },
      { id: 'by-sex', rowDimension: 'organisation', columnDimension: 'sex', rows: ['Orsa', 'Falun'], columns: ['women', 'men'], counts: [[2, 1], [20, 12]] },
    ];
    const [byArea, bySex] = protectReport(tables);
    expect(byArea!.rowTotals[0]).toEqual({ value: null, suppressed: 'primary' });
    expect(bySex!.rowTotals[0]).toEqual({ value: null, suppressed: 'primary' });
    expect(recoverable(tables, [byArea!, bySex!], 5)).toEqual([]);
  });

  it('shows every hidden cell as "–" when "<5" labels would give a value away', () => {
    // Two small cells whose total is small too: with "<3" everywhere, 1 + 1 ≤ 2 pins both to 1.
    const table: CountTable = { id: 'tiny', rowDimension: 'organisation', columnDimension: 'area', rows: ['Orsa', 'Rättvik'], columns: ['VNR'], counts: [[1], [1]] };
    const result = protectTable(table, { threshold: 3, display: 'below' });
    expect(result.display).toBe('dash');
    expect(formatCell(result.total, { threshold: 3, display: result.display })).toBe('–');
    expect(recoverable([table], [result], 3)).toEqual([]);
  });

  it('refuses tables whose shared totals disagree', () => {
    expect(() =>
      protectReport([
        { id: 'a', rowDimension: 'organisation', columnDimension: 'area', rows: ['x'], columns: ['1'], counts: [[7]] },
        { id: 'b', rowDimension: 'organisation', columnDimension: 'sex', rows: ['x'], columns: ['1'], counts: [[8]] },
      ]),
    ).toThrow(/total/);
  });

  it('suppresses a share whose numerator or denominator is hidden, and formats hidden cells as configured', () => {
    expect(protectShare({ value: 10, suppressed: null }, { value: 40, suppressed: null })).toEqual({ value: 0.25, suppressed: null });
    expect(protectShare({ value: null, suppressed: 'primary' }, { value: 40, suppressed: null }).suppressed).toBe('share');
    expect(protectShare({ value: 10, suppressed: null }, { value: null, suppressed: 'complementary' }).suppressed).toBe('share');
    expect(formatCell({ value: null, suppressed: 'primary' }, { threshold: 5, display: 'below' })).toBe('<5');
    expect(formatCell({ value: null, suppressed: 'complementary' }, { threshold: 5, display: 'below' })).toBe('–');
    expect(formatCell({ value: null, suppressed: 'primary' }, { threshold: 3, display: 'dash' })).toBe('–');
    expect(formatCell({ value: 12, suppressed: null }, { threshold: 5, display: 'dash' })).toBe('12');
  });
});

describe('the audit’s linear programs', () => {
  it('finds the range of a hidden cell from its row and column', () => {
    // x0 + x1 = 10, x0 + x2 = 7, all between 1 and 9: x0 ranges 1 … 6.
    const system = {
      size: 3,
      equations: [
        { coefficients: new Map([[0, 1], [1, 1]]), rhs: 10 },
        { coefficients: new Map([[0, 1], [2, 1]]), rhs: 7 },
      ],
      lower: [1, 1, 1],
      upper: [9, 9, 9],
    };
    expect(extremeValue(system, 0, 1)).toBeCloseTo(6);
    expect(extremeValue(system, 0, -1)).toBeCloseTo(1);
    expect(extremeValue({ ...system, upper: [Infinity, Infinity, Infinity] }, 1, 1)).toBeCloseTo(9);
    expect(extremeValue({ size: 2, equations: [{ coefficients: new Map([[0, 1], [1, -1]]), rhs: 0 }], lower: [1, 1], upper: [Infinity, Infinity] }, 0, 1)).toBe(Infinity);
    expect(() => extremeValue({ size: 1, equations: [{ coefficients: new Map([[0, 1]]), rhs: 3 }], lower: [5], upper: [Infinity] }, 0, 1)).toThrow(/inconsistent/);
  });
});
