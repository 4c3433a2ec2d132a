import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './platform/paths.ts';

/**
 * What the server loads before it can answer (issue 22, start-up ≤ 3 s): packages used only by an
 * export, a PDF, a mail or a set-up code are imported when first used. Loaded at start they took
 * about 1.3 s of CPU together (exceljs alone 0.6 s; docs/benchmarks.md, "Start-up").
 */
const LOADED_WHEN_USED = ['exceljs', 'pdfkit', 'nodemailer', 'qrcode', 'pdf-lib'];

/** The packages the bundle imports statically: what Node loads before the first line runs. */
function staticImports(bundle: string): string[] {
  return [...bundle.matchAll(/^import\s*(?:[^;'"]*?\sfrom\s*)?"([^"]+)";/gm)].map((match) => match[1]!).filter((specifier) => !specifier.startsWith('node:'));
}

describe('start-up imports', () => {
  it('loads no export, PDF, mail or set-up-code package before the server answers', () => {
    // Built by `npm run build` before this stage, as the other process tests expect.
    const bundle = fs.readFileSync(path.join(PROJECT_ROOT, '.cache', 'server', 'main.mjs'), 'utf8');
    const imports = staticImports(bundle);
    // The parse finds what start-up does need, so an empty list cannot pass by accident.
    expect(imports).toEqual(expect.arrayContaining(['fastify', '@electric-sql/pglite']));
    for (const lazy of LOADED_WHEN_USED) expect(imports.filter((specifier) => specifier === lazy || specifier.startsWith(`${lazy}/`))).toEqual([]);
    // …and those the server itself uses are still there, imported when first used (pdf-lib is the
    // attachment worker's).
    for (const lazy of LOADED_WHEN_USED.filter((name) => name !== 'pdf-lib')) expect(bundle).toContain(`import("${lazy}")`);
  });
});
