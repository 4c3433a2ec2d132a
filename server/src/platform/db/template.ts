import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';

/**
 * A migrated, demo-seeded embedded database, built at install time (`npm ci` → postinstall →
 * `scripts/build-template.ts`) as a ready data directory. The first start on an empty DATA_DIR
 * copies it (~0.2 s) instead of running initdb (4–5 s) and seeding; loading a gzipped dump took
 * ~0.7 s more (docs/benchmarks.md, ADR 0002). It is only used when its fingerprint — the
 * migrations and the demo-data sources — matches the running code.
 */
export const TEMPLATE_DIR = path.join(PROJECT_ROOT, '.cache', 'template');

function listFiles(dir: string, accept: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(accept)
    .sort();
}

export function templateFingerprint(): string {
  const hash = crypto.createHash('sha256');
  const files = [
    ...listFiles(path.join(PROJECT_ROOT, 'server', 'migrations'), (file) => file.endsWith('.sql')),
    ...listFiles(path.join(PROJECT_ROOT, 'server', 'src'), (file) => path.basename(file).startsWith('demo-') && !file.includes('.test.')),
  ];
  for (const file of files) {
    hash.update(path.relative(PROJECT_ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The template's PostgreSQL data directory for the current code. */
export function templatePath(fingerprint = templateFingerprint()): string {
  return path.join(TEMPLATE_DIR, `demo-${fingerprint}`, 'pgdata');
}

/** The template data directory when one exists for the current code. */
export function findTemplate(): string | undefined {
  const dir = templatePath();
  return fs.existsSync(path.join(dir, 'PG_VERSION')) ? dir : undefined;
}
