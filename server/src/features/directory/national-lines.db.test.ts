import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { readCsvObjects } from '../../platform/export/csv-reader.ts';
import { directoryId } from './national-lines.ts';

/** The migrated national lines agree with the bundled CSV and with its README's rules. */
describe('national support lines from stodlinjer.csv', () => {
  let database: Database;
  const rows = readCsvObjects(fs.readFileSync(new URL('../../../migrations/reference-data/stodlinjer.csv', import.meta.url), 'utf8'), { separator: ',' });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('has every row, with its number, and verified only where the source is confirmed', async () => {
    expect(rows).toHaveLength(21);
    const services = await database.system((tx) =>
      queryRows<{ id: string; verification_status: string; note: string | null; numbers: string[] }>(
        tx,
        sql`select s.id, s.verification_status, s.note, coalesce(array_agg(p.number) filter (where p.number is not null), '{}') as numbers
            from directory_services s left join directory_phones p on p.service_id = s.id group by s.id`,
      ),
    );
    for (const row of rows) {
      const service = services.find((candidate) => candidate.id === directoryId('service', row.namn ?? ''));
      expect(service, row.namn).toBeDefined();
      expect(service?.verification_status, row.namn).toBe(row.bekraftad === 'ja' ? 'verified' : 'unverified');
      expect(service?.numbers, row.namn).toEqual(row.telefon ? [row.telefon] : []);
      // What the collection flags as uncertain is the editors' note, never public text.
      expect(service?.note ?? '', row.namn).toBe(row.anmarkning ?? '');
    }
  });

  it('shows hours only where the source confirms them, never where the remark flags them', async () => {
    const withHours = await database.system((tx) => queryRows<{ id: string }>(tx, sql`select distinct service_id as id from directory_schedules`));
    const flagged = rows.filter((row) => /öppettider (ej|från|ändras)/.test(row.anmarkning ?? ''));
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of flagged) expect(withHours.map((h) => h.id)).not.toContain(directoryId('service', row.namn ?? ''));
  });
});
