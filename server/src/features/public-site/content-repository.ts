import { sql } from 'drizzle-orm';
import type { ContentReviewStatus, PublicLanguage } from '#shared/contracts/directory.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';

/** Managed content (migration 0022): the only place that speaks SQL about it. */
export type ContentRow = {
  slug: string;
  language: PublicLanguage;
  title: string;
  body: string;
  review_status: ContentReviewStatus;
  version: number;
  updated_at: string;
};

const columns = sql`t.slug, t.language, t.title, t.body, t.review_status,
  to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at`;

/** As `upptack_public`: drafts are invisible by row-level security. */
export async function publishedPage(tx: Tx, slug: string, language: PublicLanguage): Promise<ContentRow | undefined> {
  const rows = await queryRows<ContentRow>(
    tx,
    sql`select ${columns}, 0 as version from content_translations t where t.slug = ${slug} and t.language in (${language}, 'sv')
        order by (t.language = ${language}) desc limit 1`,
  );
  return rows[0];
}

export async function publishedTitles(tx: Tx, language: PublicLanguage): Promise<Array<{ slug: string; title: string; language: PublicLanguage }>> {
  return queryRows(
    tx,
    sql`select distinct on (p.position) p.slug, t.title, t.language from content_pages p
        join content_translations t on t.slug = p.slug and t.language in (${language}, 'sv')
        order by p.position, (t.language = ${language}) desc`,
  );
}

export async function allTranslations(tx: Tx): Promise<ContentRow[]> {
  return queryRows<ContentRow>(
    tx,
    sql`select ${columns}, t.version from content_translations t join content_pages p on p.slug = t.slug order by p.position, t.language`,
  );
}

export async function translation(tx: Tx, slug: string, language: PublicLanguage): Promise<ContentRow | undefined> {
  const rows = await queryRows<ContentRow>(
    tx,
    sql`select ${columns}, t.version from content_translations t where t.slug = ${slug} and t.language = ${language}`,
  );
  return rows[0];
}

/** Saves a translation if it still has `version`; returns the new version or undefined on a conflict. */
export async function saveTranslation(
  tx: Tx,
  input: {
    slug: string;
    language: PublicLanguage;
    version: number;
    title: string;
    body: string;
    reviewStatus: ContentReviewStatus;
    userId: string;
    label: string;
  },
): Promise<number | undefined> {
  const rows = await queryRows<{ version: number }>(
    tx,
    sql`update content_translations set title = ${input.title}, body = ${input.body}, review_status = ${input.reviewStatus},
          version = version + 1, updated_at = app_now(), updated_by = ${input.userId}::uuid, updated_by_label = ${input.label}
        where slug = ${input.slug} and language = ${input.language} and version = ${input.version}
        returning version`,
  );
  const next = rows[0]?.version;
  if (next === undefined) return undefined;
  await tx.execute(
    sql`insert into content_translation_versions (slug, language, version, title, body, review_status, changed_by, changed_by_label)
        values (${input.slug}, ${input.language}, ${Number(next)}, ${input.title}, ${input.body}, ${input.reviewStatus}, ${input.userId}::uuid, ${input.label})`,
  );
  return Number(next);
}
