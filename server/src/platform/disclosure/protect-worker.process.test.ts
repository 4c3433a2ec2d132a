import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../paths.ts';
import { DEFAULT_DISCLOSURE } from './disclosure-control.ts';
import type { ProtectWorkerAnswer, ProtectWorkerInput } from './protect-worker.ts';

/**
 * The server bundle starts the disclosure worker by file, beside main.mjs: the entry must be
 * built (scripts/build-server.mjs) and run as plain JavaScript, without tsx.
 */
describe('the bundled disclosure worker', () => {
  it('is built beside the server bundle and protects a table on its own', async () => {
    const input: ProtectWorkerInput = {
      tables: { cells: [{ value: 10 }, { value: 2 }, { value: 8 }], relations: [{ total: 0, parts: [1, 2] }] },
      settings: DEFAULT_DISCLOSURE,
      options: {},
    };
    const worker = new Worker(path.join(PROJECT_ROOT, '.cache', 'server', 'protect-worker.mjs'), { workerData: input });
    const answer = await new Promise<ProtectWorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer).toEqual({ protected: { suppressed: [null, 'primary', 'complementary'], display: 'below' } });
  });
});
