import { addDays, stockholmClock, stockholmDate } from '#shared/time/stockholm.ts';

/**
 * The next 04:00 in Stockholm after `after`: the hour of nightly maintenance (retention). 04:00
 * exists exactly once on every day, also when the clocks change.
 */
export function nextNightlyRun(after: Date): Date {
  for (let day = 0; day < 3; day++) {
    const date = addDays(stockholmDate(after), day);
    for (const offset of [1, 2]) {
      const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
      const candidate = new Date(Date.UTC(year, month - 1, dayOfMonth, 4 - offset, 0));
      const local = stockholmClock(candidate);
      if (stockholmDate(candidate) === date && local.minutes === 4 * 60 && candidate > after) return candidate;
    }
  }
  throw new Error('no next nightly run found');
}
