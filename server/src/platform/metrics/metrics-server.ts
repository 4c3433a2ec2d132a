import crypto from 'node:crypto';
import http from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { safeError } from '../logging/logger.ts';
import type { Metrics } from './metrics.ts';

/**
 * The metrics on their own port (METRICS_PORT, off by default; ADR 0089): not on the public port,
 * so a reverse proxy never exposes them by accident and the public API's rules (sessions, CSRF,
 * rate limits) do not apply. `GET /metrics` only. With METRICS_TOKEN set, a scrape must send
 * `Authorization: Bearer <token>`.
 */
export type MetricsServer = { port: number; close(): Promise<void> };

export async function startMetricsServer(options: {
  metrics: Metrics;
  port: number;
  host: string;
  token: string | undefined;
  logger: FastifyBaseLogger;
}): Promise<MetricsServer> {
  const expected = options.token ? crypto.createHash('sha256').update(`Bearer ${options.token}`).digest() : undefined;
  const authorised = (header: string | undefined) =>
    !expected || (header !== undefined && crypto.timingSafeEqual(crypto.createHash('sha256').update(header).digest(), expected));
  const server = http.createServer((request, response) => {
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(body);
    };
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return send(404, 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed\n');
    if (!authorised(request.headers.authorization)) {
      response.setHeader('www-authenticate', 'Bearer');
      return send(401, 'unauthorised\n');
    }
    options.metrics.render().then(
      (text) => send(200, text, options.metrics.contentType),
      (error: unknown) => {
        options.logger.error({ error: safeError(error) }, 'metrics: scrape failed');
        send(500, 'scrape failed\n');
      },
    );
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
