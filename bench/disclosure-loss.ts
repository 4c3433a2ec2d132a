/**
 * Information loss of disclosure control on the demo data (issue 15, ADR 0053):
 * `node_modules/.bin/tsx bench/disclosure-loss.ts`.
 *
 * Builds the complete demo database (seed and the year of history) in a temporary directory, then
 * asks every follow-up indicator that counts persons as the national coordinator sees it — every
 * declared breakdown and none, by month and by year, over the twelve months up to now — and
 * compares every published count (cells, row and column totals, grand totals; numerators and
 * denominators) with the true one:
 *   - the cell-key method (what follow-up publishes): share of non-zero counts hidden, share
 *     changed by noise, mean absolute change of the shown ones;
 *   - for comparison, classic suppression of the same tables (ADR 0050: primary and
 *     complementary, each answer on its own): share hidden.
 * Never part of `npm test`; figures in docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FigureCell, Indicator } from '../shared/contracts/follow-up.ts';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { DEFAULT_DISCLOSURE, protectReport, type CountTable } from '../server/src/platform/disclosure/disclosure-control.ts';
import { createMeasureRegistry } from '../server/src/platform/measures/measure.ts';
import { listIndicators } from '../server/src/features/follow-up/catalogue.ts';
import { defaultRange } from '../server/src/features/follow-up/dashboard-service.ts';
import { indicatorFigures, isPeriod, type Figures } from '../server/src/features/follow-up/figures.ts';
import { prepareDatabase } from '../server/src/startup.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-disclosure-'));
const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: undefined, DATA_DIR: dir });
const database = await openEmbeddedDatabase({ dataDir: dir });

try {
  await prepareDatabase(database, config);
  const app = await buildApp({ config, database });
  await app.jobs.runUntilIdle();
  const measures = app.context.measures;
  // The same measures read as if they did not count persons: the tables without any protection.
  const exact = createMeasureRegistry(measures.all().map((measure) => ({ ...measure, countsPersons: false })));
  const range = defaultRange(database.clock.now());
  const reach = { kind: 'aggregated' as const, tenantIds: null, unitIds: null };
  const settings = DEFAULT_DISCLOSURE;
  log(
    `Disclosure-control information loss — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, demo data ${range.from}–${range.to}, threshold ${settings.threshold}`,
  );

  const totals = { counts: 0, hidden: 0, changed: 0, absoluteChange: 0, shown: 0, classicHidden: 0, tables: 0 };
  const indicators = await database.system((tx) => listIndicators(tx, 'sv', measures));
  const personIndicators = indicators.filter(
    (indicator: Indicator) =>
      indicator.source === 'measures' &&
      indicator.hasDataSource &&
      [indicator.numerator, indicator.denominator].some((key) => key && measures.get(key)?.countsPersons),
  );
  for (const indicator of personIndicators) {
    const breakdowns = [null, ...indicator.disaggregations.filter((level) => !isPeriod(level))];
    for (const by of breakdowns) {
      for (const period of ['month', 'year'] as const) {
        const query = { from: range.from, to: range.to, by, period };
        const [published, truth] = await database.system(async (tx) => [
          await indicatorFigures(tx, { measures, settings, locale: 'sv' }, indicator, query, reach),
          await indicatorFigures(tx, { measures: exact, settings, locale: 'sv' }, indicator, query, reach),
        ]);
        const figures = (f: Figures) => [...f.cells.flat(), ...f.rowTotals, ...f.columnTotals, f.total];
        const sides = [
          ['numerator', indicator.numerator],
          ['denominator', indicator.denominator],
        ] as const;
        for (const [side, key] of sides) {
          if (!key || !measures.get(key)?.countsPersons) continue;
          const pick = (cell: FigureCell) => (side === 'numerator' ? cell.numerator : cell.denominator!);
          const shown = figures(published).map(pick);
          const real = figures(truth).map(pick);
          for (const [index, cell] of real.entries()) {
            if (!cell.value) continue;
            totals.counts++;
            const out = shown[index]!;
            if (out.value === null) totals.hidden++;
            else {
              totals.shown++;
              totals.absoluteChange += Math.abs(out.value - cell.value);
              if (out.value !== cell.value) totals.changed++;
            }
          }
          // Classic suppression of the same table, on its own, as every answer was protected before.
          const table: CountTable = {
            id: side,
            rowDimension: `${key}:${by ?? 'all'}`,
            columnDimension: `${key}:${period}`,
            rows: truth.rows.map((row) => row.key),
            columns: truth.columns.map((column) => column.key),
            counts: truth.cells.map((row) => row.map((cell) => pick(cell).value ?? 0)),
          };
          const [classic] = await protectReport([table], settings);
          const classicCells = [...classic!.cells.flat(), ...classic!.rowTotals, ...classic!.columnTotals, classic!.total];
          const trueCells = [
            ...table.counts.flat(),
            ...table.counts.map((row) => row.reduce((a, b) => a + b, 0)),
            ...table.columns.map((_, c) => table.counts.reduce((sum, row) => sum + row[c]!, 0)),
            table.counts.flat().reduce((a, b) => a + b, 0),
          ];
          totals.classicHidden += classicCells.filter((cell, index) => cell.suppressed !== null && trueCells[index]! > 0).length;
          totals.tables++;
        }
      }
    }
  }
  const percent = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(1)} %`;
  log(`  ${personIndicators.length} indicators, ${totals.tables} tables (breakdowns × month/year), ${totals.counts} non-zero counts of persons`);
  log(
    `  cell-key method: hidden ${percent(totals.hidden, totals.counts)}; changed by noise ${percent(totals.changed, totals.counts)} (${percent(totals.changed, totals.shown)} of the shown); mean absolute change of shown counts ${(totals.absoluteChange / Math.max(1, totals.shown)).toFixed(2)}`,
  );
  log(`  classic suppression, each answer on its own (before): hidden ${percent(totals.classicHidden, totals.counts)}`);
  await app.server.close();
} finally {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
