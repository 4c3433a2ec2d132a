import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';

export const WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist');

export type WebAssets = {
  /** Stylesheets and the script of the server-rendered public pages. */
  publicCss: string[];
  publicJs: string;
  /** The staff single-page app's HTML, with the demo flag filled in. */
  staffHtml: string;
};

type ManifestEntry = { file: string; css?: string[]; isEntry?: boolean };

export class WebBuildMissingError extends Error {
  constructor() {
    super(`The web build is missing in ${WEB_DIST}. Run \`npm run build\` (npm ci runs it for you).`);
    this.name = 'WebBuildMissingError';
  }
}

/** Reads Vite's manifest once at start-up. */
export function loadWebAssets(options: { demoMode: boolean }): WebAssets {
  const manifestPath = path.join(WEB_DIST, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new WebBuildMissingError();
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>;
  const publicEntry = manifest['src/public/public-entry.ts'];
  if (!publicEntry) throw new WebBuildMissingError();
  const staffHtml = fs.readFileSync(path.join(WEB_DIST, 'personal', 'index.html'), 'utf8').replace('%UPPTACK_MODE%', options.demoMode ? 'demo' : 'production');
  return {
    publicCss: (publicEntry.css ?? []).map((file) => `/${file}`),
    publicJs: `/${publicEntry.file}`,
    staffHtml,
  };
}
