import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../platform/paths.ts';
import { signInOverHttp, startServer, temporaryDataDir } from '../test-support/server-process.ts';

/** `npm run admin -- backup|restore` as an operator runs it, next to a real server process. */
function admin(args: string[], dataDir: string) {
  const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin');
  const environment: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, DATA_DIR: dataDir, NODE_ENV: 'development' };
  delete environment.DATABASE_URL;
  const result = spawnSync(path.join(bin, 'tsx'), ['server/src/admin/cli.ts', ...args], { cwd: PROJECT_ROOT, env: environment, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('backup and restore from the command line', () => {
  const source = temporaryDataDir('admin-source');
  const target = temporaryDataDir('admin-target');
  const backups = temporaryDataDir('admin-backups');
  afterAll(() => {
    for (const dir of [source, target, backups]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses while the server runs, then backs up, restores, and the restored platform serves the same data', async () => {
    const file = path.join(backups, 'upptack.tar.gz');
    const server = await startServer({ dataDir: source });
    await server.healthy();
    const session = await signInOverHttp(server.url);
    const started = await fetch(`${server.url}/api/v1/reference-data/municipality-export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: '{}',
    });
    const { jobId } = (await started.json()) as { jobId: string };

    const refused = admin(['backup', '--out', file], source);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('is in use by another Upptäck process');
    expect(fs.existsSync(file)).toBe(false);

    expect((await server.stop()).code).toBe(0);
    const backup = admin(['backup', '--out', file], source);
    expect(backup.output).toContain(`Backup written: ${file}`);
    expect(backup.code).toBe(0);

    const restore = admin(['restore', file], target);
    expect(restore.output).toContain(`Restored into ${target}`);
    expect(restore.code).toBe(0);

    const restored = await startServer({ dataDir: target });
    await restored.healthy();
    const again = await signInOverHttp(restored.url);
    const job = await fetch(`${restored.url}/api/v1/jobs/${jobId}`, { headers: { cookie: again.cookie } });
    expect(job.status).toBe(200);
    expect((await restored.stop()).code).toBe(0);
  });
});
