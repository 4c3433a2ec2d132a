import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { describe, expect, it } from 'vitest';
import { DRIZZLE_PARSERS } from './embedded.ts';

describe('the parsers the embedded database takes from drizzle once (ADR 0018)', () => {
  it('are the ones drizzle hands PGlite with each query, so dropping them per query changes no result', async () => {
    const handed: Array<Record<string, (value: string, type: number) => unknown>> = [];
    const probe = {
      async query(_text: string, _params: unknown[], options?: { parsers?: Record<string, (value: string, type: number) => unknown> }) {
        if (options?.parsers) handed.push(options.parsers);
        return { rows: [], fields: [], affectedRows: 0 };
      },
    };
    await drizzle(probe as unknown as PGlite).execute(sql`select 1`);
    expect(handed).toHaveLength(1);
    expect(Object.keys(DRIZZLE_PARSERS).sort()).toEqual(Object.keys(handed[0]!).sort());
    for (const [oid, parse] of Object.entries(handed[0]!)) {
      expect(DRIZZLE_PARSERS[oid]!('2026-11-22 04:00:00+00')).toBe(parse('2026-11-22 04:00:00+00', Number(oid)));
    }
  });
});
