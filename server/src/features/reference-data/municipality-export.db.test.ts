import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '#shared/contracts/jobs.ts';
import { createUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';

describe('the municipality export (a background job)', () => {
  let app: TestApp;
  let client: ApiClient;

  beforeAll(async () => {
    app = await createTestApp();
    client = await signIn(app, await createUser(app.database));
  });
  afterAll(() => app.close());

  async function exportFile(headers: Record<string, string> = {}) {
    const started = await client.post('/api/v1/reference-data/municipality-export', {}, headers);
    expect(started.status).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    expect((await client.get(`/api/v1/jobs/${jobId}`)).json<JobStatus>().status).toBe('queued');
    await app.jobs.runUntilIdle();
    const status = (await client.get(`/api/v1/jobs/${jobId}`)).json<JobStatus>();
    const file = await client.get(`/api/v1/jobs/${jobId}/result`);
    return { status, file };
  }

  it('produces every municipality with its county, reporting progress county by county', async () => {
    const { status, file } = await exportFile();
    expect(status).toMatchObject({
      kind: 'reference-data.municipality-csv',
      status: 'succeeded',
      progressDone: 21,
      progressTotal: 21,
      result: { municipalities: 290, counties: 21 },
      resultFilename: 'kommuner-och-lan.csv',
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = file.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Kommunkod;Kommun;Länskod;Län');
    expect(lines).toHaveLength(291);
    expect(lines).toContain('2080;Falun;20;Dalarnas län');
    expect(lines).toContain('0180;Stockholm;01;Stockholms län');
  });

  it('writes the file in the language the export was started in', async () => {
    const { status, file } = await exportFile({ 'x-locale': 'en' });
    expect(status.resultFilename).toBe('municipalities-and-counties.csv');
    expect(file.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Municipality code;Municipality;County code;County');
  });

  it('is only for signed-in users', async () => {
    expect((await anonymous(app).post('/api/v1/reference-data/municipality-export', {})).status).toBe(401);
  });
});
