import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';

/** The knowledge editors' API of the public pages (content is national, no organisation). */
async function page(context: CaseContext) {
  const [row] = await context.app.database.system((tx) =>
    queryRows<{ slug: string; language: string; version: number }>(
      tx,
      sql`select slug, language, version from content_translations order by slug, language limit 1`,
    ),
  );
  return row!;
}

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/languages',
    kind: 'anonymous',
    status: 200,
    coveredBy: 'server/src/features/public-site/public-pages.db.test.ts',
    call: async () => ({ url: '/api/v1/languages' }),
  },
  { route: 'GET /api/v1/content', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/content' }) },
  {
    route: 'GET /api/v1/content/:slug/:language',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => {
      const found = await page(context);
      return { url: `/api/v1/content/${found.slug}/${found.language}` };
    },
  },
  {
    route: 'PUT /api/v1/content/:slug/:language',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => {
      const found = await page(context);
      return {
        url: `/api/v1/content/${found.slug}/${found.language}`,
        body: { version: Number(found.version), title: 'Sidans rubrik', body: 'Sidans text.', reviewStatus: 'reviewed' },
      };
    },
  },
]);
