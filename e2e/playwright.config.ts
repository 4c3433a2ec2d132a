import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH } from './support/chromium.ts';
import type { InputMode } from './support/fixtures.ts';

/**
 * Browser journeys in Debian's Chromium (browser downloads do not work here). Every journey runs
 * twice: on a desktop screen with the mouse, and at 320 px with the keyboard only (issue 2).
 * One worker: the server and the browser share two cores.
 */
export default defineConfig<{ inputMode: InputMode }>({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    headless: true,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'off',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 720 }, inputMode: 'pointer' } },
    { name: 'keyboard-320', use: { viewport: { width: 320, height: 640 }, inputMode: 'keyboard', hasTouch: false } },
  ],
});
