import { TIME_ZONE } from '#shared/time/stockholm.ts';

/**
 * Meetings are entered and shown in Europe/Stockholm local time and stored as UTC instants.
 * Sweden is UTC+1 in winter and UTC+2 in summer (EU rules: the last Sunday of March and of
 * October at 01:00 UTC), so a local time maps to one instant, to none (the hour skipped in
 * March) or to two (the hour repeated in October).
 */
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export type LocalDateTime = { date: string; time: string };

/** The Stockholm calendar date and wall-clock time (HH:MM) at an instant. */
export function stockholmLocal(instant: Date): LocalDateTime {
  const values = Object.fromEntries(parts.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${values.year}-${values.month}-${values.day}`, time: `${values.hour}:${values.minute}` };
}

/**
 * The instant of a Stockholm local date and time. `undefined` when that time does not exist
 * (skipped when summer time starts); the earlier instant when it occurs twice.
 */
export function stockholmInstant(date: string, time: string): Date | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const matches = [120, 60]
    .map((offsetMinutes) => new Date(asUtc - offsetMinutes * 60_000))
    .filter((instant) => {
      const local = stockholmLocal(instant);
      return local.date === date && local.time === time;
    });
  return matches[0];
}
