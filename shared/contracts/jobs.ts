import { z } from 'zod';

export const jobStatus = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progressDone: z.number().int(),
  progressTotal: z.number().int().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  hasFile: z.boolean(),
  resultFilename: z.string().nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatus>;

export const jobList = z.object({ jobs: z.array(jobStatus) });

/** A route that starts a job answers 202 with where to follow it. */
export const jobAccepted = z.object({ jobId: z.string().uuid() });
