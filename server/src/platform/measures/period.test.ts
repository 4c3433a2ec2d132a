import { describe, expect, it } from 'vitest';
import { isPartialPeriod, lastMonthOf, periodKey } from './measure.ts';

describe('periods of a dashboard (issue 22: an unfinished period is not a drop)', () => {
  it('knows the last month of a month, a quarter and a year', () => {
    expect(lastMonthOf('2026-11')).toBe('2026-11');
    expect(lastMonthOf(periodKey('2026-11', 'quarter'))).toBe('2026-12');
    expect(lastMonthOf('2026-Q1')).toBe('2026-03');
    expect(lastMonthOf('2026')).toBe('2026-12');
  });

  it('calls a period partial while it holds the current month, or when the range stops inside it', () => {
    // November 2026: the fourth quarter and the year are not over, the third quarter is.
    expect(isPartialPeriod('2026-Q4', '2026-11', '2026-12')).toBe(true);
    expect(isPartialPeriod('2026-Q3', '2026-11', '2026-12')).toBe(false);
    expect(isPartialPeriod('2026', '2026-11', '2026-12')).toBe(true);
    expect(isPartialPeriod('2026-10', '2026-11', '2026-11')).toBe(false);
    expect(isPartialPeriod('2026-11', '2026-11', '2026-11')).toBe(true);
    // A past quarter asked only to its second month shows two months of three.
    expect(isPartialPeriod('2025-Q4', '2026-11', '2025-11')).toBe(true);
    expect(isPartialPeriod('2025-Q4', '2026-11', '2025-12')).toBe(false);
  });
});
