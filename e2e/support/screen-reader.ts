import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const require = createRequire(import.meta.url);

/**
 * Guidepup's Virtual Screen Reader (`@guidepup/virtual-screen-reader`), run inside the page: it
 * walks the accessibility tree as a screen reader's virtual cursor does and logs what it would say.
 * Its browser build is an ES module; the page's Content Security Policy allows no inline script, so
 * the bundle is evaluated through the DevTools protocol (as axe is in fixtures.ts) with its export
 * turned into a property of `window`.
 */
const BUNDLE = (() => {
  const source = fs.readFileSync(require.resolve('@guidepup/virtual-screen-reader/browser.js'), 'utf8');
  const exported = /export\s*\{\s*(\w+|\$\w*|\w+\$)\s+as\s+Virtual\s*,\s*([\w$]+)\s+as\s+virtual\s*\}\s*;?/;
  if (!exported.test(source)) throw new Error('the Virtual Screen Reader bundle no longer ends with its usual export: update screen-reader.ts');
  return `(() => {\n${source.replace(exported, 'window.__virtualScreenReader = { Virtual: $1 };')}\n})()`;
})();

type VirtualScreenReader = {
  start(options: { container: Element; window?: Window }): Promise<void>;
  stop(): Promise<void>;
  next(): Promise<void>;
  press(keys: string): Promise<void>;
  lastSpokenPhrase(): Promise<string>;
  spokenPhraseLog(): Promise<string[]>;
};
type Injected = { __virtualScreenReader: { Virtual: new () => VirtualScreenReader }; __reader?: VirtualScreenReader };

/** Starts a screen reader at the top of the page (a new one per call). */
export async function startScreenReader(page: Page): Promise<void> {
  if (!(await page.evaluate(() => '__virtualScreenReader' in window))) await page.evaluate(BUNDLE);
  await page.evaluate(async () => {
    const injected = window as unknown as Injected;
    await injected.__reader?.stop();
    injected.__reader = new injected.__virtualScreenReader.Virtual();
    await injected.__reader.start({ container: document.body });
  });
}

/**
 * Moves the virtual cursor forward (a screen reader's "next item") until `until` is spoken or
 * `max` steps are taken, and returns everything spoken since the reader started, in order.
 */
export async function readOn(page: Page, until: RegExp | string = 'end of document', max = 400): Promise<string[]> {
  const pattern = typeof until === 'string' ? `^${until.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : until.source;
  return page.evaluate(
    async ({ pattern, max }) => {
      const reader = (window as unknown as Injected).__reader;
      if (!reader) throw new Error('readOn: the screen reader is not started');
      const stop = new RegExp(pattern);
      for (let step = 0; step < max && !stop.test(await reader.lastSpokenPhrase()); step++) await reader.next();
      return reader.spokenPhraseLog();
    },
    { pattern, max },
  );
}

/** Everything the reader said since it started (including live-region announcements), in order. */
export async function spoken(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as Injected).__reader!.spokenPhraseLog());
}

export async function stopScreenReader(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const injected = window as unknown as Injected;
    await injected.__reader?.stop();
    delete injected.__reader;
  });
}

/** The index of the first phrase matching `phrase`, -1 when none does: for "announced before". */
export function indexOf(phrases: string[], phrase: RegExp | string): number {
  return phrases.findIndex((spokenPhrase) => (typeof phrase === 'string' ? spokenPhrase === phrase : phrase.test(spokenPhrase)));
}
