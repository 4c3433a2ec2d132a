/**
 * The JavaScript a screening page loads (issue 5: ≤ 150 kB gzip), measured in Chromium as a
 * caseworker opens each page directly (a fresh page load, nothing cached): every JavaScript file
 * the browser fetched, counted as its gzip size, and the bytes of every file of the page (HTML,
 * script, stylesheet, font, API answer) as the server actually sent them, compressed (ADR 0090).
 *
 *   node_modules/.bin/tsx bench/screening-bundle.ts [--files]
 *
 * `--files` lists every file a page fetched with its gzip size, to find what made a page heavy.
 *
 * Starts the platform as `npm start` does (demo mode, an empty data directory), signs in as the
 * demo caseworker of Försäkringskassan and opens the encounter list, the workflow's start page,
 * and a saved encounter.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from '../e2e/support/chromium.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const LIMIT_KB = 150;
const listFiles = process.argv.includes('--files');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-bundle-'));
const child = spawn('node', ['scripts/start.mjs'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
  stdio: 'ignore',
});
const base = `http://localhost:${port}`;
try {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (
      (await fetch(`${base}/api/v1/health`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext();
  const login = await context.newPage();
  await login.goto(`${base}/personal/logga-in`);
  await login.getByLabel('E-postadress').fill('handlaggare.fk@demo.upptack.se');
  await login.getByLabel('Lösenord', { exact: true }).fill('upptack-demo-2026');
  await login.getByRole('button', { name: 'Logga in' }).click();
  await login.getByRole('button', { name: 'Logga ut' }).waitFor();
  const lists = await login.evaluate(async () => {
    const processes = (await (await fetch('/api/v1/processes')).json()) as { processes: Array<{ id: string }> };
    const encounters = (await (await fetch('/api/v1/encounters')).json()) as { encounters: Array<{ id: string }> };
    return { process: processes.processes[0]?.id ?? '', encounter: encounters.encounters[0]?.id ?? '' };
  });
  await login.close();

  const pages: Array<[string, string, string]> = [
    ['encounter list', '/personal/fraga', 'Fråga om våld'],
    ['workflow, start page', `/personal/fraga/ny?process=${lists.process}`, 'Nytt frågetillfälle'],
    ['saved encounter', `/personal/fraga/${lists.encounter}`, 'Frågetillfälle'],
  ];
  log(`Screening pages' JavaScript (Chromium, first load, ${new Date().toISOString().slice(0, 10)}):`);
  log('| page | script files | raw | gzip | sent over the wire, every file |\n| --- | --- | --- | --- | --- |');
  let worst = 0;
  for (const [name, url, heading] of pages) {
    // A context of its own per page: an empty browser cache, the caseworker's session.
    const pageContext = await browser.newContext({ storageState: await context.storageState() });
    const page = await pageContext.newPage();
    const bodies: Array<Promise<Buffer>> = [];
    const names: string[] = [];
    const sent: Array<Promise<number>> = [];
    page.on('response', (response) => {
      sent.push(
        response
          .request()
          .sizes()
          .then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize),
      );
      if (response.request().resourceType() !== 'script') return;
      bodies.push(response.body());
      names.push(new URL(response.url()).pathname);
    });
    await page.goto(`${base}${url}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${heading}`) }).waitFor();
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(bodies);
    const raw = files.reduce((sum, file) => sum + file.length, 0);
    const gzip = files.reduce((sum, file) => sum + zlib.gzipSync(file, { level: 9 }).length, 0);
    const wire = (await Promise.all(sent)).reduce((sum, bytes) => sum + bytes, 0);
    worst = Math.max(worst, gzip);
    log(`| ${name} | ${files.length} | ${(raw / 1024).toFixed(1)} kB | **${(gzip / 1024).toFixed(1)} kB** | ${(wire / 1024).toFixed(1)} kB |`);
    if (listFiles) files.forEach((file, index) => log(`    ${names[index]}: ${(zlib.gzipSync(file, { level: 9 }).length / 1024).toFixed(1)} kB`));
    await pageContext.close();
  }
  log(`Largest: ${(worst / 1024).toFixed(1)} kB gzip (target ≤ ${LIMIT_KB} kB)`);
  await browser.close();
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
