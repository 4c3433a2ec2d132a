import { describe, expect, it } from 'vitest';
import { leafPaths, type Catalogue } from './messages.ts';

/**
 * Every catalogue in the code base: Swedish is complete, English has exactly the same keys, no
 * text is empty, and both languages use the same {placeholders}. (The type check already refuses
 * a missing key; this also catches catalogues built with casts.)
 */
const modules = import.meta.glob<Record<string, unknown>>(['/shared/**/*.ts', '/server/src/**/messages.ts', '/web/src/**/messages.ts', '!/**/*.test.ts'], {
  eager: true,
});

type Bilingual = { sv: Catalogue; en: Catalogue };
const isBilingual = (value: unknown): value is Bilingual =>
  typeof value === 'object' && value !== null && 'sv' in value && 'en' in value && Object.keys(value).length === 2;

function leafValues(catalogue: Catalogue, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leafValues(value, `${prefix}${key}.`),
  );
}

const catalogues = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isBilingual(value))
    .map(([name, value]) => ({ name: `${file}#${name}`, messages: value as Bilingual })),
);

describe('i18n catalogues', () => {
  it('finds the catalogues', () => {
    expect(catalogues.length).toBeGreaterThanOrEqual(5);
  });

  it.each(catalogues.map((c) => [c.name, c.messages] as const))('%s is complete in English', (_name, messages) => {
    expect(leafPaths(messages.en).sort()).toEqual(leafPaths(messages.sv).sort());
    const english = new Map(leafValues(messages.en));
    for (const [path, swedish] of leafValues(messages.sv)) {
      expect(swedish.trim(), `empty Swedish text at ${path}`).not.toBe('');
      const translated = english.get(path) ?? '';
      expect(translated.trim(), `empty English text at ${path}`).not.toBe('');
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(translated), `placeholders at ${path}`).toEqual(placeholders(swedish));
    }
  });
});
