import { sql } from 'drizzle-orm';
import type { ContentReviewStatus } from '#shared/contracts/directory.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/** Managed content (migrations 0022, 0166): the only place that speaks SQL about it. */
export type ContentRow = {
  slug: string;
  language: string;
  title: string;
  body: string;
  review_status: ContentReviewStatus;
  version: number;
  updated_at: string | null;
};

export type TranslationRow = ContentRow & {
  reviewed_version: number | null;
  reviewed_at: string | null;
  reviewed_by_label: string | null;
  source_version: number | null;
};

const stamp = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const columns = sql`t.slug, t.language, t.title, t.body, t.review_status, ${stamp('t.updated_at')} as updated_at`;

/**
 * As `upptack_public` (drafts are invisible by row-level security): the page in the language when
 * its text has a status the reader may see (`visible`), else the Swedish source.
 */
export async function publishedPage(tx: Tx, slug: string, language: string, visible: readonly string[]): Promise<ContentRow | undefined> {
  const rows = await queryRows<ContentRow>(
    tx,
    sql`select ${columns}, 0 as version from content_translations t join content_pages p on p.slug = t.slug and p.kind = 'page'
        where t.slug = ${slug} and (t.language = 'sv' or (t.language = ${language} and t.review_status = any(${textArray([...visible])})))
        order by (t.language = ${language}) desc limit 1`,
  );
  return rows[0];
}

/** A snippet (the interpreter line) in the language when visible, and always in Swedish. */
export async function publishedSnippet(
  tx: Tx,
  slug: string,
  language: string,
  visible: readonly string[],
): Promise<{ own: ContentRow | undefined; swedish: ContentRow | undefined }> {
  const rows = await queryRows<ContentRow>(
    tx,
    sql`select ${columns}, 0 as version from content_translations t
        where t.slug = ${slug} and (t.language = 'sv' or (t.language = ${language} and t.review_status = any(${textArray([...visible])})))`,
  );
  return { own: language === 'sv' ? undefined : rows.find((row) => row.language === language), swedish: rows.find((row) => row.language === 'sv') };
}

export async function publishedTitles(tx: Tx, language: string, visible: readonly string[]): Promise<Array<{ slug: string; title: string; language: string }>> {
  return queryRows(
    tx,
    sql`select distinct on (p.position) p.slug, t.title, t.language from content_pages p
        join content_translations t on t.slug = p.slug
          and (t.language = 'sv' or (t.language = ${language} and t.review_status = any(${textArray([...visible])})))
        where p.kind = 'page'
        order by p.position, (t.language = ${language}) desc`,
  );
}

const translationColumns = sql`${columns}, t.version, t.reviewed_version, ${stamp('t.reviewed_at')} as reviewed_at, t.reviewed_by_label, t.source_version`;

export async function allTranslations(tx: Tx): Promise<Array<TranslationRow & { kind: 'page' | 'snippet'; source_current: number | null }>> {
  return queryRows(
    tx,
    sql`select ${translationColumns}, p.kind, s.version as source_current
        from content_translations t join content_pages p on p.slug = t.slug
        left join content_translations s on s.slug = t.slug and s.language = 'sv'
        order by p.position, t.language`,
  );
}

export async function contentPages(tx: Tx): Promise<Array<{ slug: string; kind: 'page' | 'snippet' }>> {
  return queryRows(tx, sql`select slug, kind from content_pages order by position`);
}

export async function translation(tx: Tx, slug: string, language: string): Promise<TranslationRow | undefined> {
  const rows = await queryRows<TranslationRow>(
    tx,
    sql`select ${translationColumns} from content_translations t where t.slug = ${slug} and t.language = ${language}`,
  );
  return rows[0];
}

/** A past version of a translation, from its history. */
export async function translationVersion(tx: Tx, slug: string, language: string, version: number): Promise<{ title: string; body: string } | undefined> {
  const rows = await queryRows<{ title: string; body: string }>(
    tx,
    sql`select title, body from content_translation_versions where slug = ${slug} and language = ${language} and version = ${version}`,
  );
  return rows[0];
}

/**
 * Saves a translation if it still has `version` (0: a language that has none yet); returns the new
 * version or undefined on a conflict. Marking it reviewed records the reviewer, the date, the
 * version reviewed and the Swedish source's version it was reviewed against.
 */
export async function saveTranslation(
  tx: Tx,
  input: {
    slug: string;
    language: string;
    version: number;
    title: string;
    body: string;
    reviewStatus: ContentReviewStatus;
    userId: string;
    label: string;
  },
): Promise<number | undefined> {
  const reviewed = input.reviewStatus === 'reviewed';
  const sourceVersion = sql`(select s.version from content_translations s where s.slug = ${input.slug} and s.language = 'sv')`;
  const rows =
    input.version === 0
      ? await queryRows<{ version: number }>(
          tx,
          sql`insert into content_translations (slug, language, title, body, review_status, version, updated_at, updated_by, updated_by_label,
                reviewed_version, reviewed_at, reviewed_by, reviewed_by_label, source_version)
              values (${input.slug}, ${input.language}, ${input.title}, ${input.body}, ${input.reviewStatus}, 1, app_now(), ${input.userId}::uuid, ${input.label},
                ${reviewed ? 1 : null}::int, ${reviewed ? sql`app_now()` : sql`null`}, ${reviewed ? input.userId : null}::uuid, ${reviewed ? input.label : null},
                ${reviewed ? sourceVersion : sql`null`})
              on conflict (slug, language) do nothing
              returning version`,
        )
      : await queryRows<{ version: number }>(
          tx,
          sql`update content_translations set title = ${input.title}, body = ${input.body}, review_status = ${input.reviewStatus},
                version = version + 1, updated_at = app_now(), updated_by = ${input.userId}::uuid, updated_by_label = ${input.label}
                ${
                  reviewed
                    ? sql`, reviewed_version = version + 1, reviewed_at = app_now(), reviewed_by = ${input.userId}::uuid,
                          reviewed_by_label = ${input.label}, source_version = ${sourceVersion}`
                    : sql``
                }
              where slug = ${input.slug} and language = ${input.language} and version = ${input.version}
              returning version`,
        );
  const next = rows[0]?.version;
  if (next === undefined) return undefined;
  await tx.execute(
    sql`insert into content_translation_versions (slug, language, version, title, body, review_status, changed_by, changed_by_label, source_version)
        values (${input.slug}, ${input.language}, ${Number(next)}, ${input.title}, ${input.body}, ${input.reviewStatus}, ${input.userId}::uuid, ${input.label},
          ${sourceVersion})`,
  );
  return Number(next);
}
