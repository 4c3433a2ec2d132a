import { z } from 'zod';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { buildOpenApiDocument } from '../../platform/http/openapi.ts';
import type { FeatureContext } from '../feature.ts';
import packageJson from '../../../../package.json' with { type: 'json' };

const databaseKind = z.enum(['embedded', 'postgresql']);
const healthResponse = z.object({ status: z.literal('ok'), database: databaseKind });
const unhealthyResponse = z.object({ status: z.literal('unavailable'), database: databaseKind });

/**
 * A database that hangs does not answer either: after this long the health check says 503 rather
 * than leaving the monitor to time out (load balancers commonly wait about 5 s).
 */
export const HEALTH_TIMEOUT_MS = 3_000;

async function answersWithin(ping: () => Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function operationsRoutes(context: FeatureContext): Route[] {
  let openApi: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/health',
      summary: 'Health: 200 when start-up is complete and the database answers, 503 otherwise',
      tags: ['Drift'],
      access: { kind: 'public' },
      responses: {
        200: { description: 'Healthy', schema: healthResponse },
        503: { description: 'The database does not answer', schema: unhealthyResponse },
      },
      async handler({ reply }) {
        if (!(await answersWithin(() => context.database.ping(), HEALTH_TIMEOUT_MS))) {
          // Load balancers and monitors read the status code; the body says which database.
          reply.code(503);
          return { status: 'unavailable' as const, database: context.database.kind };
        }
        return { status: 'ok' as const, database: context.database.kind };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/openapi.json',
      summary: 'This API described as OpenAPI 3.1, generated from the route schemas',
      tags: ['Drift'],
      access: { kind: 'public' },
      responses: { 200: { description: 'OpenAPI document' } },
      async handler() {
        openApi ??= buildOpenApiDocument(context.allRoutes(), { version: packageJson.version });
        return openApi;
      },
    }),
  ];
}
