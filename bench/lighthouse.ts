/**
 * `node_modules/.bin/tsx bench/lighthouse.ts [--runs N]` (also `npm run bench -- --only lighthouse`):
 * Lighthouse against Debian's Chromium on the screening start page (signed in as the demo
 * caseworker: the session cookie is put in the browser's cookie jar, see setCookie) and
 * the public start page. Lighthouse's mobile defaults: a Moto G Power-sized screen, simulated
 * slow 4G and 4× CPU slowdown. The server starts as the browser tests start it (demo database on
 * the suite's calendar, `npm start`'s bundle). Prints the median of `--runs` runs (default 3) and
 * what Lighthouse flags. Issue 22's targets: performance ≥ 95, accessibility 100, CLS < 0.05, every
 * text asset compressed.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFlags } from '../server/src/admin/command.ts';
import { signInOverHttp } from '../server/src/test-support/server-process.ts';
import { CHROMIUM_PATH } from '../e2e/support/chromium.ts';
import globalSetup from '../e2e/support/global-setup.ts';

const { flags } = parseFlags(process.argv.slice(2));
const runs = Number(flags.runs ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');
const log = (line: string) => process.stdout.write(`${line}\n`);

type Figures = { performance: number; accessibility: number; cls: number; fcp: number; lcp: number; tbt: number; si: number; bytes: number };
type Audit = { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string };

/**
 * Lighthouse 13 has no text-compression audit of its own any more (only the document's, in an
 * insight), so every text response the page loaded is asked for again with the browser's
 * Accept-Encoding and its Content-Encoding read. Bodies under 1 kB are left uncompressed by design
 * (the server's threshold: compressing them gains nothing).
 */
async function uncompressedText(details: unknown, headers: Record<string, string>): Promise<string[]> {
  const items = (
    (details as { items?: Array<{ url: string; resourceType?: string; mimeType?: string; resourceSize?: number; transferSize?: number }> })?.items ?? []
  ).filter((item) => item.url.startsWith('http') && /text|javascript|json|css|svg|xml/.test(item.mimeType ?? ''));
  const lines: string[] = [];
  let compressed = 0;
  for (const item of items) {
    const response = await fetch(item.url, { headers: { ...headers, 'accept-encoding': 'br, gzip, deflate' } });
    const body = await response.arrayBuffer();
    const encoding = response.headers.get('content-encoding');
    if (encoding) compressed++;
    else if (body.byteLength >= 1024) lines.push(`NOT COMPRESSED: ${item.url} (${item.mimeType}, ${body.byteLength} B)`);
  }
  lines.unshift(`text responses: ${items.length}, compressed ${compressed}, the rest under 1 kB unless listed`);
  return lines;
}

// `--url` measures a platform that is already running (with the demo accounts), e.g. while tuning.
const teardown = typeof flags.url === 'string' ? async () => undefined : await globalSetup();
const baseUrl = typeof flags.url === 'string' ? flags.url : process.env.E2E_BASE_URL!;
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The session cookie goes into the browser's own cookie jar through the DevTools protocol. A
 * `Cookie` in Lighthouse's `extraHeaders` is not enough: as soon as the page sets a cookie of its
 * own (the language), Chromium sends its jar instead and the session is gone after the first
 * request. Lighthouse's storage reset would empty the jar, so it is off; each run gets a new
 * browser instead (an empty profile: no cached assets, as a first visit).
 */
async function setCookie(port: number, url: string, cookie: string): Promise<void> {
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  const cookies = cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url }));
  await new Promise<void>((resolve, reject) => {
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
      if (message.id !== 1) return;
      if (message.error) reject(new Error(message.error.message));
      else resolve();
    };
    socket.send(JSON.stringify({ id: 1, method: 'Storage.setCookies', params: { cookies } }));
  });
  socket.close();
}

try {
  const { cookie } = await signInOverHttp(baseUrl);
  const pages = [
    { key: 'screening', name: 'screening start page (/personal/fraga, caseworker)', url: `${baseUrl}/personal/fraga`, cookie },
    { key: 'public', name: 'public start page (/)', url: `${baseUrl}/`, cookie: undefined },
  ];
  log(
    `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile, 4× CPU slowdown (simulated), ${CHROMIUM_PATH}`,
  );
  log(
    `${new Date().toISOString()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1_073_741_824)} GB, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  for (const page of pages) {
    if (typeof flags.page === 'string' && flags.page !== page.key) continue;
    const figures: Figures[] = [];
    let flagged: string[] = [];
    for (let run = 0; run < runs; run++) {
      const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS });
      if (page.cookie) await setCookie(chrome.port, baseUrl, page.cookie);
      const result = await lighthouse(page.url, {
        port: chrome.port,
        disableStorageReset: true,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        formFactor: 'mobile',
        throttlingMethod: 'simulate',
        throttling: {
          rttMs: 150,
          throughputKbps: 1638.4,
          requestLatencyMs: 562.5,
          downloadThroughputKbps: 1474.56,
          uploadThroughputKbps: 675,
          cpuSlowdownMultiplier: 4,
        },
      }).finally(() => chrome.kill());
      if (!result) throw new Error('Lighthouse returned no result');
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      figures.push({
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        cls: value('cumulative-layout-shift'),
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tbt: value('total-blocking-time'),
        si: value('speed-index'),
        bytes: value('total-byte-weight'),
      });
      flagged = (Object.values(lhr.audits) as Audit[])
        .filter((audit) => audit.score !== null && audit.score < 0.9 && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode))
        .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      if (typeof flags.save === 'string') fs.writeFileSync(path.join(flags.save, `${page.key}-${run + 1}.json`), JSON.stringify(lhr));
      if (run === 0) {
        log(`\n${page.name}:`);
        for (const line of await uncompressedText(lhr.audits['network-requests']?.details, page.cookie ? { cookie: page.cookie } : {})) log(`  ${line}`);
      }
      log(`  run ${run + 1}: ${JSON.stringify(figures.at(-1), (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v))}`);
    }
    const m = (key: keyof Figures) => median(figures.map((f) => f[key]));
    log(
      `  median: performance ${m('performance')}, accessibility ${m('accessibility')}, CLS ${m('cls').toFixed(3)}, FCP ${(m('fcp') / 1000).toFixed(2)} s, ` +
        `LCP ${(m('lcp') / 1000).toFixed(2)} s, TBT ${Math.round(m('tbt'))} ms, Speed Index ${(m('si') / 1000).toFixed(2)} s, transferred ${Math.round(m('bytes') / 1024)} kB`,
    );
    log(`  flagged (last run): ${flagged.length > 0 ? flagged.join('; ') : 'nothing'}`);
  }
} finally {
  await teardown();
}
