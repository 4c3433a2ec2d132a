import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './paths.ts';

/**
 * What can be checked of the container build and the compose file without building an image
 * (no registry here; issue 18): they parse, the runtime is Node 24 as non-root with the bundle as
 * its exec-form command, and the compose file runs the app least-privileged (ADR 0081).
 */
const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('container packaging (issue 18)', () => {
  const containerfile = read('Containerfile');
  const instructions = containerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .map((line) => line.trim());

  it('builds in two stages on Node 24 and runs the server bundle as a non-root user, node receiving the signals', () => {
    const froms = instructions.filter((line) => line.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    for (const from of froms) expect(from).toMatch(/node:24-/);
    const runtime = instructions.slice(instructions.indexOf(froms[1]!));
    const user = runtime.findIndex((line) => line.startsWith('USER '));
    expect(runtime[user]).toBe('USER node');
    const cmd = runtime.find((line) => line.startsWith('CMD '))!;
    expect(runtime.indexOf(cmd)).toBeGreaterThan(user);
    // Exec form (a JSON array), no shell in between, and the file scripts/build-server.mjs writes.
    const command = JSON.parse(cmd.slice(4)) as string[];
    expect(command[0]).toBe('node');
    expect(command.at(-1)).toBe('.cache/server/main.mjs');
    expect(read('scripts/build-server.mjs')).toContain("path.join(ROOT, '.cache', 'server')");
    expect(runtime.some((line) => line.startsWith('ENV ') && line.includes('NODE_ENV=production'))).toBe(true);
    // Every file the runtime copies from the build stage is one the repository or the build makes.
    for (const copy of runtime.filter((line) => line.startsWith('COPY --from=build'))) {
      const source = copy.split(/\s+/).at(-2)!.replace('/app/', '');
      if (source.startsWith('.cache') || source.startsWith('web/dist') || source === 'node_modules') continue;
      expect(fs.existsSync(path.join(PROJECT_ROOT, source)), source).toBe(true);
    }
  });

  it('composes the app with PostgreSQL: runtime role to serve, owner to migrate, read-only, non-root, secrets from the environment', () => {
    const compose = parse(read('deploy/compose.yaml')) as { services: Record<string, Record<string, unknown>> };
    const app = compose.services.app!;
    const environment = app.environment as Record<string, string>;
    expect(environment.DATABASE_URL).toMatch(/^postgres:\/\/upptack_runtime:\$\{RUNTIME_PASSWORD\}@postgres:5432\/upptack$/);
    expect(environment.DATABASE_MIGRATION_URL).toMatch(/^postgres:\/\/upptack_owner:\$\{OWNER_PASSWORD\}@postgres:5432\/upptack$/);
    // System work on its own login: the runtime login may not become the system role (ADR 0086).
    expect(environment.DATABASE_SYSTEM_URL).toMatch(/^postgres:\/\/upptack_system:\$\{SYSTEM_PASSWORD\}@postgres:5432\/upptack$/);
    expect(read('deploy/initdb/20-passwords.sh')).toContain("alter role upptack_system password :'system'");
    expect(environment.NODE_ENV).toBe('production');
    for (const secret of ['ENCRYPTION_KEY', 'LOOKUP_KEY']) expect(environment[secret]).toMatch(/^\$\{\w+:\?/);
    expect(app).toMatchObject({ read_only: true, user: 'node', cap_drop: ['ALL'] });
    expect((app.depends_on as Record<string, { condition: string }>).postgres!.condition).toBe('service_healthy');
    expect(compose.services.postgres!.volumes).toContain('./initdb:/docker-entrypoint-initdb.d:ro');
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'deploy', 'initdb', '20-passwords.sh'))).toBe(true);
  });

  it('ships no test code: the server bundle reaches no test file, builder or test registry (ADR 0094)', async () => {
    const { build } = await import('esbuild');
    const packageJson = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const external = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }).flatMap((name) => [name, `${name}/*`]);
    const result = await build({
      absWorkingDir: PROJECT_ROOT,
      entryPoints: ['server/src/main.ts', 'server/src/admin/cli.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external,
      jsx: 'automatic',
      write: false,
      metafile: true,
      outdir: 'bundle',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => file.startsWith('server/src/features/')).length).toBeGreaterThan(100);
    expect(inputs.filter((file) => /(^|\/)test-support\/|\.test\.tsx?$|builders\.ts$|\.(authz|isolation)\.ts$/.test(file))).toEqual([]);
  }, 60_000);
});
