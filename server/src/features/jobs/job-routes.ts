import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { jobStatus } from '#shared/contracts/jobs.ts';
import { jobs } from '../../platform/jobs/schema.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';

const jobParams = z.object({ id: z.string().uuid() });

/**
 * A user follows their own long-running work here. Row-level security admits only jobs the
 * user started in the acting organisation; any other id is simply not found.
 */
export function jobRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/jobs/:id',
      summary: 'Status and progress of a background job the caller started',
      tags: ['Jobb'],
      access: { kind: 'signed_in' },
      params: jobParams,
      responses: { 200: { description: 'The job', schema: jobStatus } },
      async handler({ params, db }) {
        const [job] = await db((tx) =>
          tx
            .select({
              id: jobs.id,
              kind: jobs.kind,
              status: jobs.status,
              progressDone: jobs.progressDone,
              progressTotal: jobs.progressTotal,
              result: jobs.result,
              resultFilename: jobs.resultFilename,
              errorCode: jobs.errorCode,
              createdAt: jobs.createdAt,
              finishedAt: jobs.finishedAt,
            })
            .from(jobs)
            .where(eq(jobs.id, params.id)),
        );
        if (!job) throw notFound();
        return {
          ...job,
          hasFile: job.resultFilename !== null,
          createdAt: job.createdAt.toISOString(),
          finishedAt: job.finishedAt?.toISOString() ?? null,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/jobs/:id/result',
      summary: 'Download the file a finished job produced',
      tags: ['Jobb'],
      access: { kind: 'signed_in' },
      params: jobParams,
      responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } },
      async handler({ params, db, reply }) {
        const [job] = await db((tx) =>
          tx
            .select({ file: jobs.resultFile, contentType: jobs.resultContentType, filename: jobs.resultFilename })
            .from(jobs)
            .where(eq(jobs.id, params.id)),
        );
        if (!job?.file || !job.filename) throw notFound();
        return reply
          .header('content-type', job.contentType ?? 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${job.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
          .header('cache-control', 'no-store')
          .send(job.file);
      },
    }),
  ];
}
