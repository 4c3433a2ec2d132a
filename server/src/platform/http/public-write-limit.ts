import crypto from 'node:crypto';
import type { Clock } from '../time/clock.ts';

/**
 * A ceiling on anonymous writes — survey answers through a link, event registrations and
 * evaluations — per client address: `limit` per fixed 10-minute window. Counted in this
 * process's memory: nothing about an anonymous visitor is stored in the database, and the addresses
 * are kept only as hashes salted per process. A shared address (a municipality's or a venue's
 * network) must stay well below the ceiling in honest use, hence the generous default.
 */
export const PUBLIC_WRITE_WINDOW_MS = 10 * 60_000;
/** Beyond this many addresses in one window, the oldest windows are forgotten first. */
const MAX_ADDRESSES = 50_000;

export type PublicWriteLimit = {
  /** Counts one write from `address`; the seconds to wait when it is over the ceiling, else 0. */
  hit(address: string): number;
};

export function createPublicWriteLimit(options: { clock: Clock; limit: number }): PublicWriteLimit {
  const salt = crypto.randomBytes(16);
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    hit(address) {
      const now = options.clock.now().getTime();
      const key = crypto.createHmac('sha256', salt).update(address).digest('base64url');
      let window = windows.get(key);
      if (!window || now - window.startedAt >= PUBLIC_WRITE_WINDOW_MS) {
        windows.delete(key);
        window = { startedAt: now, count: 0 };
        // A Map iterates in insertion order: the first entries are the oldest windows.
        for (const [oldest] of windows) {
          if (windows.size < MAX_ADDRESSES) break;
          windows.delete(oldest);
        }
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= options.limit) return 0;
      return Math.max(1, Math.ceil((window.startedAt + PUBLIC_WRITE_WINDOW_MS - now) / 1000));
    },
  };
}

/** Anonymous writes: the public JSON API and the server-rendered public forms (not staff, not sign-in). */
export function isPublicWrite(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  if (path.startsWith('/api/v1/public/')) return true;
  return !path.startsWith('/api/') && !path.startsWith('/personal') && !path.startsWith('/assets/');
}
