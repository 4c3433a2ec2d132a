import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { loadMigrations, pendingMigrations } from '../../platform/db/migrator.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { buildOpenApiDocument } from '../../platform/http/openapi.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import packageJson from '../../../../package.json' with { type: 'json' };

const databaseKind = z.enum(['embedded', 'postgresql']);
/** What readiness checks, in this order; the first that fails is named. */
const readinessCheck = z.enum(['database', 'migrations', 'data_directory']);
type ReadinessCheck = z.infer<typeof readinessCheck>;
const healthResponse = z.object({ status: z.literal('ok'), database: databaseKind });
const unhealthyResponse = z.object({ status: z.literal('unavailable'), database: databaseKind, failedCheck: readinessCheck });
const aliveResponse = z.object({ status: z.literal('ok') });

/**
 * A database that hangs does not answer either: after this long the health check says 503 rather
 * than leaving the monitor to time out (load balancers commonly wait about 5 s).
 */
export const HEALTH_TIMEOUT_MS = 3_000;

/**
 * One PostgreSQL page: a disk with room for less cannot take a single write of the database, even
 * when a byte still fits.
 */
const PROBE_BYTES = Buffer.alloc(8192);

/** Whether a file can be written to the disk, flushed and removed in `dir`. */
async function writable(dir: string): Promise<boolean> {
  const probe = path.join(dir, `.health-probe-${crypto.randomUUID()}`);
  try {
    const handle = await fs.promises.open(probe, 'w');
    try {
      await handle.write(PROBE_BYTES);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch {
    return false;
  } finally {
    await fs.promises.rm(probe, { force: true }).catch(() => {});
  }
}

/**
 * The first readiness check that fails, or undefined when ready: the database answers, has every
 * migration this code knows, and (embedded) its data directory takes writes. A check that does
 * not finish within the time limit is the one named.
 */
async function failedReadinessCheck(database: Database, migrationIds: () => string[]): Promise<ReadinessCheck | undefined> {
  let current: ReadinessCheck = 'database';
  const checks = async (): Promise<ReadinessCheck | undefined> => {
    let pending: string[];
    try {
      await database.ping();
      pending = await pendingMigrations(database, migrationIds());
    } catch {
      return 'database';
    }
    current = 'migrations';
    if (pending.length > 0) return 'migrations';
    if (database.dataDir) {
      current = 'data_directory';
      if (!(await writable(database.dataDir))) return 'data_directory';
    }
    return undefined;
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessCheck>((resolve) => {
    timer = setTimeout(() => resolve(current), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([checks(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function operationsRoutes(context: FeatureContext): Route[] {
  let openApi: Record<string, unknown> | undefined;
  let migrationIds: string[] | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/health',
      summary: 'Readiness: 200 when the database answers, has every migration and (embedded) its data directory takes writes; 503 naming the check that failed',
      tags: ['Drift'],
      access: { kind: 'public' },
      responses: {
        200: { description: 'Ready to serve requests', schema: healthResponse },
        503: { description: 'Not ready: `failedCheck` names why', schema: unhealthyResponse },
      },
      async handler({ reply }) {
        const failedCheck = await failedReadinessCheck(context.database, () => (migrationIds ??= loadMigrations().map((migration) => migration.id)));
        if (failedCheck) {
          // Load balancers and monitors read the status code; the body says which check failed.
          reply.code(503);
          return { status: 'unavailable' as const, database: context.database.kind, failedCheck };
        }
        return { status: 'ok' as const, database: context.database.kind };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/health/live',
      summary: 'Liveness: 200 while the process serves HTTP; never reads the database, so a database fault does not get the process restarted',
      tags: ['Drift'],
      access: { kind: 'public' },
      responses: { 200: { description: 'The process is alive', schema: aliveResponse } },
      async handler() {
        return { status: 'ok' as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/openapi.json',
      summary: 'This API described as OpenAPI 3.1, generated from the route schemas',
      tags: ['Drift'],
      access: { kind: 'public' },
      responses: { 200: { description: 'OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
      async handler() {
        openApi ??= buildOpenApiDocument(context.allRoutes(), { version: packageJson.version });
        return openApi;
      },
    }),
  ];
}
