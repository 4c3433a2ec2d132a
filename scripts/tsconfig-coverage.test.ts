import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run typecheck` checks every TypeScript file the repository holds (issue 17): a folder
 * missing from `include` once left the tests under `shared/` unchecked for months.
 */
const root = path.resolve(import.meta.dirname, '..');
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });

describe('tsconfig.json', () => {
  it('covers every TypeScript file in git', () => {
    const tracked = run('git', ['ls-files', '*.ts', '*.tsx']).split('\n').filter(Boolean);
    const checked = new Set(
      run(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--listFilesOnly'])
        .split('\n')
        .filter((file) => file.startsWith(root + '/') && !file.includes('/node_modules/'))
        .map((file) => path.relative(root, file)),
    );
    expect(tracked.length).toBeGreaterThan(500);
    expect(tracked.filter((file) => !checked.has(file))).toEqual([]);
  }, 60_000);
});
