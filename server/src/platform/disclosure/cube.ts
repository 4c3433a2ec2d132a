/**
 * n-dimensional tables with hierarchies as linked tables (ADR 0054): every dimension is a tree of
 * codes (a county over its municipalities, a violence area over its sub-areas) under an implicit
 * total `*`; the table holds a cell for every combination of codes at any level, and a relation
 * for every cell and every dimension in which its code has children (`cell = Σ cells of the
 * children`). A two-dimensional table with one level per dimension is the classic table with its
 * margins; three dimensions give every two-way and one-way margin; hierarchies their subtotals.
 */
import type { LinkedCell, LinkedTables } from './suppression.ts';

export type Dimension = {
  name: string;
  /** Codes with their parent (none: directly under the total). Leaves are codes without children. */
  codes: ReadonlyArray<{ code: string; parent?: string }>;
};

export const TOTAL = '*';

export type Cube = LinkedTables & {
  /** Per cell: its code in each dimension (`*` for the total). */
  keys: string[][];
  index: Map<string, number>;
};

export const cubeKey = (codes: readonly string[]) => codes.join('\u0000');

/**
 * `leaf(codes)` gives the count of one combination of leaf codes (asked once each); totals and
 * subtotals are summed.
 */
export function cube(dimensions: readonly Dimension[], leaf: (codes: readonly string[]) => number): Cube {
  const children = dimensions.map((dimension) => {
    const map = new Map<string, string[]>([[TOTAL, []]]);
    for (const { code } of dimension.codes) map.set(code, []);
    for (const { code, parent } of dimension.codes) {
      const above = parent ?? TOTAL;
      if (!map.has(above)) throw new RangeError(`${dimension.name}: ${code} has the unknown parent ${above}`);
      map.get(above)!.push(code);
    }
    return map;
  });
  const nodes = dimensions.map((dimension) => [TOTAL, ...dimension.codes.map((c) => c.code)]);
  const combinations: string[][] = [[]];
  for (const list of nodes) {
    const next: string[][] = [];
    for (const prefix of combinations) for (const code of list) next.push([...prefix, code]);
    combinations.splice(0, combinations.length, ...next);
  }
  const index = new Map(combinations.map((codes, i) => [cubeKey(codes), i]));
  const leaves = (d: number, code: string): string[] => {
    const below = children[d]!.get(code)!;
    return below.length === 0 ? [code] : below.flatMap((child) => leaves(d, child));
  };
  const leafValues = new Map<string, number>();
  const leafValue = (codes: string[]) => {
    const key = cubeKey(codes);
    let found = leafValues.get(key);
    if (found === undefined) leafValues.set(key, (found = leaf(codes)));
    return found;
  };
  const value = (codes: readonly string[]): number => {
    let total = 0;
    const walk = (d: number, prefix: string[]) => {
      if (d === codes.length) {
        total += leafValue(prefix);
        return;
      }
      for (const code of leaves(d, codes[d]!)) walk(d + 1, [...prefix, code]);
    };
    walk(0, []);
    return total;
  };
  const cells: LinkedCell[] = combinations.map((codes) => ({ value: value(codes), margin: codes.some((code, d) => children[d]!.get(code)!.length > 0) }));
  const relations: LinkedTables['relations'][number][] = [];
  combinations.forEach((codes, i) => {
    codes.forEach((code, d) => {
      const below = children[d]!.get(code)!;
      if (below.length === 0) return;
      relations.push({ total: i, parts: below.map((child) => index.get(cubeKey(codes.map((c, k) => (k === d ? child : c))))!) });
    });
  });
  return { cells, relations, keys: combinations, index };
}
