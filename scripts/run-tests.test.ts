import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm test` never skips the browser tests silently (issue 2). */
describe('npm test without Chromium', () => {
  it('fails at once, saying what is missing and how to install it', () => {
    const result = spawnSync(process.execPath, ['scripts/run-tests.mjs'], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Chromium was not found at /nonexistent/chromium');
    expect(result.stderr).toContain('sudo apt-get install -y chromium');
    expect(result.stdout).not.toContain('▶');
  });
});
