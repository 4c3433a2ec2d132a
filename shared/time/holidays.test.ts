import { describe, expect, it } from 'vitest';
import { addWorkingDays, easterSunday, holidayOn, isWorkingDay, statutoryDeadline, swedishHolidays } from './holidays.ts';
import { stockholmClock, stockholmDate } from './stockholm.ts';

describe('Swedish holidays', () => {
  it('computes Easter for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('lists the 2026 holidays with moving dates', () => {
    const dates = Object.fromEntries(swedishHolidays(2026).map((h) => [h.kind, h.date]));
    expect(dates.good_friday).toBe('2026-04-03');
    expect(dates.ascension_day).toBe('2026-05-14');
    expect(dates.whit_sunday).toBe('2026-05-24');
    expect(dates.midsummer_eve).toBe('2026-06-19');
    expect(dates.midsummer_day).toBe('2026-06-20');
    expect(dates.all_saints_day).toBe('2026-10-31');
    expect(swedishHolidays(2026)).toHaveLength(16);
  });

  it('knows the eves are not public holidays but are not working days', () => {
    expect(holidayOn('2026-12-24')).toMatchObject({ kind: 'christmas_eve', publicHoliday: false });
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(isWorkingDay('2026-12-23')).toBe(true);
    expect(isWorkingDay('2026-11-21')).toBe(false);
  });

  it('moves a statutory deadline past weekends and the Christmas holidays', () => {
    expect(statutoryDeadline('2026-12-24')).toBe('2026-12-28');
    expect(statutoryDeadline('2026-06-19')).toBe('2026-06-22');
    expect(statutoryDeadline('2026-11-23')).toBe('2026-11-23');
  });

  it('adds working days across Easter', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });
});

describe('Stockholm time', () => {
  it('uses the Swedish calendar day around midnight UTC', () => {
    expect(stockholmDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(stockholmDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(stockholmDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('gives weekday and minutes in local time across daylight saving', () => {
    expect(stockholmClock(new Date('2026-07-01T06:15:00Z'))).toEqual({ weekday: 3, minutes: 8 * 60 + 15 });
    expect(stockholmClock(new Date('2026-01-05T06:15:00Z'))).toEqual({ weekday: 1, minutes: 7 * 60 + 15 });
  });
});
