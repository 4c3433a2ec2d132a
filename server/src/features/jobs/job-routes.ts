import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { jobList, jobStatus } from '#shared/contracts/jobs.ts';
import { queryRows } from '../../platform/db/database.ts';
import { jobs } from '../../platform/jobs/schema.ts';
import { AppError, notFound, pick } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { jobMessages } from './messages.ts';

const jobParams = z.object({ id: z.string().uuid() });

/** How many of a user's jobs the list shows; older ones stay reachable by their id. */
const LIST_LIMIT = 50;

const statusColumns = {
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
};

type StatusRow = Pick<typeof jobs.$inferSelect, keyof typeof statusColumns>;

function toStatus(job: StatusRow): z.infer<typeof jobStatus> {
  return {
    ...job,
    hasFile: job.resultFilename !== null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A user follows their own long-running work here. Row-level security admits only jobs the
 * user started in the acting organisation; any other id is simply not found.
 */
export function jobRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/jobs',
      summary: 'The background jobs the caller started, newest first',
      tags: ['Jobb'],
      access: { kind: 'signed_in' },
      responses: { 200: { description: 'The jobs', schema: jobList } },
      async handler({ db }) {
        const rows = await db((tx) => tx.select(statusColumns).from(jobs).orderBy(desc(jobs.createdAt)).limit(LIST_LIMIT));
        return { jobs: rows.map(toStatus) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/jobs/:id',
      summary: 'Status and progress of a background job the caller started',
      tags: ['Jobb'],
      access: { kind: 'signed_in' },
      params: jobParams,
      responses: { 200: { description: 'The job', schema: jobStatus } },
      async handler({ params, db }) {
        const [job] = await db((tx) => tx.select(statusColumns).from(jobs).where(eq(jobs.id, params.id)));
        if (!job) throw notFound();
        return toStatus(job);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/jobs/:id/retry',
      summary: 'Start a failed job again, with a new attempt budget',
      description:
        'For a job that failed (refused, or dead-lettered after its attempts): it is queued afresh with the same input. Only the person who started it may; 409 when the job has not failed.',
      tags: ['Jobb'],
      access: { kind: 'signed_in' },
      params: jobParams,
      responses: { 200: { description: 'The job, queued again', schema: jobStatus } },
      async handler({ params, db }) {
        return db(async (tx) => {
          const [retried] = await queryRows<{ queued: boolean }>(tx, sql`select app_job_retry(${params.id}::uuid) as queued`);
          const [job] = await tx.select(statusColumns).from(jobs).where(eq(jobs.id, params.id));
          if (!job) throw notFound();
          if (!retried?.queued) throw new AppError('conflict', { detail: pick(jobMessages, (m) => m.notFailed) });
          return toStatus(job);
        });
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
          tx.select({ file: jobs.resultFile, contentType: jobs.resultContentType, filename: jobs.resultFilename }).from(jobs).where(eq(jobs.id, params.id)),
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
