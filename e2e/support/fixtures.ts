import fs from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The one demo password (README "Demo accounts"). */
/**
 * Waits until every CSS transition and animation has ended: a colour fading after a press would be
 * sampled half-way by axe and fail contrast at random. An animation of an element that left the
 * page is cancelled and its `finished` rejects; that counts as settled, not as a failure.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
}

export const DEMO_PASSWORD = 'upptack-demo-2026';

export type InputMode = 'pointer' | 'keyboard';

/** The server's time: its clock is shifted to the suite's calendar (global-setup.ts, ADR 0019). */
export function serverNow(): number {
  return Date.now() + Number(process.env.E2E_CLOCK_OFFSET_MS ?? 0);
}

type AxeResult = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };

/**
 * Interactions that honour the project's input mode: with `keyboard`, an element is reached by
 * pressing Tab (never by clicking) and activated with Enter or Space.
 */
export class Ui {
  constructor(
    readonly page: Page,
    readonly mode: InputMode,
  ) {}

  /** Moves focus with Tab until `target` has it (fails after `maxTabs`). */
  async tabTo(target: Locator, maxTabs = 80): Promise<void> {
    const handle = await target.elementHandle();
    if (!handle) throw new Error('tabTo: element not found');
    for (let i = 0; i < maxTabs; i++) {
      if (await handle.evaluate((element) => element === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`tabTo: not reached by ${maxTabs} Tab presses: ${target.toString()}`);
  }

  async activate(target: Locator): Promise<void> {
    if (this.mode === 'pointer') return target.click();
    await this.tabTo(target);
    const tag = await target.evaluate((element) => `${element.tagName}:${(element as HTMLInputElement).type ?? ''}`);
    await this.page.keyboard.press(/^INPUT:(checkbox|radio)$/.test(tag) ? 'Space' : 'Enter');
  }

  async fill(target: Locator, text: string): Promise<void> {
    if (this.mode === 'pointer') return target.fill(text);
    await this.tabTo(target);
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(text);
  }

  /**
   * Ticks a checkbox or picks a radio. FKUI draws its own control over a visually hidden input, so
   * a pointer clicks the label, as a person does. On the keyboard a checkbox is a Tab stop toggled
   * with Space; a radio group is one Tab stop (the checked radio, or the first) and the arrow keys
   * move the choice within it.
   */
  async choose(target: Locator): Promise<void> {
    const { id, type, name } = await target.evaluate((element) => {
      const input = element as HTMLInputElement;
      return { id: input.id, type: input.type, name: input.name };
    });
    if (this.mode === 'pointer') {
      await this.page.locator(`label[for="${id}"]`).click();
    } else if (type === 'radio') {
      const group = this.page.locator(`input[type="radio"][name="${name}"]`);
      const stop = (await group.locator(':scope:checked').count()) > 0 ? group.locator(':scope:checked') : group.first();
      await this.tabTo(stop);
      // With nothing chosen the group's stop is its first option: Space picks it (an arrow would move past it).
      if (!(await target.isChecked()) && (await target.evaluate((element) => element === document.activeElement))) await this.page.keyboard.press('Space');
      for (let press = 0; press < 30 && !(await target.isChecked()); press++) await this.page.keyboard.press('ArrowDown');
    } else {
      await this.tabTo(target);
      await this.page.keyboard.press('Space');
    }
    await expect(target).toBeChecked();
  }

  async select(target: Locator, value: string): Promise<void> {
    if (this.mode === 'pointer') {
      await target.selectOption(value);
      return;
    }
    await this.tabTo(target);
    await target.selectOption(value);
  }
}

type Fixtures = {
  inputMode: InputMode;
  ui: Ui;
  /** Runs axe (WCAG 2.1 A/AA) on the current page and fails on any violation. */
  expectAccessible: (label?: string) => Promise<void>;
  baseUrl: string;
  /** Requests the page made to any other origin than the platform's. */
  thirdPartyRequests: string[];
};

export const test = base.extend<Fixtures>({
  inputMode: ['pointer', { option: true }],
  baseUrl: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set: the global setup did not run');
    await use(url);
  },
  baseURL: async ({ baseUrl }, use) => use(baseUrl),
  // The browser's "today" (form defaults, date limits) is the server's shifted day (global-setup.ts).
  page: async ({ page }, use) => {
    await page.clock.install({ time: serverNow() });
    await use(page);
  },
  thirdPartyRequests: async ({ page, baseUrl }, use) => {
    const own = new URL(baseUrl).origin;
    const neutral = new URL(process.env.E2E_NEUTRAL_URL ?? 'http://invalid').origin;
    const requests: string[] = [];
    page.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (origin !== own && origin !== neutral && !request.url().startsWith('data:')) requests.push(request.url());
    });
    await use(requests);
  },
  ui: async ({ page, inputMode }, use) => use(new Ui(page, inputMode)),
  expectAccessible: async ({ page, baseUrl }, use, testInfo) => {
    const own = new URL(baseUrl).origin;
    const visited = new Set<string>();
    const checked = new Set<string>();
    const cspViolations: string[] = [];
    const key = (url: string) => {
      const parsed = new URL(url);
      return `${parsed.pathname}${parsed.search}`;
    };
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && new URL(frame.url()).origin === own) visited.add(key(frame.url()));
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await use(async (label) => {
      await page.waitForLoadState('load');
      await settled(page);
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate(() =>
        // @ts-expect-error axe is injected above
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
      )) as AxeResult;
      const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
      expect(summary, `axe violations on ${page.url()}${label ? ` (${label})` : ''}`).toEqual([]);
      const width = page.viewportSize()?.width ?? 0;
      if (width <= 320) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal scrolling at ${width} px on ${page.url()}`).toBeLessThanOrEqual(0);
      }
      checked.add(key(page.url()));
    });
    expect(cspViolations, 'Content Security Policy violations').toEqual([]);
    if (testInfo.status === 'passed') {
      const unchecked = [...visited].filter((url) => !checked.has(url));
      expect(unchecked, 'pages visited without an axe check').toEqual([]);
    }
  },
});

export { expect };

/** Signs a demo account in through the login page (keyboard or pointer as the project says). */
export async function signInAs(page: Page, ui: Ui, expectAccessible: Fixtures['expectAccessible'], email: string): Promise<void> {
  await page.goto('/personal/logga-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectAccessible('login');
  await ui.fill(page.getByLabel('E-postadress'), email);
  await ui.fill(page.getByLabel('Lösenord', { exact: true }), DEMO_PASSWORD);
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
}
