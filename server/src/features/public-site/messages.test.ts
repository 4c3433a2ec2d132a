import { describe, expect, it } from 'vitest';
import { PUBLIC_LANGUAGES } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { leafPaths, type Catalogue } from '#shared/i18n/messages.ts';
import { publicSiteMessages } from './messages.ts';

/** The four-language catalogues: every language has every text, none empty, same placeholders. */
function leaves(catalogue: Catalogue, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each([
  ['public chrome', publicSiteMessages],
  ['directory labels', directoryLabels],
])('%s', (_name, catalogues) => {
  it.each(PUBLIC_LANGUAGES.filter((language) => language !== 'sv'))('is complete in %s', (language) => {
    const source = catalogues.sv as unknown as Catalogue;
    const translated = catalogues[language] as unknown as Catalogue;
    expect(leafPaths(translated).sort()).toEqual(leafPaths(source).sort());
    const texts = new Map(leaves(translated));
    for (const [path, swedish] of leaves(source)) {
      expect(texts.get(path)?.trim(), `${language} ${path}`).not.toBe('');
      expect(placeholders(texts.get(path) ?? ''), `${language} ${path}`).toEqual(placeholders(swedish));
    }
  });
});
