import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { MIGRATIONS_DIR } from '../../platform/db/migrator.ts';
import { anonymous, createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { AGENCY_CODES, organisationId } from '../../platform/organisations/organisation-id.ts';
import { readCsvObjects } from '../../platform/export/csv-reader.ts';

const csv = (file: string) => readCsvObjects(fs.readFileSync(path.join(MIGRATIONS_DIR, 'reference-data', file), 'utf8'), { separator: ',' });

/** The seeded reference data equals the files it was generated from (their README gives the source). */
describe('reference data', () => {
  let app: TestApp;
  let served: { counties: Array<{ code: string; name: string }>; municipalities: Array<{ code: string; name: string; countyCode: string }> };

  beforeAll(async () => {
    app = await createTestApp();
    served = (await anonymous(app).get('/api/v1/public/reference-data')).json();
  });
  afterAll(() => app.close());

  it('holds the 21 counties and 290 municipalities of the source files, code for code', () => {
    const counties = csv('lan.csv').map((row) => ({ code: row.lanskod, name: row.lan }));
    const municipalities = csv('kommuner.csv').map((row) => ({ code: row.kommunkod, name: row.kommun, countyCode: row.lanskod }));
    expect(counties).toHaveLength(21);
    expect(municipalities).toHaveLength(290);
    expect(served.counties).toEqual(counties.sort((a, b) => a.code!.localeCompare(b.code!)));
    expect([...served.municipalities].sort((a, b) => a.code.localeCompare(b.code))).toEqual(municipalities.sort((a, b) => a.code!.localeCompare(b.code!)));
  });

  it('lists municipalities in Swedish alphabetical order (Å, Ä, Ö last)', () => {
    const names = served.municipalities.map((m) => m.name);
    const positions = ['Ystad', 'Åmål', 'Älmhult', 'Örebro'].map((name) => names.indexOf(name));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.at(-1)).toBeGreaterThan(280);
  });

  it('gives every municipality a county that its code begins with', () => {
    for (const municipality of served.municipalities) expect(municipality.code.slice(0, 2), municipality.name).toBe(municipality.countyCode);
  });

  it('lists the five agencies, 21 county boards and 290 municipalities as organisations with stable ids', async () => {
    const rows = await app.database.system((tx) =>
      queryRows<{ kind: string; n: number }>(tx, sql`select kind, count(*)::int as n from organisations where not demo group by kind order by kind`),
    );
    expect(rows).toEqual([
      { kind: 'agency', n: 5 },
      { kind: 'county_board', n: 21 },
      { kind: 'municipality', n: 290 },
    ]);
    const agencies = await app.database.system((tx) =>
      queryRows<{ id: string; code: string }>(tx, sql`select id, code from organisations where kind = 'agency' order by code`),
    );
    expect(agencies).toEqual([...AGENCY_CODES].sort().map((code) => ({ id: organisationId(code), code })));
  });
});
