import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cube, type Dimension } from './cube.ts';
import {
  formatCell,
  protectLinked,
  protectReport,
  protectShare,
  protectTable,
  type CountTable,
  type ProtectedCell,
  type ProtectedTable,
} from './disclosure-control.ts';
import { extremeValue, loadSolver } from './solver.ts';
import type { LinkedTables, Suppression } from './suppression.ts';

// Every property runs HiGHS many times (WebAssembly, one thread): minutes are not unusual on a shared machine.
vi.setConfig({ testTimeout: 240_000 });

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
 * whole numbers exhaustively, near the truth (±3), for a second solution that changes a hidden cell
 * of 1 … t−1 (a complement's own value, ≥ t, discloses nobody). Not finding one counts as a
 * recovered value, so this attacker can only be stricter than a real one.
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
    equations.push([
      ...source.columns.map((_, c) => term(columnKey(c), table.columnTotals[c]!, columnSums[c]!, 1)),
      term(grandKey, table.total, sum(rowSums), -1),
    ]);
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
    if (unknown.truth >= threshold) return false;
    return !domain(unknown).some((value) => value !== unknown.truth && solve(new Map([[key, value]]), 0));
  });
}

/**
 * The same exhaustive integer attacker over linked tables (n dimensions, hierarchies): a hidden cell
 * of 1 … t−1 is recovered when no other whole number near it (±2) fits every relation together with
 * some whole numbers near the truth (±2) for the other hidden cells of its relations' reach.
 */
function recoverableLinked(tables: LinkedTables, suppressed: ReadonlyArray<Suppression | null>, threshold: number, rangesShown: boolean): number[] {
  const hidden = tables.cells.flatMap((_, i) => (suppressed[i] ? [i] : []));
  const range = (i: number): [number, number] => {
    const value = tables.cells[i]!.value;
    const [low, high] = !rangesShown ? [1, Infinity] : suppressed[i] === 'primary' ? [1, threshold - 1] : [threshold, Infinity];
    return [Math.max(low, value - 2), Math.min(high, value + 2)];
  };
  const relationsOf = (i: number) => tables.relations.filter((relation) => relation.total === i || relation.parts.includes(i));
  return hidden.filter((target) => {
    if (suppressed[target] !== 'primary') return false;
    // The hidden cells reachable from the target through relations with hidden cells.
    const reach = new Set([target]);
    for (let grew = true; grew;) {
      grew = false;
      for (const i of [...reach])
        for (const relation of relationsOf(i))
          for (const other of [relation.total, ...relation.parts])
            if (suppressed[other] && !reach.has(other)) {
              reach.add(other);
              grew = true;
            }
    }
    const order = [...reach];
    const relations = tables.relations.filter((relation) => [relation.total, ...relation.parts].some((i) => reach.has(i)));
    const consistent = (assigned: Map<number, number>) =>
      relations.every((relation) => {
        const cells = [relation.total, ...relation.parts];
        if (cells.some((i) => reach.has(i) && !assigned.has(i))) return true;
        const value = (i: number) => (reach.has(i) ? assigned.get(i)! : tables.cells[i]!.value);
        return value(relation.total) === relation.parts.reduce((sum, part) => sum + value(part), 0);
      });
    const search = (assigned: Map<number, number>, index: number): boolean => {
      if (!consistent(assigned)) return false;
      if (index === order.length) return true;
      const cell = order[index]!;
      if (assigned.has(cell)) return search(assigned, index + 1);
      const [low, high] = range(cell);
      for (let v = low; v <= high; v++) {
        assigned.set(cell, v);
        if (search(assigned, index + 1)) return true;
        assigned.delete(cell);
      }
      return false;
    };
    const [low, high] = range(target);
    for (let v = low; v <= high; v++) if (v !== tables.cells[target]!.value && search(new Map([[target, v]]), 0)) return false;
    return true;
  });
}

const count = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 4, arbitrary: fc.integer({ min: 5, max: 14 }) },
);

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const singleTable = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), columns: fc.integer({ min: 1, max: 3 }) })
  .chain(({ rows, columns }) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }))
  .map((counts): CountTable[] => [
    { id: 'a', rowDimension: 'organisation', columnDimension: 'area', rows: names('r', counts.length), columns: names('c', counts[0]!.length), counts },
  ]);

/** Two tables of one report with the same rows (e.g. organisations × violence area and organisations × sex). */
const linkedTables = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), first: fc.integer({ min: 1, max: 2 }), second: fc.integer({ min: 1, max: 2 }) })
  .chain(({ rows, first, second }) =>
    fc.array(fc.array(fc.array(count, { minLength: second, maxLength: second }), { minLength: first, maxLength: first }), { minLength: rows, maxLength: rows }),
  )
  .map((cube): CountTable[] => [
    {
      id: 'by-area',
      rowDimension: 'organisation',
      columnDimension: 'area',
      rows: names('r', cube.length),
      columns: names('a', cube[0]!.length),
      counts: cube.map((row) => row.map(sum)),
    },
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
  it('publishes no count of 1 … threshold−1, in cells or totals, for any report', async () => {
    await fc.assert(
      fc.asyncProperty(report, fc.constantFrom(3, 5), fc.constantFrom('below' as const, 'dash' as const), async (tables, threshold, display) => {
        const result = await protectReport(tables, { threshold, display });
        for (const [t, table] of result.entries()) {
          for (const { cell } of published(table, tables[t]!)) {
            if (cell.suppressed === null) expect(cell.value === 0 || cell.value >= threshold).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('publishes every number it shows truthfully, and never hides a zero', async () => {
    await fc.assert(
      fc.asyncProperty(report, async (tables) => {
        const result = await protectReport(tables);
        for (const [t, table] of result.entries()) {
          for (const { cell, truth } of published(table, tables[t]!)) {
            if (cell.suppressed === null) expect(cell.value).toBe(truth);
            if (truth === 0) expect(cell.suppressed).toBeNull();
            if (cell.suppressed === 'complementary') expect(truth).toBeGreaterThanOrEqual(5);
            if (cell.suppressed === 'primary') expect(truth >= 1 && truth <= 4).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('leaves no hidden small count that an attacker solving the row, column and shared-total equations can recover', async () => {
    await fc.assert(
      fc.asyncProperty(report, fc.constantFrom(3, 5), fc.constantFrom('below' as const, 'dash' as const), async (tables, threshold, display) => {
        const result = await protectReport(tables, { threshold, display });
        expect(recoverable(tables, result, threshold)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('publishes a table without small counts unchanged', async () => {
    const large = fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 500 }));
    await fc.assert(
      fc.asyncProperty(
        fc
          .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
          .chain(({ rows, columns }) => fc.array(fc.array(large, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })),
        async (counts) => {
          const table: CountTable = {
            id: 't',
            rowDimension: 'organisation',
            columnDimension: 'area',
            rows: names('r', counts.length),
            columns: names('c', counts[0]!.length),
            counts,
          };
          const result = await protectTable(table);
          expect(result.cells.map((row) => row.map((cell) => cell.value))).toEqual(counts);
          expect(published(result, table).every(({ cell, truth }) => cell.suppressed === null && cell.value === truth)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hides a second cell in the row and column of a small one, and the fourth corner that closes the rectangle', async () => {
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
    const result = await protectTable(table);
    const hidden = result.cells.flatMap((row, r) =>
      row.flatMap((cell, c) => (cell.suppressed ? [`${table.rows[r]}/${table.columns[c]}:${cell.suppressed}`] : [])),
    );
    expect(hidden).toEqual(['Falun/HRV:primary', 'Falun/PoM:complementary', 'Borlänge/HRV:complementary', 'Borlänge/PoM:complementary']);
    expect(result.rowTotals.every((cell) => cell.suppressed === null)).toBe(true);
    expect(recoverable([table], [result], 5)).toEqual([]);
  });

  it('protects a small total shared by two tables in both of them', async () => {
    const tables: CountTable[] = [
      {
        id: 'by-area',
        rowDimension: 'organisation',
        columnDimension: 'area',
        rows: ['Orsa', 'Falun'],
        columns: ['VNR', 'HRV'],
        counts: [
          [3, 0],
          [25, 7],
        ],
      },
      {
        id: 'by-sex',
        rowDimension: 'organisation',
        columnDimension: 'sex',
        rows: ['Orsa', 'Falun'],
        columns: ['women', 'men'],
        counts: [
          [2, 1],
          [20, 12],
        ],
      },
    ];
    const [byArea, bySex] = await protectReport(tables);
    expect(byArea!.rowTotals[0]).toEqual({ value: null, suppressed: 'primary' });
    expect(bySex!.rowTotals[0]).toEqual({ value: null, suppressed: 'primary' });
    expect(recoverable(tables, [byArea!, bySex!], 5)).toEqual([]);
  });

  it('shows every hidden cell as "–" when "<5" labels would give a value away', async () => {
    // Two small cells whose total is small too: with "<3" everywhere, 1 + 1 ≤ 2 pins both to 1.
    const table: CountTable = {
      id: 'tiny',
      rowDimension: 'organisation',
      columnDimension: 'area',
      rows: ['Orsa', 'Rättvik'],
      columns: ['VNR'],
      counts: [[1], [1]],
    };
    const result = await protectTable(table, { threshold: 3, display: 'below' });
    expect(result.display).toBe('dash');
    expect(formatCell(result.total, { threshold: 3, display: result.display })).toBe('–');
    expect(recoverable([table], [result], 3)).toEqual([]);
  });

  it('refuses tables whose shared totals disagree', async () => {
    await expect(
      protectReport([
        { id: 'a', rowDimension: 'organisation', columnDimension: 'area', rows: ['x'], columns: ['1'], counts: [[7]] },
        { id: 'b', rowDimension: 'organisation', columnDimension: 'sex', rows: ['x'], columns: ['1'], counts: [[8]] },
      ]),
    ).rejects.toThrow(/total/);
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

describe('the audit’s linear programs (HiGHS)', () => {
  it('finds the range of a hidden cell from its row and column', async () => {
    const highs = await loadSolver();
    // x0 + x1 = 10, x0 + x2 = 7, all between 1 and 9: x0 ranges 1 … 6.
    const system = {
      size: 3,
      equations: [
        {
          coefficients: new Map([
            [0, 1],
            [1, 1],
          ]),
          rhs: 10,
        },
        {
          coefficients: new Map([
            [0, 1],
            [2, 1],
          ]),
          rhs: 7,
        },
      ],
      lower: [1, 1, 1],
      upper: [9, 9, 9],
    };
    expect(extremeValue(highs, system, 0, 1)).toBeCloseTo(6);
    expect(extremeValue(highs, system, 0, -1)).toBeCloseTo(1);
    expect(extremeValue(highs, { ...system, upper: [Infinity, Infinity, Infinity] }, 1, 1)).toBeCloseTo(9);
    expect(
      extremeValue(
        highs,
        {
          size: 2,
          equations: [
            {
              coefficients: new Map([
                [0, 1],
                [1, -1],
              ]),
              rhs: 0,
            },
          ],
          lower: [1, 1],
          upper: [Infinity, Infinity],
        },
        0,
        1,
      ),
    ).toBe(Infinity);
    expect(() => extremeValue(highs, { size: 1, equations: [{ coefficients: new Map([[0, 1]]), rhs: 3 }], lower: [5], upper: [Infinity] }, 0, 1)).toThrow(
      /inconsistent/,
    );
  });
});

/** Small n-dimensional tables, some with a hierarchy in the first dimension. */
const linkedCube = fc
  .record({
    dimensions: fc.integer({ min: 2, max: 3 }),
    hierarchy: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ dimensions, hierarchy }) => {
    const shapes: Dimension[] = Array.from({ length: dimensions }, (_, d) =>
      d === 0 && hierarchy
        ? {
            name: 'region',
            codes: [
              { code: 'n' },
              { code: 's' },
              { code: 'n1', parent: 'n' },
              { code: 'n2', parent: 'n' },
              { code: 's1', parent: 's' },
              { code: 's2', parent: 's' },
            ],
          }
        : { name: `d${d}`, codes: [{ code: `d${d}a` }, { code: `d${d}b` }, ...(dimensions === 2 ? [{ code: `d${d}c` }] : [])] },
    );
    const leaves = shapes.reduce((n, shape) => n * shape.codes.filter((code) => !shape.codes.some((other) => other.parent === code.code)).length, 1);
    return fc.array(count, { minLength: leaves, maxLength: leaves }).map((values) => {
      let next = 0;
      return cube(shapes, () => values[next++]!);
    });
  });

describe('linked tables: n dimensions and hierarchies (ADR 0054)', () => {
  it('publishes no small count and leaves none recoverable by an exhaustive attacker over every relation', async () => {
    await fc.assert(
      fc.asyncProperty(linkedCube, fc.constantFrom('below' as const, 'dash' as const), async (table, display) => {
        const { suppressed, display: shown } = await protectLinked(table, { threshold: 5, display });
        table.cells.forEach((cell, i) => {
          if (!suppressed[i]) expect(cell.value === 0 || cell.value >= 5).toBe(true);
          if (cell.value === 0) expect(suppressed[i]).toBeNull();
        });
        expect(recoverableLinked(table, suppressed, 5, shown === 'below')).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('finds the optimal pattern by MIP, and the production heuristic is never better than it', async () => {
    await fc.assert(
      fc.asyncProperty(linkedCube, async (table) => {
        const heuristic = await protectLinked(table, { threshold: 5, display: 'dash' });
        const optimal = await protectLinked(table, { threshold: 5, display: 'dash' }, { mode: 'optimal', timeLimit: 30 });
        const hidden = (suppressed: ReadonlyArray<Suppression | null>) => suppressed.filter(Boolean).length;
        expect(recoverableLinked(table, optimal.suppressed, 5, false)).toEqual([]);
        expect(hidden(optimal.suppressed)).toBeLessThanOrEqual(hidden(heuristic.suppressed));
      }),
      { numRuns: 10 },
    );
  });

  it('builds a hierarchy’s subtotals and relations', () => {
    const table = cube(
      [{ name: 'region', codes: [{ code: 'n' }, { code: 'n1', parent: 'n' }, { code: 'n2', parent: 'n' }, { code: 's' }] }],
      ([code]) => ({ n1: 3, n2: 4, s: 10 })[code as 'n1'],
    );
    const value = (code: string) => table.cells[table.index.get(code)!]!.value;
    expect([value('*'), value('n'), value('n1'), value('n2'), value('s')]).toEqual([17, 7, 3, 4, 10]);
    expect(table.relations).toHaveLength(2);
  });
});
