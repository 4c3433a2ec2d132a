import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirsOfThisFile } from '../../test-support/server-process.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { ATTEMPTS_EXHAUSTED, MAX_ATTEMPTS } from './job-runner.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'server', 'src', 'platform', 'jobs', 'crash-loop.fixture.ts');
const dataDir = dataDirsOfThisFile();

type Run = { code: number | null; signal: NodeJS.Signals | null; output: string };

/** One process on the data directory, on this Node.js with tsx (as `npm run admin` runs). */
function run(dir: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('a job that crashes its process (issue 18)', () => {
  it('counts each crash as an attempt and is dead-lettered after the last one, not retried forever', async () => {
    const dir = dataDir('job-crash-loop');
    // Each start takes the orphaned job back and runs it again, and the job kills the process.
    const crashes: Run[] = [await run(dir, 'enqueue')];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) crashes.push(await run(dir));
    for (const crash of crashes) expect(crash.signal, crash.output).toBe('SIGKILL');

    // The next start finds the job has used every attempt: dead-lettered, visible, not run again.
    const dead = await run(dir);
    expect(dead.code, dead.output).toBe(0);
    const line = (result: Run) =>
      JSON.parse(result.output.split('\n').find((text) => text.startsWith('{"job"')) ?? 'null') as { job: Record<string, unknown> } | null;
    expect(line(dead)?.job).toMatchObject({ status: 'failed', errorCode: ATTEMPTS_EXHAUSTED, attempts: MAX_ATTEMPTS });
    expect(dead.output).toContain('job dead-lettered');

    // And it stays that way: a further start neither runs nor requeues it.
    const after = await run(dir);
    expect(after.code, after.output).toBe(0);
    expect(line(after)?.job).toEqual(line(dead)?.job);
  });
});
