import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertChromiumInstalled } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The journeys are written in one calendar (a Monday in November 2026: deadlines, events, report
 * years), so the server's clock starts there (CLOCK_START, ADR 0019) and the browser's follows
 * it (fixtures.ts): the suite passes on any real date.
 */
export const E2E_CLOCK_START = '2026-11-23T09:00:00Z';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs} ms`);
}

/**
 * Starts a "neutral site" (the quick exit's target: a page on another origin, so the tests can
 * also tell our requests from third-party ones) and the platform itself, in demo mode the same way
 * `npm start` does (scripts/start.mjs), on a demo database built for the suite's calendar.
 */
export default async function globalSetup() {
  assertChromiumInstalled();
  const neutralPort = await freePort();
  const neutral = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><head><title>Weather</title></head><body><main><h1>Weather</h1><p>Sunny.</p></main></body></html>');
  });
  await new Promise<void>((resolve) => neutral.listen(neutralPort, '127.0.0.1', resolve));

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-e2e-'));
  const baseUrl = `http://localhost:${port}`;
  const log = fs.createWriteStream(path.join(dataDir, 'server.log'));
  // The demo database on the suite's calendar, complete with its history, before the server opens it.
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/build-template.ts', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, CLOCK_START: E2E_CLOCK_START, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: 'localhost',
      DATA_DIR: dataDir,
      QUICK_EXIT_URL: `http://127.0.0.1:${neutralPort}/`,
      LOG_LEVEL: 'warn',
      CLOCK_START: E2E_CLOCK_START,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  try {
    await waitForHealth(baseUrl, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8')}`, { cause: error });
  }
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_NEUTRAL_URL = `http://127.0.0.1:${neutralPort}/`;
  process.env.E2E_DATA_DIR = dataDir;
  // The server's clock started at E2E_CLOCK_START when the process did; the browser's is set from this.
  process.env.E2E_CLOCK_OFFSET_MS = String(new Date(E2E_CLOCK_START).getTime() - started);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    neutral.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
