import { Worker } from 'node:worker_threads';
import type { AttachmentWorkerAnswer, AttachmentWorkerInput } from './attachment-worker.ts';
import { AttachmentRejected, type CheckedAttachment } from './attachments.ts';

/**
 * Runs `checkAttachment` in a worker thread with a time limit, so a hostile file costs one thread
 * at most this long and the event loop keeps answering everyone else (issue 16 item 6). A check
 * that runs out of time or memory is refused like any other file the platform cannot check.
 */
export const ATTACHMENT_CHECK_TIME_LIMIT_MS = 20_000;

// From source (tests, `npm run dev`) the worker is TypeScript and needs tsx; in the server bundle
// it is the `attachment-worker.mjs` entry that scripts/build-server.mjs writes beside main.mjs.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(fromSource ? './attachment-worker.ts' : './attachment-worker.mjs', import.meta.url);

export function checkAttachmentOffThread(filename: string, bytes: Uint8Array, timeLimitMs = ATTACHMENT_CHECK_TIME_LIMIT_MS): Promise<CheckedAttachment> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { filename, bytes } satisfies AttachmentWorkerInput,
      ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
      // The zip reader's own limits come first; this bounds what a PDF parser might build.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new AttachmentRejected('too_slow'))), timeLimitMs);
    worker.once('message', (answer: AttachmentWorkerAnswer) =>
      settle(() => {
        if ('checked' in answer) resolve(answer.checked);
        else if ('problem' in answer) reject(new AttachmentRejected(answer.problem));
        else reject(new Error(`attachment check failed: ${answer.failure}`));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new AttachmentRejected('expands_too_much') : error)),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`attachment check ended with exit code ${code}`))));
  });
}
