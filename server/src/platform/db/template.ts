import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A migrated, demo-seeded embedded database, dumped at install time (`npm ci` → postinstall →
 * `scripts/build-template.ts`) so the first start on an empty DATA_DIR loads it in ~0.5 s
 * instead of running initdb (4–5 s) and seeding (ADR 0002). It is only used when its
 * fingerprint — the migrations and the demo-data sources — matches the running code.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const TEMPLATE_DIR = path.join(PROJECT_ROOT, '.cache', 'template');

function listFiles(dir: string, accept: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
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

export function templatePath(fingerprint = templateFingerprint()): string {
  return path.join(TEMPLATE_DIR, `demo-${fingerprint}.tgz`);
}

export function readTemplate(): Blob | undefined {
  const file = templatePath();
  return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined;
}

export function writeTemplate(bytes: Buffer): string {
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const file = templatePath();
  for (const old of fs.readdirSync(TEMPLATE_DIR)) fs.rmSync(path.join(TEMPLATE_DIR, old));
  fs.writeFileSync(file, bytes);
  return file;
}
