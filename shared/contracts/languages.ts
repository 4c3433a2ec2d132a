import { z } from 'zod';

/**
 * Languages as data (issue 21, ADR 0109): the `languages` table holds every language the public
 * pages, handouts, directory descriptions and question sets may be written in. A language's code
 * is what URLs carry (`?lang=ti`); its tag is what `lang` attributes carry (lättläst svenska is
 * `lattlast` in URLs and `sv` on the page).
 */
export const TEXT_STATUSES = ['draft', 'machine', 'translated', 'reviewed'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

/**
 * Which statuses a client may be shown: outside demo mode only text a second person reviewed;
 * in demo mode also machine drafts and unreviewed translations, marked as such. Drafts never.
 */
export function visibleStatuses(demoMode: boolean): TextStatus[] {
  return demoMode ? ['machine', 'translated', 'reviewed'] : ['reviewed'];
}

export const LANGUAGE_CODE = /^(?:[a-z]{2,3}(?:-[a-z0-9]{2,8})*|lattlast)$/;

export const language = z.object({
  code: z.string(),
  tag: z.string(),
  name: z.string(),
  swedishName: z.string(),
  direction: z.enum(['ltr', 'rtl']),
  script: z.string(),
  nationalMinority: z.boolean(),
});
export type Language = z.infer<typeof language>;
export const languageList = z.object({ languages: z.array(language) });
