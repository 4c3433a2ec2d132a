import { sql } from 'drizzle-orm';
import { PUBLIC_LANGUAGES, type PublicLanguage } from '#shared/contracts/directory.ts';
import type { Language } from '#shared/contracts/languages.ts';
import { queryRows, type Tx } from '../db/database.ts';

/**
 * The languages table (migration 0166, ADR 0109), read by every feature that writes for clients:
 * the public pages, the directory's descriptions and handouts, and (issue 21, items 3–4) the
 * question sets a client answers on the agency's tablet. Readable by the public role.
 */
export async function listLanguages(tx: Tx): Promise<Language[]> {
  const rows = await queryRows<{
    code: string;
    tag: string;
    name: string;
    swedish_name: string;
    direction: 'ltr' | 'rtl';
    script: string;
    national_minority: boolean;
  }>(tx, sql`select code, tag, name, swedish_name, direction, script, national_minority from languages order by position, code`);
  return rows.map((row) => ({
    code: row.code,
    tag: row.tag,
    name: row.name,
    swedishName: row.swedish_name,
    direction: row.direction,
    script: row.script,
    nationalMinority: row.national_minority,
  }));
}

/** Swedish: the source language every text falls back to. */
export const SWEDISH: Language = {
  code: 'sv',
  tag: 'sv',
  name: 'Svenska',
  swedishName: 'Svenska',
  direction: 'ltr',
  script: 'Latn',
  nationalMinority: false,
};

/** The language with this code, or undefined. */
export function findLanguage(languages: readonly Language[], code: string | undefined): Language | undefined {
  return code === undefined ? undefined : languages.find((candidate) => candidate.code === code);
}

/**
 * The built-in catalogue (page chrome, directory labels, the handout's fixed text) a language is
 * shown with: its own where one exists and may be shown (`reviewed`, or any in demo mode), else
 * Swedish.
 */
export function chromeLanguage(code: string, mayShow: (code: PublicLanguage) => boolean): PublicLanguage {
  const builtIn = (PUBLIC_LANGUAGES as readonly string[]).includes(code) ? (code as PublicLanguage) : undefined;
  return builtIn && mayShow(builtIn) ? builtIn : 'sv';
}
