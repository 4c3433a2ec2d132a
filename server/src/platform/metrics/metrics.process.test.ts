import { describe, expect, it } from 'vitest';
import { dataDirsOfThisFile, freePort, startServer } from '../../test-support/server-process.ts';

const dataDir = dataDirsOfThisFile();

describe('metrics port of the real server (issue 18, ADR 0089)', () => {
  it('serves the metrics on METRICS_PORT with the token, not on the public port, and closes it on SIGTERM', async () => {
    const metricsPort = await freePort();
    const token = 'metrics-token-for-this-test-only';
    const server = await startServer({
      dataDir: dataDir('metrics'),
      env: { METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1', METRICS_TOKEN: token },
    });
    try {
      await server.healthy();
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      expect((await fetch(metricsUrl)).status).toBe(401);
      const scraped = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(text).toMatch(/^http_request_duration_seconds_count\{route="\/api\/v1\/health",method="GET",status_code="200"\} \d+$/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
      expect(text).toMatch(/^upptack_job_queue_depth \d+$/m);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      expect(server.output()).toContain('"msg":"metrics served"');
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
  });
});
