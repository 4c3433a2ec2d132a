import { parentPort, workerData } from 'node:worker_threads';
import { AttachmentRejected, checkAttachment, type AttachmentProblem, type CheckedAttachment } from './attachments.ts';

/**
 * The worker thread that checks one upload (attachment-check.ts starts it): unpacking and
 * rewriting a document is CPU work that must not hold up every other request on the event loop.
 */
export type AttachmentWorkerInput = { filename: string; bytes: Uint8Array };
export type AttachmentWorkerAnswer = { checked: CheckedAttachment } | { problem: AttachmentProblem } | { failure: string };

const port = parentPort;
if (!port) throw new Error('attachment-worker.ts runs as a worker thread');
const { filename, bytes } = workerData as AttachmentWorkerInput;
try {
  const checked = await checkAttachment(filename, bytes);
  port.postMessage({ checked } satisfies AttachmentWorkerAnswer, [checked.content.buffer as ArrayBuffer]);
} catch (error) {
  port.postMessage(
    (error instanceof AttachmentRejected
      ? { problem: error.problem }
      : { failure: error instanceof Error ? error.name : 'unknown' }) satisfies AttachmentWorkerAnswer,
  );
}
