import { z } from 'zod';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { buildOpenApiDocument } from '../../platform/http/openapi.ts';
import type { FeatureContext } from '../feature.ts';
import packageJson from '../../../../package.json' with { type: 'json' };

const databaseKind = z.enum(['embedded', 'postgresql']);
const healthResponse = z.object({ status: z.literal('ok'), database: databaseKind });
const unhealthyResponse = z.object({ status: z.literal('unavailable'), database: databaseKind });

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
        try {
          await context.database.ping();
        } catch {
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
