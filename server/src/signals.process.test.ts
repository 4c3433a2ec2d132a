import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirsOfThisFile, startServer } from './test-support/server-process.ts';

/**
 * Issue 18: SIGTERM stops the server however it was started. A container runs
 * `node scripts/start.mjs` itself, so node receives the signal; `npm start` must pass it on
 * instead of exiting and leaving the server orphaned and still serving.
 */
const dataDir = dataDirsOfThisFile();

/** An orchestrator's grace period is commonly longer; an idle server has nothing to wait for. */
const STOP_WITHIN_MS = 2_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SIGTERM', () => {
  it('stops the server started as a container starts it within 2 s, exit code 0, data directory released', async () => {
    const dir = dataDir('sigterm-node');
    const server = await startServer({ dataDir: dir });
    await server.healthy();
    expect((await fetch(`${server.url}/api/v1/health/live`)).status).toBe(200);

    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const elapsed = performance.now() - signalled;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(elapsed).toBeLessThan(STOP_WITHIN_MS);
    expect(server.output()).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(fs.existsSync(path.join(dir, 'upptack.lock'))).toBe(false);
  });

  it('npm start passes SIGTERM on: npm exits 0 only after the server has stopped, nothing left serving', async () => {
    const dir = dataDir('sigterm-npm');
    const server = await startServer({ dataDir: dir, via: 'npm' });
    await server.healthy();
    // The server's own PID, from its data-directory lock: npm's child may be a shell in between.
    const serverPid = Number(fs.readFileSync(path.join(dir, 'upptack.lock'), 'utf8'));
    expect(serverPid).not.toBe(server.child.pid);
    expect(alive(serverPid)).toBe(true);

    server.child.kill('SIGTERM');
    const exit = await server.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(alive(serverPid)).toBe(false);
    expect(server.output()).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(fs.existsSync(path.join(dir, 'upptack.lock'))).toBe(false);
    await expect(fetch(`${server.url}/api/v1/health/live`)).rejects.toThrow();
  });
});
