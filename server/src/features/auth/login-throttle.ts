import { and, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/database.ts';
import { lookupHash } from '../../platform/crypto/field-encryption.ts';
import { loginFailures } from '../../platform/auth/schema.ts';
import type { Clock } from '../../platform/time/clock.ts';

/**
 * Login throttling (issue 3): at most 10 failures per 15 minutes per submitted email — whether
 * or not the account exists — and per client address; the 11th attempt gets 429 with
 * Retry-After. Keys are keyed hashes, so the table holds no email addresses or IP addresses.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function createLoginThrottle(deps: { database: Database; clock: Clock; key: Buffer }) {
  const { database, clock, key } = deps;
  const keyFor = {
    email: (email: string) => `email:${lookupHash(key, email.trim().toLowerCase())}`,
    ip: (ip: string) => `ip:${lookupHash(key, ip)}`,
  };

  /** Seconds until the caller may try again, or 0 when not throttled. */
  async function retryAfter(keys: string[]): Promise<number> {
    const now = clock.now();
    const since = new Date(now.getTime() - WINDOW_MS);
    const rows = await database.system((tx) =>
      queryRows<{ key_hash: string; failures: number; oldest: string }>(
        tx,
        sql`select key_hash, count(*)::int as failures, min(failed_at)::text as oldest from login_failures
             where key_hash in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) and failed_at >= ${since.toISOString()}::timestamptz
             group by key_hash`,
      ),
    );
    let wait = 0;
    for (const row of rows) {
      if (row.failures >= MAX_FAILURES) {
        const freeAt = new Date(row.oldest).getTime() + WINDOW_MS;
        wait = Math.max(wait, Math.ceil((freeAt - now.getTime()) / 1000));
      }
    }
    return Math.max(wait, 0);
  }

  return {
    keyFor,
    retryAfter,
    async recordFailure(keys: string[]) {
      const now = clock.now();
      await database.system(async (tx) => {
        await tx.insert(loginFailures).values(keys.map((keyHash) => ({ keyHash, failedAt: now })));
        // Old rows are no longer needed: keep the table small.
        await tx.execute(sql`delete from login_failures where failed_at < ${new Date(now.getTime() - 2 * WINDOW_MS).toISOString()}::timestamptz`);
      });
    },
    async clear(keys: string[]) {
      const since = new Date(clock.now().getTime() - WINDOW_MS);
      await database.system((tx) =>
        tx.delete(loginFailures).where(and(inArray(loginFailures.keyHash, keys), gte(loginFailures.failedAt, since))),
      );
    },
  };
}
