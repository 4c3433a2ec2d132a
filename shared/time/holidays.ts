import { addDays, weekdayOf } from './stockholm.ts';

/**
 * Swedish public holidays (lag (1989:253) om allmänna helgdagar) and the eves that the law on
 * computing statutory time limits (lag (1930:173)) treats like holidays: midsummer eve,
 * Christmas eve and New Year's eve.
 */
export type HolidayKind =
  | 'new_years_day'
  | 'epiphany'
  | 'good_friday'
  | 'easter_sunday'
  | 'easter_monday'
  | 'may_day'
  | 'ascension_day'
  | 'whit_sunday'
  | 'national_day'
  | 'midsummer_eve'
  | 'midsummer_day'
  | 'all_saints_day'
  | 'christmas_eve'
  | 'christmas_day'
  | 'boxing_day'
  | 'new_years_eve';

export type Holiday = { date: string; kind: HolidayKind; publicHoliday: boolean };

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Saturday within [from, from + 6]. */
function saturdayFrom(date: string): string {
  const offset = (6 - weekdayOf(date) + 7) % 7;
  return addDays(date, offset);
}

const cache = new Map<number, Holiday[]>();

export function swedishHolidays(year: number): Holiday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const y = String(year);
  const easter = easterSunday(year);
  const midsummerDay = saturdayFrom(`${y}-06-20`);
  const holidays: Holiday[] = [
    { date: `${y}-01-01`, kind: 'new_years_day', publicHoliday: true },
    { date: `${y}-01-06`, kind: 'epiphany', publicHoliday: true },
    { date: addDays(easter, -2), kind: 'good_friday', publicHoliday: true },
    { date: easter, kind: 'easter_sunday', publicHoliday: true },
    { date: addDays(easter, 1), kind: 'easter_monday', publicHoliday: true },
    { date: `${y}-05-01`, kind: 'may_day', publicHoliday: true },
    { date: addDays(easter, 39), kind: 'ascension_day', publicHoliday: true },
    { date: addDays(easter, 49), kind: 'whit_sunday', publicHoliday: true },
    { date: `${y}-06-06`, kind: 'national_day', publicHoliday: true },
    { date: addDays(midsummerDay, -1), kind: 'midsummer_eve', publicHoliday: false },
    { date: midsummerDay, kind: 'midsummer_day', publicHoliday: true },
    { date: saturdayFrom(`${y}-10-31`), kind: 'all_saints_day', publicHoliday: true },
    { date: `${y}-12-24`, kind: 'christmas_eve', publicHoliday: false },
    { date: `${y}-12-25`, kind: 'christmas_day', publicHoliday: true },
    { date: `${y}-12-26`, kind: 'boxing_day', publicHoliday: true },
    { date: `${y}-12-31`, kind: 'new_years_eve', publicHoliday: false },
  ];
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, holidays);
  return holidays;
}

export function holidayOn(date: string): Holiday | undefined {
  return swedishHolidays(Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}

/** A working day: Monday–Friday and neither a public holiday nor one of the eves. */
export function isWorkingDay(date: string): boolean {
  return weekdayOf(date) <= 5 && holidayOn(date) === undefined;
}

export function addWorkingDays(date: string, days: number): string {
  let current = date;
  let remaining = days;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/**
 * A deadline that falls on a Saturday, Sunday, public holiday, midsummer eve, Christmas eve or
 * New Year's eve moves to the next working day (lag (1930:173) om beräkning av lagstadgad tid).
 */
export function statutoryDeadline(date: string): string {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}
