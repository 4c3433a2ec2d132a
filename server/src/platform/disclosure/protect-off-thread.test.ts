import { describe, expect, it } from 'vitest';
import { cube } from './cube.ts';
import { DEFAULT_DISCLOSURE, protectLinked } from './disclosure-control.ts';
import { protectLinkedOffThread } from './protect-off-thread.ts';

/** A county × municipality × month table with small counts scattered through it (seeded, no randomness). */
function countyTable() {
  const municipalities = Array.from({ length: 4 }, (_, m) => ({ code: `m${m}`, parent: `c${m % 2}` }));
  const geography = { name: 'geography', codes: [{ code: 'c0' }, { code: 'c1' }, ...municipalities] };
  const months = { name: 'month', codes: Array.from({ length: 4 }, (_, month) => ({ code: `2026-0${month + 1}` })) };
  let seed = 7;
  return cube([geography, months], () => {
    seed = (seed * 48271) % 2147483647;
    return seed % 5 === 0 ? 1 + (seed % 4) : seed % 31;
  });
}

// A worker started from source loads TypeScript through tsx before it solves: seconds on a busy
// machine. This is a test of what is published, not of speed (the benchmark measures that).
const WORKER_START_MS = 60_000;

describe('disclosure control in a worker thread (issue 15: the event loop stays free)', () => {
  it(
    'publishes exactly what the same control decides in place',
    async () => {
      const table = countyTable();
      expect(table.cells.length).toBeGreaterThan(20);
      const inPlace = await protectLinked(table, DEFAULT_DISCLOSURE);
      const offThread = await protectLinkedOffThread(table, DEFAULT_DISCLOSURE, {}, 1);
      expect(offThread).toEqual(inPlace);
      expect(inPlace.suppressed.filter((cell) => cell === 'primary').length).toBeGreaterThan(0);
    },
    WORKER_START_MS,
  );

  it(
    'reports a failure in the worker as a rejection, not a hang',
    async () => {
      const inconsistent = { cells: [{ value: 3 }, { value: 1 }, { value: 1 }], relations: [{ total: 0, parts: [1, 2] }] };
      await expect(protectLinkedOffThread(inconsistent, DEFAULT_DISCLOSURE, {}, 1)).rejects.toThrow(/disclosure control failed in its worker/);
    },
    WORKER_START_MS,
  );
});
