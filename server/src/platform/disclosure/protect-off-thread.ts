import { Worker } from 'node:worker_threads';
import { protectLinked, type DisclosureSettings } from './disclosure-control.ts';
import type { ProtectWorkerAnswer, ProtectWorkerInput } from './protect-worker.ts';
import type { LinkedTables } from './suppression.ts';

/**
 * `protectLinked` in a worker thread, for the sets large enough that solving them would stall the
 * event loop (a survey round's every breakdown: seconds). Small sets are solved in place: starting
 * a worker and loading the solver there costs more than they take.
 */
export const OFF_THREAD_FROM_CELLS = 200;

// From source (tests, `npm run dev`) the worker is TypeScript and needs tsx; in the server bundle
// it is the `protect-worker.mjs` entry that scripts/build-server.mjs writes beside main.mjs.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(fromSource ? './protect-worker.ts' : './protect-worker.mjs', import.meta.url);

export function protectLinkedOffThread(
  tables: LinkedTables,
  settings: DisclosureSettings,
  options: { mode?: 'heuristic' | 'optimal'; forced?: number[]; timeLimit?: number } = {},
  offThreadFromCells = OFF_THREAD_FROM_CELLS,
): ReturnType<typeof protectLinked> {
  if (tables.cells.length < offThreadFromCells) return protectLinked(tables, settings, options);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { tables, settings, options } satisfies ProtectWorkerInput,
      ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.once('message', (answer: ProtectWorkerAnswer) =>
      settle(() => ('protected' in answer ? resolve(answer.protected) : reject(new Error(`disclosure control failed in its worker: ${answer.failure}`)))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`disclosure control worker ended with exit code ${code}`))));
  });
}
