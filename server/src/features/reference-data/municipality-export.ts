import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { jobAccepted } from '#shared/contracts/jobs.ts';
import { isLocale } from '#shared/i18n/messages.ts';
import { counties, municipalities } from '../../platform/db/reference-schema.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs/job-runner.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { referenceDataMessages } from './messages.ts';

/**
 * The municipality list as CSV, produced as a background job. The work is small; it is the
 * platform's reference use of the job pattern (ADR 0007) — start, follow the progress, come back
 * to the file — proven end to end in the browser and through a restart.
 */
export const MUNICIPALITY_EXPORT_JOB = 'reference-data.municipality-csv';

const exportPayload = z.object({ locale: z.string() });

export function municipalityExportJob(): JobHandler {
  return async (job, context) => {
    const requested = exportPayload.safeParse(job.payload);
    const locale = requested.success && isLocale(requested.data.locale) ? requested.data.locale : 'sv';
    const t = referenceDataMessages[locale].csv;
    const rows = await context.database.transaction(context.access, (tx) =>
      tx
        .select({ code: municipalities.code, name: municipalities.name, countyCode: counties.code, county: counties.name })
        .from(municipalities)
        .innerJoin(counties, eq(counties.code, municipalities.countyCode))
        .orderBy(asc(counties.code), asc(municipalities.code)),
    );
    const countyCodes = [...new Set(rows.map((row) => row.countyCode))];
    await context.reportProgress(0, countyCodes.length);
    const lines: string[][] = [];
    for (const [index, countyCode] of countyCodes.entries()) {
      for (const row of rows.filter((r) => r.countyCode === countyCode)) lines.push([row.code, row.name, row.countyCode, row.county]);
      await context.reportProgress(index + 1, countyCodes.length);
    }
    return {
      result: { municipalities: rows.length, counties: countyCodes.length },
      file: {
        content: Buffer.from(toCsv([t.municipalityCode, t.municipality, t.countyCode, t.county], lines), 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        filename: t.filename,
      },
    };
  };
}

export function municipalityExportRoutes(context: FeatureContext): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/reference-data/municipality-export',
      summary: 'Start a CSV export of every municipality and county; follow it at /api/v1/jobs/{jobId}',
      tags: ['Referensdata'],
      access: { kind: 'signed_in' },
      responses: { 202: { description: 'The export is queued', schema: jobAccepted } },
      async handler({ caller, locale, db, reply }) {
        const { actor } = caller;
        // A job's result belongs to the person who started it; a service account is no person.
        if (actor.kind !== 'user') throw new AppError('forbidden', { detail: pick(referenceDataMessages, (m) => m.onlyUsers) });
        const jobId = await db((tx) =>
          enqueueJob(tx, { kind: MUNICIPALITY_EXPORT_JOB, payload: { locale }, tenantId: actor.tenantId, createdBy: actor.userId }),
        );
        context.nudgeJobs();
        reply.code(202);
        return { jobId };
      },
    }),
  ];
}
