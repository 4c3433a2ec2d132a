import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { PROJECT_ROOT } from '../platform/paths.ts';

/**
 * The platform as a real process, started as a container starts it (scripts/start.mjs on the
 * project's Node.js) or through `npm start`, for the tests that need signals, crashes and a second
 * process.
 */
export type ServerProcess = {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when /api/v1/health answers 200; rejects if the process exits first. */
  healthy(timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export function temporaryDataDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `upptack-${name}-`));
}

/** Temporary data directories for one test file, all removed once its tests have run. */
export function dataDirsOfThisFile(): (name: string) => string {
  const directories: string[] = [];
  afterAll(() => {
    for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
  });
  return (name) => {
    const dir = temporaryDataDir(name);
    directories.push(dir);
    return dir;
  };
}

const NODE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');

/**
 * How the process is started: `node` runs scripts/start.mjs on the project's Node.js, as a
 * container's command does; `npm` runs `npm start` (npm in between, on the machine's Node.js).
 */
export type StartVia = 'node' | 'npm';

export async function startServer(options: { dataDir: string; env?: Record<string, string>; via?: StartVia }): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const environment: NodeJS.ProcessEnv = { ...process.env };
  delete environment.DATABASE_URL;
  const [command, args] = options.via === 'npm' ? ['npm', ['start']] : [NODE, ['scripts/start.mjs']];
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...environment, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: options.dataDir, LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  return {
    url,
    port,
    dataDir: options.dataDir,
    child,
    output: () => output,
    exited,
    async healthy(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (hasExited) throw new Error(`the server exited before it was healthy:\n${output}`);
        try {
          if ((await fetch(`${url}/api/v1/health`)).status === 200) return;
        } catch {
          // Not listening yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${output}`);
    },
    async stop() {
      if (!hasExited) child.kill('SIGTERM');
      return exited;
    },
  };
}

export type Session = { cookie: string; csrfToken: string };

/** Signs a demo account in over HTTP (demo mode: no second factor for demo accounts). */
export async function signInOverHttp(url: string, email = 'handlaggare.fk@demo.upptack.se'): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'upptack-demo-2026' }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
