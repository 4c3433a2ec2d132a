import { fixedClock } from '../platform/time/clock.ts';

/** The date the suite was written against; a test that needs another passes its own. */
export const TEST_EPOCH = '2026-11-23T09:00:00Z';

/**
 * Where test clocks start (ADR 0019). `UPPTACK_TEST_NOW` moves every default test clock at once:
 * an ISO instant, `real` for the moment the run started, or `future` for three years after it.
 * CI runs the database suite at the fixed epoch, at the real date and in the future, so a test
 * or a code path that mixes the test clock with the machine's clock, or a test that assumes a
 * date is still ahead, fails the day it is written, not weeks later.
 */
export function testNow(env: NodeJS.ProcessEnv = process.env): string {
  const setting = env.UPPTACK_TEST_NOW?.trim();
  if (!setting) return TEST_EPOCH;
  if (setting === 'real') return REAL_START.toISOString();
  if (setting === 'future') return new Date(REAL_START.getTime() + THREE_YEARS_MS).toISOString();
  const parsed = new Date(setting);
  if (Number.isNaN(parsed.getTime())) throw new Error(`UPPTACK_TEST_NOW must be an ISO instant, "real" or "future", got "${setting}"`);
  return parsed.toISOString();
}

const REAL_START = new Date();
const THREE_YEARS_MS = 1096 * 24 * 3_600_000;

export type TestClock = ReturnType<typeof fixedClock>;

/** A controllable clock at `now`, or at the run's test date. */
export function testClock(now?: string): TestClock {
  return fixedClock(now ?? testNow());
}
