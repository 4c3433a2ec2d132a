/**
 * Secondary suppression on generated tables (issue 15, ADR 0054):
 * `node_modules/.bin/tsx bench/disclosure-solver.ts [--seeds N] [--time-limit S]`.
 *
 * For n-dimensional and hierarchical tables with many small counts (seeded), prints per table
 * the share of cells hidden by the production heuristic and by the optimal MIP (HiGHS), the
 * heuristic's loss relative to the MIP's, and the time of each. Never part of `npm test`;
 * figures in docs/benchmarks.md.
 */
import os from 'node:os';
import { parseFlags } from '../server/src/admin/command.ts';
import { cube, type Dimension } from '../server/src/platform/disclosure/cube.ts';
import { protectLinked } from '../server/src/platform/disclosure/disclosure-control.ts';
import { attack, pinned } from '../server/src/platform/disclosure/suppression.ts';

const { flags } = parseFlags(process.argv.slice(2));
const seeds = Number(flags.seeds ?? 2);
const timeLimit = Number(flags['time-limit'] ?? 60);
const log = (line: string) => process.stdout.write(`${line}\n`);

const flat = (name: string, n: number): Dimension => ({ name, codes: Array.from({ length: n }, (_, i) => ({ code: `${name}${i}` })) });
const tree = (name: string, groups: number, leaves: number): Dimension => ({
  name,
  codes: Array.from({ length: groups }, (_, g) => [
    { code: `${name}${g}` },
    ...Array.from({ length: leaves }, (_, l) => ({ code: `${name}${g}.${l}`, parent: `${name}${g}` })),
  ]).flat(),
});
const SHAPES: Array<{ label: string; dimensions: Dimension[] }> = [
  { label: '2-D 6 × 5', dimensions: [flat('a', 6), flat('b', 5)] },
  { label: '3-D 4 × 3 × 3', dimensions: [flat('a', 4), flat('b', 3), flat('c', 3)] },
  { label: 'hierarchy (2 × 3) × 4', dimensions: [tree('h', 2, 3), flat('b', 4)] },
  { label: 'hierarchy (2 × 2) × 3 × 2', dimensions: [tree('h', 2, 2), flat('b', 3), flat('c', 2)] },
];

log(
  `Secondary suppression — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, Node.js ${process.version}, threshold 5, labels "<5"/"–", MIP time limit ${timeLimit} s`,
);
log(
  '\n| table | cells | primary | hidden, heuristic | hidden, optimal MIP | heuristic / optimal | time heuristic | time MIP |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
);
let sumHeuristic = 0;
let sumOptimal = 0;
for (const shape of SHAPES) {
  for (let seed = 1; seed <= seeds; seed++) {
    let state = seed * 7919;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const table = cube(shape.dimensions, () => {
      const u = random();
      return u < 0.15 ? 0 : u < 0.4 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 40);
    });
    const settings = { threshold: 5, display: 'below' as const };
    let started = performance.now();
    const heuristic = await protectLinked(table, settings);
    const heuristicMs = performance.now() - started;
    started = performance.now();
    const optimal = await protectLinked(table, settings, { mode: 'optimal', timeLimit });
    const optimalMs = performance.now() - started;
    // Both patterns are audited by the attacker's LP: no primary cell may be pinned.
    for (const result of [heuristic, optimal]) {
      const found = await attack(table, result.suppressed, { threshold: 5, rangesShown: result.display === 'below' });
      if (result.suppressed.some((s, i) => s === 'primary' && pinned(found[i]!))) throw new Error(`${shape.label} seed ${seed}: a primary cell is pinned`);
    }
    const hidden = (s: typeof heuristic.suppressed) => s.filter(Boolean).length;
    const primary = heuristic.suppressed.filter((s) => s === 'primary').length;
    sumHeuristic += hidden(heuristic.suppressed);
    sumOptimal += hidden(optimal.suppressed);
    const share = (n: number) => `${n} (${((n / table.cells.length) * 100).toFixed(1)} %)`;
    log(
      `| ${shape.label}, seed ${seed} | ${table.cells.length} | ${primary} | ${share(hidden(heuristic.suppressed))} | ${share(hidden(optimal.suppressed))} | ${(hidden(heuristic.suppressed) / hidden(optimal.suppressed)).toFixed(3)} | ${heuristicMs.toFixed(0)} ms | ${(optimalMs / 1000).toFixed(1)} s |`,
    );
  }
}
log(`\nAll tables: heuristic hides ${sumHeuristic} cells, the optimal MIP ${sumOptimal} (${((sumHeuristic / sumOptimal - 1) * 100).toFixed(1)} % more).`);
