import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Our publiccode.yml against the publiccode.yml standard 0.4 (provenance in
 * scripts/publiccode/README.md): catalogues of public-sector software reject a file with a
 * category outside the standard's list or without a mandatory key.
 */
const file = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const publiccode = parse(file('../publiccode.yml')) as Record<string, unknown>;
const CATEGORIES = file('./publiccode/categories-0.4.txt')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'));

/** Reads a key path such as `legal/license`, as the standard writes them. */
function at(path: string, from: unknown = publiccode): unknown {
  return path.split('/').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), from);
}

describe('publiccode.yml', () => {
  it('declares version 0.4 of the standard, whose category list is vendored', () => {
    expect(publiccode.publiccodeYmlVersion).toBe('0.4');
    expect(CATEGORIES).toHaveLength(105);
  });

  it('uses only categories from the standard’s list', () => {
    const categories = at('categories');
    expect(Array.isArray(categories) && categories.length > 0).toBe(true);
    expect((categories as string[]).filter((category) => !CATEGORIES.includes(category))).toEqual([]);
  });

  it('has every key the standard marks mandatory, with allowed values', () => {
    for (const key of [
      'name',
      'url',
      'platforms',
      'developmentStatus',
      'softwareType',
      'legal/license',
      'maintenance/type',
      'localisation/localisationReady',
      'localisation/availableLanguages',
    ]) {
      expect(at(key), key).toBeDefined();
    }
    expect(() => new URL(String(at('url')))).not.toThrow();
    expect(['concept', 'development', 'beta', 'stable', 'obsolete']).toContain(at('developmentStatus'));
    expect([
      'standalone/mobile',
      'standalone/iot',
      'standalone/desktop',
      'standalone/web',
      'standalone/backend',
      'standalone/other',
      'softwareAddon',
      'library',
      'configurationFiles',
    ]).toContain(at('softwareType'));
    expect(['internal', 'contract', 'community', 'none']).toContain(at('maintenance/type'));
    // Contacts are mandatory when the software is maintained internally or by a community.
    expect(at('maintenance/contacts')).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]));
    const descriptions = Object.values(at('description') as Record<string, unknown>);
    expect(descriptions.length).toBeGreaterThan(0);
    for (const description of descriptions) expect(at('shortDescription', description), 'shortDescription').toEqual(expect.any(String));
    expect(descriptions.some((description) => typeof at('longDescription', description) === 'string')).toBe(true);
    expect(descriptions.some((description) => Array.isArray(at('features', description)))).toBe(true);
  });
});
