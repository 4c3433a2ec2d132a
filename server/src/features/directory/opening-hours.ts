import type { Weekday } from '#shared/contracts/directory.ts';
import { holidayOn } from '#shared/time/holidays.ts';
import { addDays, stockholmClock, stockholmDate } from '#shared/time/stockholm.ts';

export type Schedule = { byday: Weekday; opens: string; closes: string };

const DAY_CODES: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The rows that apply on a Stockholm calendar day. On public holidays and on the eves that the
 * law treats like them (midsummer, Christmas and New Year's eve; lag (1930:173)) only `PH` rows
 * apply: a service that is open on holidays says so, and one that does not is taken as closed.
 */
function rowsFor(schedules: Schedule[], date: string, weekday: number): Schedule[] {
  if (holidayOn(date)) return schedules.filter((row) => row.byday === 'PH');
  const code = DAY_CODES[weekday - 1];
  return schedules.filter((row) => row.byday === code);
}

function weekdayOfDate(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Every day and every holiday, all day. */
export function isAlwaysOpen(schedules: Schedule[]): boolean {
  return [...DAY_CODES, 'PH' as const].every((code) => schedules.some((row) => row.byday === code && row.opens === '00:00' && row.closes === '24:00'));
}

/**
 * Whether a service is open at an instant, from its weekly hours in Europe/Stockholm. Hours
 * whose `closes` is at or before `opens` run past midnight into the next day. `null` when the
 * service has no verified hours: an unknown is never shown as open or closed.
 */
export function isOpenAt(schedules: Schedule[], hoursVerifiedOn: string | null, instant: Date): boolean | null {
  if (schedules.length === 0 || hoursVerifiedOn === null) return null;
  const today = stockholmDate(instant);
  const { weekday, minutes } = stockholmClock(instant);
  for (const row of rowsFor(schedules, today, weekday)) {
    const opens = minutesOf(row.opens);
    const closes = minutesOf(row.closes);
    if (closes > opens ? minutes >= opens && minutes < closes : minutes >= opens) return true;
  }
  const yesterday = addDays(today, -1);
  for (const row of rowsFor(schedules, yesterday, weekdayOfDate(yesterday))) {
    const opens = minutesOf(row.opens);
    const closes = minutesOf(row.closes);
    if (closes <= opens && minutes < closes) return true;
  }
  return false;
}
