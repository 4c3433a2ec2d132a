import { parentPort, workerData } from 'node:worker_threads';
import { protectLinked, type DisclosureSettings } from './disclosure-control.ts';
import type { LinkedTables } from './suppression.ts';

/**
 * The worker thread that protects one large set of linked tables (protect-off-thread.ts starts
 * it): the solver is synchronous WebAssembly and may run for seconds, which on the main thread
 * would hold up every other request.
 */
export type ProtectWorkerInput = {
  tables: LinkedTables;
  settings: DisclosureSettings;
  options: { mode?: 'heuristic' | 'optimal'; forced?: number[]; timeLimit?: number };
};
export type ProtectWorkerAnswer = { protected: Awaited<ReturnType<typeof protectLinked>> } | { failure: string };

const port = parentPort;
if (!port) throw new Error('protect-worker.ts runs as a worker thread');
const { tables, settings, options } = workerData as ProtectWorkerInput;
try {
  port.postMessage({ protected: await protectLinked(tables, settings, options) } satisfies ProtectWorkerAnswer);
} catch (error) {
  port.postMessage({ failure: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' } satisfies ProtectWorkerAnswer);
}
