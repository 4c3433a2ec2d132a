import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { PROJECT_ROOT } from './paths.ts';

/**
 * The Helm chart (deploy/helm/upptack, issue 18). `helm` cannot be installed on the build machine
 * (no such Debian package, no internet), so the chart is NOT rendered here: this test reads each
 * template's static structure instead. Lines that hold only a template action (`{{- if … }}`,
 * `{{- include … | nindent }}`, `{{- end }}`) are dropped and every other `{{ … }}` becomes a
 * placeholder; what is left must be YAML, and its fixed parts are checked. What the actions add
 * (labels, resources from the values) is not checked beyond the action being there.
 */
const CHART = path.join(PROJECT_ROOT, 'deploy', 'helm', 'upptack');
const PLACEHOLDER = 'TEMPLATED';

type Node = Record<string, unknown>;

function staticDocuments(file: string): { text: string; documents: Node[] } {
  const text = fs.readFileSync(path.join(CHART, 'templates', file), 'utf8');
  const stripped = text
    .split('\n')
    .filter((line) => !/^\s*\{\{-?[^}]*-?\}\}\s*$/.test(line))
    .map((line) => line.replace(/\{\{-?[^}]*?-?\}\}/g, PLACEHOLDER))
    .join('\n');
  const documents = parseAllDocuments(stripped).map((document) => {
    expect(document.errors, `${file}: ${document.errors.map((error) => error.message).join('; ')}`).toEqual([]);
    return document.toJSON() as Node;
  });
  return { text, documents: documents.filter((document) => document !== null) };
}

const at = (node: unknown, ...keys: Array<string | number>): unknown =>
  keys.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], node);

/** Values the templates name (`.Values.a.b`) must exist in values.yaml. */
function valuesNamed(text: string): string[] {
  return [...text.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)].map((match) => match[1]!);
}

describe('Helm chart (issue 18; not rendered: no helm here)', () => {
  const values = parse(fs.readFileSync(path.join(CHART, 'values.yaml'), 'utf8')) as Node;
  const files = fs.readdirSync(path.join(CHART, 'templates')).filter((file) => file.endsWith('.yaml'));
  const manifests = files.flatMap((file) => staticDocuments(file).documents);
  const one = (kind: string) => manifests.find((manifest) => manifest.kind === kind)!;

  it('has a chart, and every value a template names is in values.yaml', () => {
    const chart = parse(fs.readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8')) as Node;
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'upptack', type: 'application' });
    for (const file of files) {
      for (const name of valuesNamed(staticDocuments(file).text)) expect(at(values, ...name.split('.')), `${file}: .Values.${name}`).not.toBeUndefined();
    }
    expect(manifests.map((manifest) => String(manifest.kind)).sort()).toEqual([
      'Deployment',
      'HorizontalPodAutoscaler',
      'Job',
      'PodDisruptionBudget',
      'Service',
      'Service',
    ]);
  });

  it('runs the app non-root on a read-only root filesystem, probed on live and ready, with resources', () => {
    const deployment = one('Deployment');
    const pod = at(deployment, 'spec', 'template', 'spec') as Node;
    const container = at(pod, 'containers', 0) as Node;
    expect(at(pod, 'securityContext')).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(at(container, 'livenessProbe', 'httpGet', 'path')).toBe('/api/v1/health/live');
    expect(at(container, 'startupProbe', 'httpGet', 'path')).toBe('/api/v1/health/live');
    expect(at(container, 'readinessProbe', 'httpGet', 'path')).toBe('/api/v1/health');
    // The image's own command (node in exec form) is kept: no command or args override.
    expect(container.command).toBeUndefined();
    // Writable paths are emptyDirs: /tmp and the (unused with PostgreSQL) data directory.
    expect((container.volumeMounts as Node[]).map((mount) => mount.mountPath).sort()).toEqual(['/data', '/tmp']);
    expect(staticDocuments('deployment.yaml').text).toMatch(/resources:\n\s+\{\{- toYaml \.Values\.resources \| nindent 12 \}\}/);
    expect(at(values, 'resources', 'requests', 'memory')).toBeTruthy();
    expect(at(values, 'resources', 'limits', 'memory')).toBeTruthy();
    expect(at(deployment, 'spec', 'strategy', 'rollingUpdate')).toEqual({ maxUnavailable: 0, maxSurge: 1 });
  });

  it('takes the keys and the database logins from Secrets, and gives the app no migration URL', () => {
    const env = at(one('Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'env') as Node[];
    const byName = new Map(env.map((entry) => [entry.name, entry]));
    for (const name of ['ENCRYPTION_KEY', 'LOOKUP_KEY', 'DATABASE_URL', 'DATABASE_SYSTEM_URL']) {
      expect(at(byName.get(name), 'valueFrom', 'secretKeyRef'), name).toMatchObject({ name: PLACEHOLDER, key: PLACEHOLDER });
      expect(at(byName.get(name), 'value'), name).toBeUndefined();
    }
    expect(byName.has('DATABASE_MIGRATION_URL')).toBe(false);
    expect(at(byName.get('NODE_ENV'), 'value')).toBe('production');
    // The chart creates no Secret: no key is ever in values or a manifest.
    expect(manifests.some((manifest) => manifest.kind === 'Secret')).toBe(false);
  });

  it('migrates in a pre-install/pre-upgrade hook Job as the owner, before the rollout', () => {
    const job = one('Job');
    expect(at(job, 'metadata', 'annotations', 'helm.sh/hook')).toBe('pre-install,pre-upgrade');
    const container = at(job, 'spec', 'template', 'spec', 'containers', 0) as Node;
    expect(container.command).toEqual(['node_modules/.bin/tsx', 'server/src/admin/cli.ts', 'migrate']);
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'server', 'src', 'admin', 'cli.ts'))).toBe(true);
    const env = new Map((container.env as Node[]).map((entry) => [entry.name, entry]));
    expect(at(env.get('DATABASE_MIGRATION_URL'), 'valueFrom', 'secretKeyRef')).toBeTruthy();
    expect(at(job, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
  });

  it('keeps pods through disruptions and scales them on CPU', () => {
    expect(at(one('PodDisruptionBudget'), 'spec', 'minAvailable')).toBe(PLACEHOLDER);
    expect(at(values, 'podDisruptionBudget', 'minAvailable')).toBe(1);
    const hpa = one('HorizontalPodAutoscaler');
    expect(at(hpa, 'spec', 'scaleTargetRef')).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(at(hpa, 'spec', 'metrics', 0, 'resource', 'name')).toBe('cpu');
    // At least two replicas, so that the disruption budget never blocks a node drain for good.
    expect(at(values, 'autoscaling', 'minReplicas') as number).toBeGreaterThan(at(values, 'podDisruptionBudget', 'minAvailable') as number);
  });
});
