import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.ts';
import type { CountTable, DisclosureSettings, ProtectedCell, ProtectedTable } from './disclosure-control.ts';

/**
 * The cell-key method (ADR 0053; the Australian Bureau of Statistics' TableBuilder, Destatis):
 * for answers to flexible questions — any window, breakdown and period — where suppressing each
 * answer on its own lets overlapping answers be subtracted (issue 15).
 *
 *  - Every record has a secret key, a whole number in [0, 2^24). Here a record is a fine cell of
 *    a rollup (one row of it, with its count) or a person counted once (a caseworker): its key
 *    is 24 bits of md5(installation secret ‖ its identity), stored beside the count by the
 *    rollup triggers (ADR 0057) or computed where it is read (a caseworker counted once).
 *  - A published cell's key is the sum of its records' keys modulo 2^24: additive, so a total
 *    has the key of its cells together, and two questions over the same records get the same key.
 *  - A fixed table maps the key to a small noise (`NOISE`): the same cell always reads the same,
 *    so asking again, or asking an equivalent question, gives nothing new, and every total has
 *    noise of its own (the key of a total is not the noise of its parts).
 *  - Counts 1 … threshold − 1 are still never shown ("<5"); 0 is shown as 0; a count of at least
 *    the threshold is shown with its noise but never below the threshold, so "<5" keeps meaning
 *    1 … 4 and a shown number means at least 5 persons.
 *
 * What it guarantees and what not: docs/disclosure-control.md.
 */

export const CELL_KEY_MODULUS = 2 ** 24;

/**
 * The noise table: noise −5 … +5 with these probabilities over the cell key (mostly 0 or ±1).
 * The tail is long and thin on purpose: an attacker who knows the table pins a hidden count by
 * subtracting two published ones only when both carry the extreme noise in opposite directions,
 * (10⁻⁶)² per pair, while the mean change stays about 0.7.
 */
export const NOISE: ReadonlyArray<{ noise: number; probability: number }> = [
  { noise: -5, probability: 0.000001 },
  { noise: -4, probability: 0.0001 },
  { noise: -3, probability: 0.0019 },
  { noise: -2, probability: 0.058 },
  { noise: -1, probability: 0.22 },
  { noise: 0, probability: 0.439998 },
  { noise: 1, probability: 0.22 },
  { noise: 2, probability: 0.058 },
  { noise: 3, probability: 0.0019 },
  { noise: 4, probability: 0.0001 },
  { noise: 5, probability: 0.000001 },
];

/** The largest change a published count can carry (what the attacker suite assumes she knows). */
export const MAX_NOISE = Math.max(...NOISE.map((entry) => Math.abs(entry.noise)));

/** Upper ends of the table's cumulative probabilities, in key units, so a key maps by whole-number comparison. */
const BOUNDS = NOISE.reduce<number[]>((bounds, entry) => [...bounds, (bounds.at(-1) ?? 0) + Math.round(entry.probability * CELL_KEY_MODULUS)], []);

/** The noise of a cell key in [0, 2^24). */
export function noiseOf(cellKey: number): number {
  const index = BOUNDS.findIndex((bound) => cellKey < bound);
  return NOISE[index === -1 ? NOISE.length - 1 : index]!.noise;
}

export function addCellKeys(keys: readonly number[]): number {
  return keys.reduce((sum, key) => (sum + key) % CELL_KEY_MODULUS, 0);
}

/** A record's key: the same formula as the SQL of the rollup measures (`recordKeySql`). */
export function recordKey(secret: string, identity: string): number {
  return parseInt(
    crypto
      .createHash('md5')
      .update(secret + identity)
      .digest('hex')
      .slice(0, 6),
    16,
  );
}

/** The installation's secret (migration 0090); never leaves the server. */
export async function cellKeySecret(tx: Tx): Promise<string> {
  const [row] = await queryRows<{ secret: string }>(tx, sql`select secret from disclosure_cell_key_secret`);
  if (!row) throw new Error('disclosure_cell_key_secret is empty: migration 0090 did not run');
  return row.secret;
}

/** One count with its cell key, as published. */
export function perturbCount(count: number, cellKey: number, settings: Pick<DisclosureSettings, 'threshold'>): ProtectedCell {
  if (count === 0) return { value: 0, suppressed: null };
  if (count < settings.threshold) return { value: null, suppressed: 'primary' };
  return { value: Math.max(settings.threshold, count + noiseOf(cellKey)), suppressed: null };
}

/** A table of counts with the key sum of each cell (the records counted in it). */
export type KeyedTable = CountTable & { cellKeys: ReadonlyArray<readonly number[]> };

/**
 * Publishes every cell, row total, column total and the grand total of each table with the
 * noise of its own key. Totals are not the sum of the published cells: each is perturbed
 * independently, so no published cell is recomputable from them.
 */
export function perturbTables(tables: readonly KeyedTable[], settings: DisclosureSettings): ProtectedTable[] {
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return tables.map((table) => {
    const cell = (counts: readonly number[], keys: readonly number[]) => perturbCount(sum(counts), addCellKeys(keys), settings);
    const column = <T>(grid: ReadonlyArray<readonly T[]>, c: number) => grid.map((row) => row[c]!);
    return {
      id: table.id,
      // Totals carry noise of their own, so a "<5" label cannot be combined with them into a value.
      display: settings.display,
      rowDimension: table.rowDimension,
      columnDimension: table.columnDimension,
      rows: [...table.rows],
      columns: [...table.columns],
      cells: table.counts.map((row, r) => row.map((count, c) => perturbCount(count, table.cellKeys[r]![c]!, settings))),
      rowTotals: table.counts.map((row, r) => cell(row, table.cellKeys[r]!)),
      columnTotals: table.columns.map((_, c) => cell(column(table.counts, c), column(table.cellKeys, c))),
      total: cell(table.counts.flat(), table.cellKeys.flat()),
    };
  });
}

/**
 * A table of counts from records that each carry a count and an identity (issue 15 item 5): the
 * cells of the table are sums of records, and each record's key is `recordKey(secret, identity)`,
 * as the rollup measures key their rows. For publishers outside follow-up (event participation)
 * that read their records grouped at the finest level they keep: the same record gives the same
 * key in every question, so the same cell reads the same in every answer and every span.
 */
export function keyedTable(
  secret: string,
  table: CountTable,
  recordsOf: (row: number, column: number) => ReadonlyArray<{ identity: string; count: number }>,
): KeyedTable {
  const cellKeys = table.rows.map((_, r) =>
    table.columns.map((_, c) =>
      addCellKeys(
        recordsOf(r, c)
          .filter((record) => record.count !== 0)
          .map((record) => recordKey(secret, `${record.identity}|${record.count}`)),
      ),
    ),
  );
  return { ...table, cellKeys };
}
