import { fixedClock } from '../platform/time/clock.ts';

/** The date the suite was written against; a test that needs another passes its own. */
export const TEST_EPOCH = '2026-11-23T09:00:00Z';

/**
 * Where test clocks start (ADR 0019). `UPPTACK_TEST_NOW` moves every default test clock at once:
 * an ISO instant, or `real` for the moment the run started. CI runs the database suite both at
 * the fixed epoch and at the real date, so a test or a code path that mixes the test clock with
 * the machine's clock fails the day it is written, not weeks later.
 */
export function testNow(env: NodeJS.ProcessEnv = process.env): string {
  const setting = env.UPPTACK_TEST_NOW?.trim();
  if (!setting) return TEST_EPOCH;
  if (setting === 'real') return REAL_START;
  const parsed = new Date(setting);
  if (Number.isNaN(parsed.getTime())) throw new Error(`UPPTACK_TEST_NOW must be an ISO instant or "real", got "${setting}"`);
  return parsed.toISOString();
}

const REAL_START = new Date().toISOString();

export type TestClock = ReturnType<typeof fixedClock>;

/** A controllable clock at `now`, or at the run's test date. */
export function testClock(now?: string): TestClock {
  return fixedClock(now ?? testNow());
}
