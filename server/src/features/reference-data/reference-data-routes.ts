import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { counties, municipalities } from '../../platform/db/reference-schema.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';

const referenceData = z.object({
  counties: z.array(z.object({ code: z.string(), name: z.string() })),
  municipalities: z.array(z.object({ code: z.string(), name: z.string(), countyCode: z.string() })),
});

const SWEDISH = new Intl.Collator('sv');

/** Public facts (SCB codes); cached in memory, they change only with a migration. */
export function referenceDataRoutes(context: FeatureContext): Route[] {
  let cached: z.infer<typeof referenceData> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/reference-data',
      summary: 'Counties and municipalities with their SCB codes',
      tags: ['Referensdata'],
      access: { kind: 'public' },
      responses: { 200: { description: 'Reference data', schema: referenceData } },
      async handler() {
        cached ??= await context.database.transaction({ role: 'upptack_public', settings: {} }, async (tx) => ({
          counties: await tx.select().from(counties).orderBy(asc(counties.code)),
          // Sorted here: the database's C collation would put Å before Ä and Ö after both wrongly.
          municipalities: (
            await tx.select({ code: municipalities.code, name: municipalities.name, countyCode: municipalities.countyCode }).from(municipalities)
          ).sort((a, b) => SWEDISH.compare(a.name, b.name)),
        }));
        return cached;
      },
    }),
  ];
}
