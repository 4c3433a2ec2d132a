import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../paths.ts';

/**
 * ADR 0019: the platform reads time from its clock, never from the machine — a row stamped with
 * the machine's time and compared with the clock's is the fault issue 14 was about. Only these
 * places read the machine's clock, each for a reason.
 */
const ALLOWED: Record<string, string> = {
  'server/src/platform/time/clock.ts': 'the system clock itself',
  'server/src/platform/logging/logger.ts': 'log lines carry the real time, also in a shifted demo',
  'server/src/admin/commands/backup.ts': 'the default backup file name is when the operator took it',
  'server/src/admin/commands/restore.ts': 'the name of a replaced data directory is when the operator replaced it',
  'server/src/test-support/server-process.ts': 'how long a test waits for a real server process',
  'server/src/test-support/test-clock.ts': 'UPPTACK_TEST_NOW=real starts the test clocks at the real date',
  'server/src/features/identity/oidc-service.ts':
    "a provider's discovery document is kept for a real span of time: its keys rotate on the provider's clock, and used logout tokens are removed when they expire on it",
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !/\.(db\.|process\.)?test\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('the machine clock (ADR 0019)', () => {
  it('is read nowhere in the server, its builders or its test registries but where a reason is given', () => {
    const readers = sources(path.join(PROJECT_ROOT, 'server', 'src'))
      .filter((file) => /new Date\(\)|Date\.now\(\)/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(PROJECT_ROOT, file));
    expect(readers.length).toBeGreaterThan(0);
    expect(readers.filter((file) => !(file in ALLOWED))).toEqual([]);
  });
});
