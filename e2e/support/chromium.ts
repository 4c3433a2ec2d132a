import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `npm test` never skips the browser tests: without Chromium it stops and says what to do. */
export function assertChromiumInstalled(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need Debian's Chromium: ` +
        'run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to another Chromium binary).',
    );
  }
}
