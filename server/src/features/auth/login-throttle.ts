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
 *
 * Under concurrency (issue 16 item 5) an attempt is counted as a failure *before* its password is
 * evaluated, in the same transaction that checks the count, and uncounted only once it succeeds:
 * parallel attempts therefore cannot all pass the check before any of them is counted.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/** An attempt counted in advance: released when it turns out not to be a failure. */
export type Reservation = { keys: string[]; at: Date };

type Counts = { key_hash: string; failures: number; oldest: string }[];

export function createLoginThrottle(deps: { database: Database; clock: Clock; key: Buffer }) {
  const { database, clock, key } = deps;
  const keyFor = {
    email: (email: string) => `email:${lookupHash(key, email.trim().toLowerCase())}`,
    ip: (ip: string) => `ip:${lookupHash(key, ip)}`,
  };

  const countsSql = (keys: string[], since: Date) =>
    sql`select key_hash, count(*)::int as failures, min(failed_at)::text as oldest from login_failures
         where key_hash in (${sql.join(
           keys.map((k) => sql`${k}`),
           sql`, `,
         )}) and failed_at >= ${since.toISOString()}::timestamptz
         group by key_hash`;

  /** Seconds until the oldest failure of a key at the limit leaves the window, or 0. */
  function waitFor(counts: Counts, now: Date): number {
    let wait = 0;
    for (const row of counts) {
      if (row.failures >= MAX_FAILURES) {
        const freeAt = new Date(row.oldest).getTime() + WINDOW_MS;
        wait = Math.max(wait, Math.ceil((freeAt - now.getTime()) / 1000));
      }
    }
    return Math.max(wait, 0);
  }

  return {
    keyFor,

    /** Seconds until the caller may try again, or 0: a cheap early check that counts nothing. */
    async retryAfter(keys: string[]): Promise<number> {
      const now = clock.now();
      const counts = await database.system((tx) => queryRows<Counts[number]>(tx, countsSql(keys, new Date(now.getTime() - WINDOW_MS))));
      return waitFor(counts, now);
    },

    /**
     * Checks the keys and, when none is at the limit, counts one failure for each — atomically.
     * A transaction-scoped advisory lock per key (taken in a fixed order, so two attempts never
     * wait for each other crosswise) serialises attempts on the same key across every pooled
     * connection; under READ COMMITTED the count after the lock sees every failure the previous
     * holder committed. Returns the seconds to wait, or the reservation to settle.
     */
    async reserve(keys: string[]): Promise<{ wait: number } | { reservation: Reservation }> {
      const now = clock.now();
      const sorted = [...new Set(keys)].sort();
      return database.system(async (tx) => {
        for (const keyHash of sorted) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${keyHash}, 0))`);
        const counts = await queryRows<Counts[number]>(tx, countsSql(sorted, new Date(now.getTime() - WINDOW_MS)));
        const wait = waitFor(counts, now);
        if (wait > 0) return { wait };
        await tx.insert(loginFailures).values(sorted.map((keyHash) => ({ keyHash, failedAt: now })));
        // Old rows are no longer needed: keep the table small.
        await tx.execute(sql`delete from login_failures where failed_at < ${new Date(now.getTime() - 2 * WINDOW_MS).toISOString()}::timestamptz`);
        return { reservation: { keys: sorted, at: now } };
      });
    },

    /**
     * Uncounts a reserved attempt that was not a failure. Rows of one key and time are
     * indistinguishable, so removing any one of them removes this attempt's.
     */
    async release(reservation: Reservation) {
      await database.system(async (tx) => {
        for (const keyHash of reservation.keys) {
          await tx.execute(
            sql`delete from login_failures where ctid in (
                  select ctid from login_failures where key_hash = ${keyHash} and failed_at = ${reservation.at.toISOString()}::timestamptz limit 1)`,
          );
        }
      });
    },

    async clear(keys: string[]) {
      const since = new Date(clock.now().getTime() - WINDOW_MS);
      await database.system((tx) => tx.delete(loginFailures).where(and(inArray(loginFailures.keyHash, keys), gte(loginFailures.failedAt, since))));
    },
  };
}
