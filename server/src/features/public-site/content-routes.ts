import { z } from 'zod';
import { contentList, contentTranslation, updateContentRequest } from '#shared/contracts/directory.ts';
import { languageList, LANGUAGE_CODE } from '#shared/contracts/languages.ts';
import { diffBlocks } from '#shared/i18n/text-diff.ts';
import { ANONYMOUS, type Tx } from '../../platform/db/database.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { findLanguage, listLanguages } from '../../platform/languages/languages.ts';
import { directoryMessages, editorFor } from '../directory/index.ts';
import { allTranslations, contentPages, saveTranslation, translation, translationVersion } from './content-repository.ts';

const tags = ['Information till allmänheten'];
const params = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/), language: z.string().regex(LANGUAGE_CODE).max(20) });

/**
 * The translator's view of one text (ADR 0109): the translation with its status and reviewer, the
 * Swedish source beside it, and what changed in each since the translation was last reviewed. A
 * language the table holds but the page has no text in yet answers version 0 with empty text.
 */
async function translationView(tx: Tx, slug: string, code: string): Promise<z.infer<typeof contentTranslation>> {
  const language = findLanguage(await listLanguages(tx), code);
  const page = (await contentPages(tx)).find((candidate) => candidate.slug === slug);
  if (!language || !page) throw new AppError('not_found');
  const row = await translation(tx, slug, code);
  const source = code === 'sv' ? undefined : await translation(tx, slug, 'sv');
  const reviewedText = row?.reviewed_version ? await translationVersion(tx, slug, code, Number(row.reviewed_version)) : undefined;
  const sourceAtReview = source && row?.source_version ? await translationVersion(tx, slug, 'sv', Number(row.source_version)) : undefined;
  return {
    slug,
    language: code,
    languageName: language.name,
    languageTag: language.tag,
    direction: language.direction,
    title: row?.title ?? '',
    body: row?.body ?? '',
    reviewStatus: row?.review_status ?? 'draft',
    version: Number(row?.version ?? 0),
    updatedAt: row?.updated_at ?? null,
    reviewedAt: row?.reviewed_at ?? null,
    reviewedByLabel: row?.reviewed_by_label ?? null,
    reviewedVersion: row?.reviewed_version === null || row?.reviewed_version === undefined ? null : Number(row.reviewed_version),
    source: source ? { title: source.title, body: source.body, version: Number(source.version) } : null,
    sourceChanges: source ? diffBlocks(sourceAtReview?.body ?? '', source.body) : [],
    changes: diffBlocks(reviewedText?.body ?? '', row?.body ?? ''),
  };
}

/** Knowledge editors and translators keep the public pages: every save is a new version with who and when. */
export function contentRoutes(context: FeatureContext): Route[] {
  const publicDb = <T>(work: (tx: Tx) => Promise<T>) => context.database.transaction(ANONYMOUS, work);
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/languages',
      summary: 'The languages texts for clients may be written in (code, name in the language, direction, script)',
      tags,
      access: { kind: 'public' },
      responses: { 200: { description: 'Languages', schema: languageList } },
      async handler() {
        return { languages: await publicDb((tx) => listLanguages(tx)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/content',
      summary: 'Every public page and snippet with its translations, their status and whether the Swedish changed since their review',
      tags,
      access: { kind: 'permission', action: 'content.edit' },
      responses: { 200: { description: 'Pages', schema: contentList } },
      async handler({ db }) {
        const [languages, pages, rows] = await db(async (tx) => [await listLanguages(tx), await contentPages(tx), await allTranslations(tx)] as const);
        return {
          languages: languages.map(({ code, name, swedishName, tag, direction }) => ({ code, name, swedishName, tag, direction })),
          pages: pages.map((page) => ({
            slug: page.slug,
            kind: page.kind,
            translations: rows
              .filter((row) => row.slug === page.slug)
              .map((row) => ({
                language: row.language,
                title: row.title,
                reviewStatus: row.review_status,
                version: Number(row.version),
                reviewedAt: row.reviewed_at,
                sourceChanged:
                  row.language !== 'sv' &&
                  row.review_status === 'reviewed' &&
                  row.source_current !== null &&
                  Number(row.source_version) !== Number(row.source_current),
              })),
          })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/content/:slug/:language',
      summary: "One translation of a public page beside its Swedish source, with what changed since the last review (the translator's view)",
      tags,
      access: { kind: 'permission', action: 'content.edit' },
      params,
      responses: { 200: { description: 'The translation', schema: contentTranslation } },
      async handler({ params: input, db }) {
        return db((tx) => translationView(tx, input.slug, input.language));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/content/:slug/:language',
      summary:
        'Save a translation and its status (version 0 adds a language); reviewed records the reviewer and date; 409 version_conflict when someone else saved first',
      tags,
      access: { kind: 'permission', action: 'content.edit' },
      params,
      body: updateContentRequest,
      responses: { 200: { description: 'Saved', schema: contentTranslation } },
      async handler({ params: input, body, caller, db }) {
        const editor = editorFor(caller);
        return db(async (tx) => {
          await translationView(tx, input.slug, input.language);
          const next = await saveTranslation(tx, {
            ...input,
            version: body.version,
            title: body.title,
            body: body.body,
            reviewStatus: body.reviewStatus,
            userId: editor.userId,
            label: editor.label,
          });
          if (next === undefined) throw new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.versionConflict) });
          await caller.audit(tx, {
            action: 'content.edit',
            recordType: 'content_translation',
            recordId: `${input.slug}:${input.language}`,
            details: { version: next, reviewStatus: body.reviewStatus },
          });
          return translationView(tx, input.slug, input.language);
        });
      },
    }),
  ];
}
