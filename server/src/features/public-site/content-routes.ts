import { z } from 'zod';
import { contentList, contentTranslation, PUBLIC_LANGUAGES, updateContentRequest } from '#shared/contracts/directory.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { auditSource } from '../../platform/http/register-routes.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { directoryMessages, editorOf } from '../directory/index.ts';
import { allTranslations, saveTranslation, translation, type ContentRow } from './content-repository.ts';

const tags = ['Information till allmänheten'];
const params = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/), language: z.enum(PUBLIC_LANGUAGES) });

const toTranslation = (row: ContentRow) => ({
  slug: row.slug,
  language: row.language,
  title: row.title,
  body: row.body,
  reviewStatus: row.review_status,
  version: Number(row.version),
  updatedAt: row.updated_at,
});

/** Knowledge editors keep the public pages: every save is a new version with who and when. */
export function contentRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/content',
      summary: 'Every public page with its translations and their review status',
      tags,
      access: { kind: 'permission', action: 'content.edit' },
      responses: { 200: { description: 'Pages', schema: contentList } },
      async handler({ db }) {
        const rows = await db((tx) => allTranslations(tx));
        const pages = new Map<string, Array<{ language: ContentRow['language']; title: string; reviewStatus: ContentRow['review_status']; version: number }>>();
        for (const row of rows) {
          const list = pages.get(row.slug) ?? [];
          list.push({ language: row.language, title: row.title, reviewStatus: row.review_status, version: Number(row.version) });
          pages.set(row.slug, list);
        }
        return { pages: [...pages].map(([slug, translations]) => ({ slug, translations })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/content/:slug/:language',
      summary: 'One translation of a public page, with its version',
      tags,
      access: { kind: 'permission', action: 'content.edit' },
      params,
      responses: { 200: { description: 'The translation', schema: contentTranslation } },
      async handler({ params: input, db }) {
        const row = await db((tx) => translation(tx, input.slug, input.language));
        if (!row) throw new AppError('not_found');
        return toTranslation(row);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/content/:slug/:language',
      summary: 'Save a translation and its review status; 409 version_conflict when someone else saved first',
      tags,
      access: { kind: 'permission', action: 'content.edit' },
      params,
      body: updateContentRequest,
      responses: { 200: { description: 'Saved', schema: contentTranslation } },
      async handler({ params: input, body, actor, request, db }) {
        const editor = editorOf(actor);
        return db(async (tx) => {
          const current = await translation(tx, input.slug, input.language);
          if (!current) throw new AppError('not_found');
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
          await recordAudit(tx, actor, auditSource(request), {
            action: 'content.edit',
            recordType: 'content_translation',
            recordId: `${input.slug}:${input.language}`,
            details: { version: next, reviewStatus: body.reviewStatus },
          });
          const saved = await translation(tx, input.slug, input.language);
          if (!saved) throw new AppError('not_found');
          return toTranslation(saved);
        });
      },
    }),
  ];
}
