import { describe, expect, it } from 'vitest';
import { isAlwaysOpen, isOpenAt, type Schedule } from './opening-hours.ts';
import { ALWAYS_OPEN } from './national-lines.ts';

const office: Schedule[] = (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({ byday, opens: '08:00', closes: '16:30' }));
const afterHours: Schedule[] = [
  ...(['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({ byday, opens: '16:30', closes: '08:00' })),
  ...(['SA', 'SU', 'PH'] as const).map((byday) => ({ byday, opens: '00:00', closes: '24:00' })),
];
const verified = '2026-11-01';

describe('opening hours in Europe/Stockholm', () => {
  it('is open during office hours on a weekday and closed after', () => {
    // Monday 23 November 2026, 10:00 in Stockholm (UTC+1).
    expect(isOpenAt(office, verified, new Date('2026-11-23T09:00:00Z'))).toBe(true);
    expect(isOpenAt(office, verified, new Date('2026-11-23T15:30:00Z'))).toBe(false);
  });

  it('uses Stockholm time across daylight saving time', () => {
    // Monday 29 June 2026 07:30 UTC is 09:30 in Stockholm (UTC+2): open.
    expect(isOpenAt(office, verified, new Date('2026-06-29T07:30:00Z'))).toBe(true);
    // 06:30 UTC is 08:30 local in summer: open; in winter 06:30 UTC is 07:30 local: closed.
    expect(isOpenAt(office, verified, new Date('2026-06-29T06:30:00Z'))).toBe(true);
    expect(isOpenAt(office, verified, new Date('2026-11-23T06:30:00Z'))).toBe(false);
  });

  it('treats public holidays and the eves as closed unless PH hours are given', () => {
    // Christmas eve 2026 is a Thursday; New Year's day 2027 a Friday.
    expect(isOpenAt(office, verified, new Date('2026-12-24T10:00:00Z'))).toBe(false);
    expect(isOpenAt(office, verified, new Date('2027-01-01T10:00:00Z'))).toBe(false);
    expect(isOpenAt(afterHours, verified, new Date('2026-12-24T10:00:00Z'))).toBe(true);
  });

  it('follows hours past midnight into the next day', () => {
    // Tuesday 24 November 2026 02:00 local: Monday's 16:30–08:00 still runs.
    expect(isOpenAt(afterHours, verified, new Date('2026-11-24T01:00:00Z'))).toBe(true);
    // Tuesday 12:00 local: closed (office hours belong to the municipality, not the after-hours service).
    expect(isOpenAt(afterHours, verified, new Date('2026-11-24T11:00:00Z'))).toBe(false);
  });

  it('says nothing when the hours are missing or unverified', () => {
    expect(isOpenAt([], verified, new Date('2026-11-23T09:00:00Z'))).toBeNull();
    expect(isOpenAt(office, null, new Date('2026-11-23T09:00:00Z'))).toBeNull();
  });

  it('recognises round-the-clock services', () => {
    expect(isAlwaysOpen(ALWAYS_OPEN)).toBe(true);
    expect(isAlwaysOpen(office)).toBe(false);
    expect(isOpenAt(ALWAYS_OPEN, verified, new Date('2026-12-25T03:00:00Z'))).toBe(true);
  });
});
