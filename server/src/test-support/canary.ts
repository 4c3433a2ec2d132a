import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/database.ts';

/**
 * The protected-identity canary. The values are plain ASCII so they read the same in JSON, CSV,
 * log lines and `encode(…, 'escape')` of binary export files.
 *
 * The canary (issue 3, ADR 0010). Test data put `PROTECTED_CANARY` in the
 * location fields of records that concern a person with protected identity, and
 * `CONTROL_CANARY` in the same fields of ordinary records. Every test app records every response
 * body it sends, every log line it writes and every export file its jobs produce; when the app
 * closes, the canary must appear nowhere (except where a test allows it with a reason). The
 * control value shows the capture works: it must be findable where ordinary records are shown.
 */
export const PROTECTED_CANARY = 'KANARIE-7Q3XZ-SKYDDAD';
export const CONTROL_CANARY = 'KONTROLL-4M8WD-VANLIG';

export type CanaryAllowance = { route: string; reason: string };
export type CapturedResponse = { route: string; status: number; body: string };

export type CanaryCapture = {
  responses: CapturedResponse[];
  logLines: string[];
  logStream: { write(line: string): void };
  attach(server: FastifyInstance): void;
  /** Finds the value in what the app produced; export files are read from the jobs table. */
  find(value: string, database: Database): Promise<string[]>;
};

function bodyText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return '';
}

export function createCanaryCapture(): CanaryCapture {
  const responses: CapturedResponse[] = [];
  const logLines: string[] = [];
  return {
    responses,
    logLines,
    logStream: { write: (line) => void logLines.push(line) },
    attach(server) {
      server.addHook('onSend', async (request, reply, payload) => {
        responses.push({ route: `${request.method} ${request.routeOptions.url ?? request.url}`, status: reply.statusCode, body: bodyText(payload) });
        return payload;
      });
    },
    async find(value, database) {
      const places: string[] = [];
      for (const response of responses) if (response.body.includes(value)) places.push(`response ${response.route} (${response.status})`);
      for (const line of logLines) if (line.includes(value)) places.push(`log line ${line.slice(0, 120)}`);
      // A test that hands the app a deliberately broken database has produced no export file.
      const files = await database
        .system((tx) =>
          queryRows<{ kind: string; content: string | null; result: string | null }>(
            tx,
            sql`select kind, encode(result_file, 'escape') as content, result::text as result from jobs where result_file is not null or result is not null`,
          ),
        )
        .catch(async (error: unknown) => {
          if (
            await database.ping().then(
              () => true,
              () => false,
            )
          )
            throw error;
          return [];
        });
      for (const file of files) {
        if (file.content?.includes(value) || file.result?.includes(value)) places.push(`export of job ${file.kind}`);
      }
      return places;
    },
  };
}

/** Fails when the protected canary shows up anywhere not allowed (called when a test app closes). */
export async function assertNoCanaryLeak(capture: CanaryCapture, database: Database, allowed: CanaryAllowance[]): Promise<void> {
  const places = (await capture.find(PROTECTED_CANARY, database)).filter(
    (place) => !allowed.some((allowance) => place.startsWith(`response ${allowance.route} `)),
  );
  if (places.length > 0) {
    throw new Error(`Protected-identity canary leaked (ADR 0010):\n${places.map((place) => `  - ${place}`).join('\n')}`);
  }
}
