import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessContext, Database, Tx } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import type { Clock } from '../time/clock.ts';
import { jobs } from './schema.ts';
import { safeError } from '../logging/logger.ts';

/**
 * Long work (imports, exports, report compilation, demo history) runs as a job stored in the
 * database (ADR 0007): it survives a restart, shows its progress, and keeps its result for the
 * user who started it. One runner per process polls the table; PostgreSQL instances share it
 * through `for update skip locked`.
 */
export type JobRecord = typeof jobs.$inferSelect;

export type JobOutcome = {
  result?: Record<string, unknown>;
  file?: { content: Buffer; contentType: string; filename: string };
};

export type JobContext = {
  database: Database;
  clock: Clock;
  /** The row-level security context of the user who started the job. */
  access: AccessContext;
  reportProgress(done: number, total?: number): Promise<void>;
  signal: AbortSignal;
};

export type JobHandler = (job: JobRecord, context: JobContext) => Promise<JobOutcome>;

/**
 * Recurring maintenance (e.g. retention): the runner keeps exactly one queued or running job of
 * the kind, due at `next(now)`; when it has run, the next one is queued. A schedule's job runs as
 * the system (no tenant, no starter), so its handler works through `database.system`.
 */
export type Schedule = { kind: string; next(after: Date): Date };

/** A job failure whose code the user may see (e.g. `import_invalid`); anything else is `failed`. */
export class JobError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'JobError';
  }
}

const HEARTBEAT_MS = 5_000;
const STALE_MS = 4 * HEARTBEAT_MS;
const MAX_ATTEMPTS = 3;

export async function enqueueJob(
  tx: Tx,
  input: { kind: string; payload?: Record<string, unknown>; tenantId: string | null; createdBy: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(jobs)
    .values({ kind: input.kind, payload: input.payload ?? {}, tenantId: input.tenantId, createdBy: input.createdBy })
    .returning({ id: jobs.id });
  if (!row) throw new Error('job insert returned nothing');
  return row.id;
}

export type JobRunner = {
  start(): void;
  /** Stops polling and waits for the running job to finish. */
  stop(): Promise<void>;
  /** Runs queued jobs until none is due; for tests and the template build. */
  runUntilIdle(): Promise<number>;
  /** Wakes the poller now (after an enqueue in this process). */
  nudge(): void;
};

export function createJobRunner(deps: {
  database: Database;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  logger: FastifyBaseLogger;
  pollMs?: number;
  schedules?: Schedule[];
}): JobRunner {
  const { database, clock, handlers, logger } = deps;
  const schedules = deps.schedules ?? [];
  const pollMs = deps.pollMs ?? 1_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const abort = new AbortController();

  /**
   * Puts jobs whose runner died (no heartbeat for STALE_MS) back in the queue. At start-up on the
   * embedded database every running job is stale: the data-directory lock admits one process, so
   * whoever ran it is gone (e.g. `kill -9`). PostgreSQL may serve several instances, so there only
   * the heartbeat tells.
   */
  async function requeueStale(everyRunningJob: boolean): Promise<void> {
    const staleBefore = new Date(clock.now().getTime() - STALE_MS);
    await database.system((tx) =>
      tx
        .update(jobs)
        .set({ status: 'queued', heartbeatAt: null })
        .where(everyRunningJob ? eq(jobs.status, 'running') : and(eq(jobs.status, 'running'), lt(jobs.heartbeatAt, staleBefore))),
    );
  }
  let lastStaleCheck = 0;

  /** Queues the next run of every schedule that has none queued or running. */
  async function ensureScheduled(): Promise<void> {
    if (schedules.length === 0) return;
    await database.system(async (tx) => {
      // Several PostgreSQL instances may check at once: one at a time, so each kind is queued once.
      await tx.execute(sql`select pg_advisory_xact_lock(726200003)`);
      const kinds = schedules.map((schedule) => schedule.kind);
      const present = await queryRows<{ kind: string }>(
        tx,
        sql`select distinct kind from jobs where status in ('queued', 'running') and kind in (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})`,
      );
      for (const schedule of schedules) {
        if (present.some((row) => row.kind === schedule.kind)) continue;
        await tx.insert(jobs).values({ kind: schedule.kind, tenantId: null, createdBy: null, runAfter: schedule.next(clock.now()) });
      }
    });
  }

  async function claim(): Promise<JobRecord | undefined> {
    const now = clock.now();
    return database.system(async (tx) => {
      const [candidate] = await queryRows<{ id: string }>(
        tx,
        sql`select id from jobs where status = 'queued' and run_after <= ${now.toISOString()}::timestamptz
             order by created_at limit 1 for update skip locked`,
      );
      if (!candidate) return undefined;
      const [claimed] = await tx
        .update(jobs)
        .set({ status: 'running', startedAt: now, heartbeatAt: now, attempts: sql`${jobs.attempts} + 1` })
        .where(eq(jobs.id, candidate.id))
        .returning();
      return claimed;
    });
  }

  async function runJob(job: JobRecord): Promise<void> {
    const handler = handlers[job.kind];
    const heartbeat = setInterval(() => {
      void database.system((tx) => tx.update(jobs).set({ heartbeatAt: clock.now() }).where(eq(jobs.id, job.id))).catch(() => {});
    }, HEARTBEAT_MS);
    try {
      if (!handler) throw new JobError('unknown_job_kind');
      const outcome = await handler(job, {
        database,
        clock,
        signal: abort.signal,
        access: {
          role: 'upptack_app',
          settings: { tenant_id: job.tenantId ?? '', user_id: job.createdBy ?? '' },
        },
        reportProgress: async (done, total) => {
          await database.system((tx) =>
            tx
              .update(jobs)
              .set({ progressDone: done, ...(total !== undefined ? { progressTotal: total } : {}), heartbeatAt: clock.now() })
              .where(eq(jobs.id, job.id)),
          );
        },
      });
      await database.system((tx) =>
        tx
          .update(jobs)
          .set({
            status: 'succeeded',
            finishedAt: clock.now(),
            result: outcome.result ?? null,
            resultFile: outcome.file?.content ?? null,
            resultContentType: outcome.file?.contentType ?? null,
            resultFilename: outcome.file?.filename ?? null,
          })
          .where(eq(jobs.id, job.id)),
      );
    } catch (error) {
      if (abort.signal.aborted) {
        // Interrupted by a shutdown, not failed: the next start runs it again from the queue.
        logger.info({ jobKind: job.kind, jobId: job.id }, 'job interrupted by shutdown; requeued');
        await database.system((tx) =>
          tx.update(jobs).set({ status: 'queued', heartbeatAt: null, attempts: job.attempts - 1 }).where(eq(jobs.id, job.id)),
        );
        return;
      }
      const known = error instanceof JobError;
      const retry = !known && job.attempts < MAX_ATTEMPTS;
      logger.error({ error: known ? undefined : safeError(error), jobKind: job.kind, jobId: job.id, retry }, 'job failed');
      await database.system((tx) =>
        tx
          .update(jobs)
          .set(
            retry
              ? { status: 'queued', runAfter: new Date(clock.now().getTime() + 2 ** job.attempts * 1000) }
              : { status: 'failed', finishedAt: clock.now(), errorCode: known ? error.code : 'failed' },
          )
          .where(eq(jobs.id, job.id)),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function runNext(): Promise<boolean> {
    if (clock.now().getTime() - lastStaleCheck >= HEARTBEAT_MS) {
      lastStaleCheck = clock.now().getTime();
      await requeueStale(false);
      await ensureScheduled();
    }
    const job = await claim();
    if (!job) return false;
    await runJob(job);
    // The next run of a schedule is queued as soon as this one has finished.
    if (schedules.some((schedule) => schedule.kind === job.kind)) await ensureScheduled();
    return true;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) return;
      running = runNext()
        .then((didWork) => {
          running = undefined;
          schedule(didWork ? 0 : pollMs);
        })
        .catch((error: unknown) => {
          running = undefined;
          logger.error({ error: safeError(error) }, 'job runner error');
          schedule(pollMs);
        });
    }, delay);
  }

  return {
    start() {
      stopped = false;
      lastStaleCheck = clock.now().getTime();
      void requeueStale(database.kind === 'embedded')
        .then(ensureScheduled)
        .catch((error: unknown) => logger.error({ error: safeError(error) }, 'could not requeue stale jobs'))
        .finally(() => schedule(0));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      abort.abort();
      await running;
    },
    async runUntilIdle() {
      await ensureScheduled();
      let count = 0;
      while (await runNext()) count++;
      return count;
    },
    nudge() {
      if (!stopped && !running) schedule(0);
    },
  };
}
