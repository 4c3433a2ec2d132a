import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, type ImportPreview } from '#shared/contracts/directory.ts';
import { queryRows } from '../../platform/db/database.ts';
import { seedDemoData } from '../../platform/demo/demo-seed.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { testConfig } from '../../config.ts';
import { FEATURES } from '../index.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { DEMO_PROTECTED_ADDRESS, demoServiceId } from './demo-data.ts';
import { createJobRunner } from '../../platform/jobs/job-runner.ts';
import { IMPORT_STAGE_JOB, importStageJob } from './directory-import.ts';

const header = CSV_COLUMNS.join(',');
function csvRow(values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  return CSV_COLUMNS.map((column) => {
    const value = values[column] ?? '';
    return /[",;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(',');
}
const good = (name: string, extra: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) =>
  csvRow({
    organization_name: 'Importerad förening',
    name,
    audiences: 'women_exposed',
    kinds: 'counselling',
    municipalities: '2080',
    phones: '023-000 09 00',
    ...extra,
  });

describe('directory import and export', () => {
  let app: TestApp;
  let client: ApiClient;

  beforeAll(async () => {
    app = await createTestApp();
    const config = testConfig();
    await seedDemoData(app.database, FEATURES, { config, clock: app.clock, cipher: createFieldCipher(config.encryptionKey) });
    const editor = await createUser(app.database, { roles: ['directory_editor'], unit: await createUnit(app.database, { organisation: 'LST-20' }) });
    client = await signIn(app, editor);
  });
  afterAll(() => app.close());

  async function stage(format: 'csv' | 'hsds_json', content: string): Promise<ImportPreview> {
    const started = await client.post('/api/v1/directory/imports', { format, content, filename: `test.${format === 'csv' ? 'csv' : 'json'}` });
    expect(started.status).toBe(202);
    const { importId, jobId } = started.json<{ importId: string; jobId: string }>();
    await app.jobs.runUntilIdle();
    expect((await client.get(`/api/v1/jobs/${jobId}`)).json<{ status: string }>().status).toBe('succeeded');
    return (await client.get(`/api/v1/directory/imports/${importId}`)).json<ImportPreview>();
  }

  const serviceCount = async () =>
    Number((await app.database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from directory_services`)))[0]?.n);

  it('previews a file line by line and applies it all at once', async () => {
    const before = await serviceCount();
    const preview = await stage('csv', [header, good('Stödmottagning A'), good('Stödmottagning B', { schedules: 'MO 08:00-16:00;TU 08:00-16:00' })].join('\n'));
    expect(preview.status).toBe('previewed');
    expect(preview.totals).toMatchObject({ rows: 2, create: 2, reject: 0 });
    expect(preview.lines.map((line) => [line.line, line.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
    ]);
    expect(await serviceCount()).toBe(before);
    const applied = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, { verify: true });
    expect(applied.status).toBe(200);
    expect(applied.json()).toMatchObject({ created: 2, updated: 0 });
    expect(await serviceCount()).toBe(before + 2);
    const found = (await anonymous(app).get('/api/v1/directory/services?municipality=2080&q=stödmottagning')).json<{ services: Array<{ name: string }> }>();
    expect(found.services.map((service) => service.name).sort()).toEqual(['Stödmottagning A', 'Stödmottagning B']);
    const again = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, {});
    expect(again.status).toBe(409);
  });

  it('lists every problem by line and changes nothing, unless only the valid rows are chosen', async () => {
    const before = await serviceCount();
    const preview = await stage(
      'csv',
      [
        header,
        good('Giltig rad'),
        good('Fel telefon', { phones: '555-ABC' }),
        good('Okänd målgrupp', { audiences: 'martians' }),
        good('Skyddad utan kontaktväg', { phones: '', address: 'Hemliga vägen 1', confidential_location: 'ja' }),
        good('Utanför länet', { municipalities: '1480' }),
        csvRow({
          id: demoServiceId('falun-socialtjanst'),
          organization_name: 'Falu kommun (demo)',
          name: 'Dubblett 1',
          audiences: 'everyone',
          kinds: 'social_services',
          municipalities: '2080',
          phones: '023-000 01 00',
        }),
        csvRow({
          id: demoServiceId('falun-socialtjanst'),
          organization_name: 'Falu kommun (demo)',
          name: 'Dubblett 2',
          audiences: 'everyone',
          kinds: 'social_services',
          municipalities: '2080',
          phones: '023-000 01 00',
        }),
      ].join('\n'),
    );
    const byLine = new Map(preview.lines.map((line) => [line.line, line]));
    expect(byLine.get(2)?.action).toBe('create');
    expect(byLine.get(3)?.problems.map((problem) => problem.field)).toEqual(['phones.0.number']);
    expect(byLine.get(4)?.problems[0]).toMatchObject({ field: 'audiences', code: 'unknown_code' });
    expect(byLine.get(4)?.problems[0]?.message).toContain('perpetrators');
    expect(byLine.get(5)?.problems.map((problem) => problem.code)).toContain('directory_confidential_needs_contact');
    expect(byLine.get(6)?.problems[0]?.code).toBe('outside_area');
    expect(byLine.get(7)?.action).toBe('update');
    expect(byLine.get(8)?.problems[0]?.code).toBe('duplicate_id');
    expect(preview.totals).toMatchObject({ rows: 7, create: 1, update: 1, reject: 5 });

    const refused = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, {});
    expect(refused.status).toBe(422);
    expect(await serviceCount()).toBe(before);

    const partial = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, { onlyValidRows: true });
    expect(partial.json()).toMatchObject({ created: 1, updated: 1 });
    expect(await serviceCount()).toBe(before + 1);
  });

  it('exports text that starts like a formula inert, and imports the export back unchanged', async () => {
    const text = { description: '=HYPERLINK("http://example.org") är text', eligibility: '+ vuxna och unga' };
    const preview = await stage('csv', [header, good('Formelrad', text)].join('\n'));
    expect((await client.post(`/api/v1/directory/imports/${preview.id}/apply`, { verify: true })).status).toBe(200);
    const exported = (await anonymous(app).get('/api/v1/public/directory/export.csv')).body;
    expect(exported).toContain(`"'=HYPERLINK(""http://example.org"") är text"`);
    expect(exported).toContain("'+ vuxna och unga");
    const again = await stage('csv', exported);
    expect(again.lines.find((line) => line.name === 'Formelrad')).toMatchObject({ action: 'unchanged', problems: [] });
    // The export never carries the shelter's protected address; re-importing it must not erase it
    // (the CSV drops phone descriptions, so the line is an update: what it would write keeps the address).
    const [staged] = await app.database.system((tx) =>
      queryRows<{ record: { locations: Array<{ address: string | null; confidential: boolean }> } }>(
        tx,
        sql`select record from directory_import_rows where import_id = ${again.id} and service_id = ${demoServiceId('falun-kvinnojour')}`,
      ),
    );
    expect(staged?.record.locations).toEqual([expect.objectContaining({ address: DEMO_PROTECTED_ADDRESS, confidential: true })]);
  });

  it('refuses a file in another encoding or without the required columns, naming the problem', async () => {
    // What the WHATWG decoder makes of "Malmö" saved as Latin-1.
    const latin1 = new TextDecoder('utf-8').decode(Buffer.from(`${header}\n${good('Malmö')}`, 'latin1'));
    const wrongEncoding = await stage('csv', latin1);
    expect(wrongEncoding.fileProblems[0]?.code).toBe('encoding');
    expect(wrongEncoding.totals.rows).toBe(0);
    const missing = await stage('csv', 'name,phones\nX,112');
    expect(missing.fileProblems.map((problem) => problem.field)).toEqual(['organization_name', 'audiences', 'kinds']);
    expect(missing.totals.rows).toBe(0);
    const broken = await stage('hsds_json', '{"services": [');
    expect(broken.fileProblems[0]?.code).toBe('json');
  });

  it('completes a staging interrupted half-way when the job is retried, without duplicates (issue 18)', async () => {
    const rows = Array.from({ length: 600 }, (_, index) => good(`Återupptagen ${index}`));
    const started = await client.post('/api/v1/directory/imports', { format: 'csv', content: [header, ...rows].join('\n'), filename: 'stor.csv' });
    const { importId, jobId } = started.json<{ importId: string; jobId: string }>();
    const staged = async () =>
      Number(
        (
          await app.database.system((tx) =>
            queryRows<{ n: number }>(tx, sql`select count(*)::int as n from directory_import_rows where import_id = ${importId}`),
          )
        )[0]?.n,
      );
    // The first run is cut off after its first chunk (a lost connection, a crash, a shutdown).
    const stageJob = importStageJob(app.database);
    let interrupted = false;
    const runner = createJobRunner({
      database: app.database,
      clock: app.clock,
      logger: app.server.log,
      handlers: {
        [IMPORT_STAGE_JOB]: (job, context) =>
          stageJob(job, {
            ...context,
            reportProgress: async (done, total) => {
              await context.reportProgress(done, total);
              if (done > 0 && !interrupted) {
                interrupted = true;
                throw new Error('connection lost');
              }
            },
          }),
      },
    });
    await runner.runUntilIdle();
    expect(interrupted).toBe(true);
    expect((await client.get(`/api/v1/jobs/${jobId}`)).json<{ status: string }>().status).toBe('queued');
    const afterFirst = await staged();
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThan(600);
    // The retry resumes where the first run stopped and completes.
    app.clock.advance(60_000);
    await runner.runUntilIdle();
    expect((await client.get(`/api/v1/jobs/${jobId}`)).json<{ status: string; result: unknown }>()).toMatchObject({
      status: 'succeeded',
      result: { importId, rows: 600, valid: 600, rejected: 0 },
    });
    expect(await staged()).toBe(600);
    const preview = (await client.get(`/api/v1/directory/imports/${importId}`)).json<ImportPreview>();
    expect(preview).toMatchObject({ status: 'previewed', totals: { rows: 600, create: 600, reject: 0 } });
  });

  it('rolls back the whole apply when one row fails at write time', async () => {
    const before = await serviceCount();
    const preview = await stage('csv', [header, good('Rad ett'), good('Rad två')].join('\n'));
    // Another editor changes nothing here, but the staged record is made invalid for the database.
    await app.database.system((tx) =>
      tx.execute(sql`update directory_import_rows set record = jsonb_set(record, '{kinds}', '[]'::jsonb) where import_id = ${preview.id} and line = 3`),
    );
    const applied = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, {});
    expect(applied.status).toBe(500);
    expect(await serviceCount()).toBe(before);
  });

  it('exports the public directory as HSDS JSON that imports again, without protected data', async () => {
    const exported = await anonymous(app).get('/api/v1/public/directory/export.json');
    expect(exported.status).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    const document = exported.json<{
      profile: string;
      hsds_version: string;
      services: Array<{ id: string; name: string; attributes: Array<{ taxonomy_term: { code: string } }> }>;
    }>();
    expect(document).toMatchObject({ profile: 'urn:upptack:hsds-profile:se:1.0', hsds_version: '3.0' });
    expect(exported.body).not.toContain(DEMO_PROTECTED_ADDRESS);
    const shelter = document.services.find((service) => service.id === demoServiceId('falun-kvinnojour'));
    expect(shelter?.attributes.map((attribute) => attribute.taxonomy_term.code)).toContain('confidential_location');
    expect(document.services.some((service) => service.name === 'Stödlinjen för män')).toBe(false);
    const ours = document.services.filter((service) => service.id === demoServiceId('falun-valdsutovare'));
    const preview = await stage('hsds_json', JSON.stringify({ services: ours }));
    expect(preview.lines).toEqual([expect.objectContaining({ line: 1, action: 'unchanged', problems: [] })]);
    const csv = await anonymous(app).get('/api/v1/public/directory/export.csv');
    expect(csv.body.split('\r\n')[0]).toBe(`\uFEFF${header}`);
    expect(csv.body).not.toContain(DEMO_PROTECTED_ADDRESS);
  });
});
