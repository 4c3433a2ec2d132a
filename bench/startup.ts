import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { freePort } from '../server/src/test-support/server-process.ts';
import { PROJECT_ROOT } from '../server/src/platform/paths.ts';
import { EXTENSIONS } from '../server/src/platform/db/embedded.ts';

/**
 * Time from spawning the start command to the first 200 from /api/v1/health, measured as the
 * README starts the platform: `npm start` (and, to show npm's own share, the command npm runs).
 */
export type StartupFigures = { label: string; runs: number[] };

async function timeToHealthy(command: string[], dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete environment.DATABASE_URL;
  const child = spawn(command[0]!, command.slice(1), { cwd: PROJECT_ROOT, env: environment, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`the server exited: ${stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (response.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet: poll again soon, the figure is only as fine as this interval.
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    // npm starts the server as its child: signal the whole process group.
    if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => (exited ? resolve(undefined) : child.once('exit', resolve)));
  }
}

/** Adds `rows` job rows with a 1 kB payload each, so "filled" means more than the demo data. */
async function fill(dataDir: string, rows: number): Promise<void> {
  const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: EXTENSIONS });
  const payload = JSON.stringify({ text: 'x'.repeat(1000) });
  for (let done = 0; done < rows; done += 1000) {
    const count = Math.min(1000, rows - done);
    await pglite.query(`insert into jobs (kind, status, payload) select 'bench.fill', 'succeeded', $1::jsonb from generate_series(1, ${count})`, [payload]);
  }
  await pglite.query('checkpoint');
  await pglite.close();
}

export async function benchStartup(options: { runs: number; fillRows: number; log: (line: string) => void }): Promise<StartupFigures[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-startup-'));
  const npmStart = ['npm', 'start', '--silent'];
  const direct = [path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node'), 'scripts/start.mjs'];
  try {
    // One start outside the figures: the bundle is built if a source changed since `npm ci`.
    await timeToHealthy(direct, path.join(root, 'warm-up'));
    const figures: StartupFigures[] = [];
    const measure = async (label: string, command: string[], dataDir: (run: number) => string) => {
      const runs: number[] = [];
      for (let run = 0; run < options.runs; run++) runs.push(await timeToHealthy(command, dataDir(run)));
      figures.push({ label, runs });
      options.log(`  ${label}: ${runs.map((ms) => Math.round(ms)).join(', ')} ms`);
    };
    await measure('npm start, empty DATA_DIR (first start)', npmStart, (run) => path.join(root, `empty-npm-${run}`));
    await measure('node scripts/start.mjs, empty DATA_DIR', direct, (run) => path.join(root, `empty-direct-${run}`));

    const filled = path.join(root, 'filled');
    await timeToHealthy(direct, filled);
    await fill(filled, options.fillRows);
    const size = Math.round(directorySize(path.join(filled, 'pgdata')) / 1_048_576);
    await measure(`npm start, filled DATA_DIR (demo data + ${options.fillRows} rows, ${size} MB)`, npmStart, () => filled);
    await measure('node scripts/start.mjs, filled DATA_DIR', direct, () => filled);
    return figures;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function directorySize(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
}
