/** The source of "now", injected so tests can move time (idle timeouts, retention, deadlines). */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and then runs at the pace of `source` (a shifted demo). */
export function shiftedClock(start: Date, source: Clock = systemClock): Clock {
  const offset = start.getTime() - source.now().getTime();
  return { now: () => new Date(source.now().getTime() + offset) };
}

/** The platform's clock for a configuration: the system clock unless a demo shifts it. */
export function configuredClock(config: { clockStart: Date | undefined }): Clock {
  return config.clockStart ? shiftedClock(config.clockStart) : systemClock;
}

export function fixedClock(start: Date | string): Clock & { advance(ms: number): void; set(to: Date | string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
    set(to) {
      current = new Date(to);
    },
  };
}
