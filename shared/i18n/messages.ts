/**
 * Typed message catalogues. Swedish is the source: a feature writes `sv` as a nested object of
 * strings and `en` as `Translation<typeof sv>`, so a missing or extra key fails type checking
 * (and therefore `npm test`). No runtime library: lookups are property accesses.
 */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

export type Catalogue = { readonly [key: string]: string | Catalogue };

export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

export type Messages<T extends Catalogue> = Readonly<Record<Locale, Translation<T>>>;

export function defineMessages<const T extends Catalogue>(sv: T, en: Translation<T>): Messages<T> {
  // Literal Swedish strings are strings, so the source is its own (exact) translation.
  return { sv: sv as unknown as Translation<T>, en };
}

/** Replaces `{name}` placeholders; a placeholder without a value is left visible. */
export function interpolate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language from an Accept-Language header; Swedish otherwise. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: quality ? Number(quality.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** Every leaf path of a catalogue, e.g. `errors.not_found`; used by the completeness test. */
export function leafPaths(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : leafPaths(value, `${prefix}${key}.`)));
}
