import { describe, expect, it } from 'vitest';
import { fixedClock } from '../time/clock.ts';
import { createPublicWriteLimit, isPublicWrite, PUBLIC_WRITE_WINDOW_MS } from './public-write-limit.ts';

describe('the ceiling on anonymous writes', () => {
  it('lets `limit` writes through per address and window, then says how long to wait', () => {
    const clock = fixedClock('2026-11-22T10:00:00Z');
    const limit = createPublicWriteLimit({ clock, limit: 3 });
    expect([limit.hit('192.0.2.1'), limit.hit('192.0.2.1'), limit.hit('192.0.2.1')]).toEqual([0, 0, 0]);
    clock.advance(60_000);
    expect(limit.hit('192.0.2.1')).toBe(540);
    expect(limit.hit('192.0.2.2')).toBe(0);
  });

  it('opens again when the window has passed', () => {
    const clock = fixedClock('2026-11-22T10:00:00Z');
    const limit = createPublicWriteLimit({ clock, limit: 1 });
    limit.hit('192.0.2.1');
    expect(limit.hit('192.0.2.1')).toBeGreaterThan(0);
    clock.advance(PUBLIC_WRITE_WINDOW_MS);
    expect(limit.hit('192.0.2.1')).toBe(0);
  });

  it('counts anonymous writes only: public API and public forms, not staff, sign-in or reads', () => {
    expect(isPublicWrite('POST', '/api/v1/public/survey-links/abc/responses')).toBe(true);
    expect(isPublicWrite('POST', '/enkat/abc/del/1')).toBe(true);
    expect(isPublicWrite('GET', '/api/v1/public/survey-links/abc')).toBe(false);
    expect(isPublicWrite('POST', '/api/v1/auth/login')).toBe(false);
    expect(isPublicWrite('POST', '/api/v1/encounters')).toBe(false);
    expect(isPublicWrite('PUT', '/personal/fraga')).toBe(false);
  });
});
