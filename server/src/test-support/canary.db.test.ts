import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../platform/feature.ts';
import { jobs } from '../platform/jobs/schema.ts';
import { defineRoute } from '../platform/http/route.ts';
import { CONTROL_CANARY, PROTECTED_CANARY } from './canary.ts';
import { anonymous, createTestApp } from './test-app.ts';

/** A deliberately careless feature: it answers, logs or exports whatever it is given. */
const leakyFeature: Feature = {
  name: 'leaky',
  routes: () => [
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/leak/:value',
      summary: 'Echoes a value (test only)',
      tags: ['Test'],
      access: { kind: 'public' },
      params: z.object({ value: z.string() }),
      responses: { 200: { description: 'Echo', schema: z.object({ value: z.string() }) } },
      async handler({ params }) {
        return { value: params.value };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/log/:value',
      summary: 'Logs a value (test only)',
      tags: ['Test'],
      access: { kind: 'public' },
      params: z.object({ value: z.string() }),
      responses: { 204: { description: 'Logged' } },
      async handler({ params, request }) {
        request.log.info({ value: params.value }, 'careless log line');
        return undefined;
      },
    }),
  ],
};

describe('the protected-identity canary scan that runs when every test app closes', () => {
  it('finds the canary in a response and fails the closing app', async () => {
    const app = await createTestApp({ extraFeatures: [leakyFeature] });
    expect((await anonymous(app).get(`/api/v1/public/leak/${PROTECTED_CANARY}`)).status).toBe(200);
    await expect(app.close()).rejects.toThrow(/canary leaked.*GET \/api\/v1\/public\/leak\/:value/s);
  });

  it('finds the canary in a log line', async () => {
    const app = await createTestApp({ extraFeatures: [leakyFeature] });
    expect((await anonymous(app).get(`/api/v1/public/log/${PROTECTED_CANARY}`)).status).toBe(204);
    await expect(app.close()).rejects.toThrow(/canary leaked.*log line/s);
  });

  it('finds the canary in an export file a job produced', async () => {
    const app = await createTestApp();
    await app.database.system((tx) =>
      tx
        .insert(jobs)
        .values({ kind: 'test.export', status: 'succeeded', resultFile: Buffer.from(`id,address\n1,${PROTECTED_CANARY}\n`), resultFilename: 'x.csv' }),
    );
    await expect(app.close()).rejects.toThrow(/canary leaked.*export of job test\.export/s);
  });

  it('sees the control value where ordinary records are shown, so a clean scan means something', async () => {
    const app = await createTestApp({ extraFeatures: [leakyFeature] });
    await anonymous(app).get(`/api/v1/public/leak/${CONTROL_CANARY}`);
    expect(await app.capture.find(CONTROL_CANARY, app.database)).toEqual(['response GET /api/v1/public/leak/:value (200)']);
    await app.close();
  });

  it('accepts the canary where a test allows it with a reason', async () => {
    const app = await createTestApp({
      extraFeatures: [leakyFeature],
      canaryAllowed: [{ route: 'GET /api/v1/public/leak/:value', reason: 'this test echoes on purpose' }],
    });
    await anonymous(app).get(`/api/v1/public/leak/${PROTECTED_CANARY}`);
    await expect(app.close()).resolves.toBeUndefined();
  });
});
