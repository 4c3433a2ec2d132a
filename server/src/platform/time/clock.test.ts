import { describe, expect, it } from 'vitest';
import { configuredClock, fixedClock, shiftedClock, systemClock } from './clock.ts';

describe('clocks (ADR 0019)', () => {
  it('a shifted clock starts at its instant and runs at the pace of its source', () => {
    const source = fixedClock('2031-05-05T12:00:00Z');
    const clock = shiftedClock(new Date('2026-11-23T09:00:00Z'), source);
    expect(clock.now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
    source.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-11-23T09:01:30.000Z');
  });

  it('the configured clock is the system clock unless CLOCK_START shifts it', () => {
    expect(configuredClock({ clockStart: undefined })).toBe(systemClock);
    const shifted = configuredClock({ clockStart: new Date('2026-11-23T09:00:00Z') })
      .now()
      .getTime();
    expect(Math.abs(shifted - new Date('2026-11-23T09:00:00Z').getTime())).toBeLessThan(60_000);
  });
});
