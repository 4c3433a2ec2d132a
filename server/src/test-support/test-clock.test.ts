import { describe, expect, it } from 'vitest';
import { TEST_EPOCH, testNow } from './test-clock.ts';

describe('where test clocks start (ADR 0019)', () => {
  it('is the fixed epoch unless UPPTACK_TEST_NOW says otherwise', () => {
    expect(testNow({})).toBe(TEST_EPOCH);
    expect(testNow({ UPPTACK_TEST_NOW: '2031-03-01T08:15:00+01:00' })).toBe('2031-03-01T07:15:00.000Z');
  });

  it('is the run\'s start for "real" and three years later for "future"', () => {
    const real = new Date(testNow({ UPPTACK_TEST_NOW: 'real' })).getTime();
    expect(Math.abs(real - Date.now())).toBeLessThan(3_600_000);
    expect(new Date(testNow({ UPPTACK_TEST_NOW: 'future' })).getTime() - real).toBe(1096 * 24 * 3_600_000);
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => testNow({ UPPTACK_TEST_NOW: 'tomorrow' })).toThrow(/UPPTACK_TEST_NOW/);
  });
});
