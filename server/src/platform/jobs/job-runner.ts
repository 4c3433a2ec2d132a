import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessContext, Database, Tx } from '../db/database.ts';
import { queryRows, sqlState } from '../db/database.ts';
import type { Clock } from '../time/clock.ts';
import { jobs } from './schema.ts';
import { safeError } from '../logging/logger.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';

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
  /** Records progress and renews the lease; throws `LeaseLostError` once another runner holds the job. */
  reportProgress(done: number, total?: number): Promise<void>;
  /** Aborted on shutdown and when the lease is lost (the heartbeat found another holder). */
  signal: AbortSignal;
  /**
   * Call first in any transaction that writes the job's effect (ADR 0088): throws
   * `LeaseLostError` unless this runner still holds the job's lease, and keeps another runner from
   * taking the job over until the transaction has ended — so an effect commits under one lease only.
   */
  fence(tx: Tx): Promise<void>;
  /** A transaction with the starter's access, fenced: the usual way to write a job's effect. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Sends `mail` at most once per job and `key` (ADR 0105), however often the job is retried or
   * taken over: `sent` when this call sent it, `already_sent` when an earlier attempt did, and
   * `uncertain` when an earlier holder claimed it and may have sent it (it is not sent again).
   * Throws `LeaseLostError` when this runner no longer holds the job, and `JobError`
   * `mail_not_configured` without a mail server. A refusal by the mail server releases the key.
   */
  sendMailOnce(key: string, mail: OutgoingMail): Promise<MailOutcome>;
};

export type MailOutcome = 'sent' | 'already_sent' | 'uncertain';

/**
 * A failed send that certainly did not hand the message over, so a retry may send it: the mail
 * server answered with a refusal (an SMTP reply code), or nodemailer failed before the message
 * (connecting, DNS, signing in, the envelope). Anything else (the connection dropped during or
 * after the message) may have delivered it.
 */
function certainlyNotSent(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, code, command } = error as { responseCode?: unknown; code?: unknown; command?: unknown };
  if (typeof responseCode === 'number' && responseCode >= 400) return true;
  if (command === 'CONN') return true;
  return typeof code === 'string' && ['ECONNECTION', 'EDNS', 'EAUTH', 'EENVELOPE', 'ECONFIG'].includes(code);
}

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

/**
 * Another runner took the job over (its lease expired without a heartbeat, e.g. this process was
 * blocked): whatever this runner still does for the job must not be written.
 */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super('job lease lost');
    this.name = 'LeaseLostError';
  }
}

/** SQLSTATE raised by `app_job_fence` (migration 0125). */
const LEASE_LOST_SQLSTATE = 'UJ001';

export function isLeaseLost(error: unknown): boolean {
  return error instanceof LeaseLostError || sqlState(error) === LEASE_LOST_SQLSTATE;
}

/** How often a running job's lease is renewed. */
export const HEARTBEAT_MS = 5_000;
/** How long a lease lasts without renewal before another runner may take the job over. */
export const LEASE_MS = 30_000;
/** Attempts (claims, including those a crash ended) before a job is dead-lettered. */
export const MAX_ATTEMPTS = 3;
/**
 * The error code of a job dead-lettered because its runner ended on every attempt (a crash, `kill
 * -9`, a lost lease). One that threw on every attempt has `failed`; both are dead letters.
 */
export const ATTEMPTS_EXHAUSTED = 'attempts_exhausted';

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
  /** Tests shorten these; production uses HEARTBEAT_MS and LEASE_MS. */
  heartbeatMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Where `sendMailOnce` sends; without one (or unconfigured) it fails with `mail_not_configured`. */
  mailer?: Pick<Mailer, 'configured' | 'send'>;
}): JobRunner {
  const { database, clock, handlers, logger } = deps;
  const schedules = deps.schedules ?? [];
  const pollMs = deps.pollMs ?? 1_000;
  const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
  const leaseMs = deps.leaseMs ?? LEASE_MS;
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  const leaseUntil = () => new Date(clock.now().getTime() + leaseMs);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const abort = new AbortController();

  /**
   * Takes back jobs whose runner is gone: their lease expired without a heartbeat. At start-up on
   * the embedded database every running job is orphaned: the data-directory lock admits one
   * process, so whoever ran it is gone (e.g. `kill -9`). PostgreSQL may serve several instances,
   * so there only an expired lease tells. Taking over raises the fencing token, so a holder that
   * was merely blocked can no longer write; the attempt counts, and a job that has used all its
   * attempts (e.g. it crashes the process each time) is dead-lettered instead of queued again.
   * `skip locked` passes over a job whose holder is committing an effect right now (the fence's
   * lock): it is not expired in effect, and the next check sees its renewed lease.
   */
  async function takeOverExpired(everyRunningJob: boolean): Promise<void> {
    const now = clock.now();
    const expired = await database.system((tx) =>
      queryRows<{ id: string; kind: string; status: string }>(
        tx,
        sql`update jobs set
              lease = lease + 1, lease_expires_at = null, heartbeat_at = null,
              status = case when attempts >= ${maxAttempts} then 'failed' else 'queued' end,
              error_code = case when attempts >= ${maxAttempts} then ${ATTEMPTS_EXHAUSTED} else error_code end,
              finished_at = case when attempts >= ${maxAttempts} then ${now.toISOString()}::timestamptz else finished_at end
            where id in (select id from jobs where status = 'running'
                           ${everyRunningJob ? sql`` : sql`and coalesce(lease_expires_at, heartbeat_at + interval '20 seconds', '-infinity') < ${now.toISOString()}::timestamptz`}
                           for update skip locked)
            returning id, kind, status`,
      ),
    );
    for (const job of expired) {
      if (job.status === 'failed')
        logger.error({ jobKind: job.kind, jobId: job.id, errorCode: ATTEMPTS_EXHAUSTED }, 'job dead-lettered: its runner ended on every attempt');
      else logger.warn({ jobKind: job.kind, jobId: job.id }, 'job taken back: its runner is gone (lease expired)');
    }
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
        sql`select distinct kind from jobs where status in ('queued', 'running') and kind in (${sql.join(
          kinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})`,
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
        .set({
          status: 'running',
          startedAt: now,
          heartbeatAt: now,
          leaseExpiresAt: leaseUntil(),
          lease: sql`${jobs.lease} + 1`,
          attempts: sql`${jobs.attempts} + 1`,
        })
        .where(eq(jobs.id, candidate.id))
        .returning();
      return claimed;
    });
  }

  async function runJob(job: JobRecord): Promise<void> {
    const handler = handlers[job.kind];
    /** Every write about the job is conditional on still holding its lease. */
    const held = and(eq(jobs.id, job.id), eq(jobs.lease, job.lease), eq(jobs.status, 'running'));
    const lost = new AbortController();
    const signal = AbortSignal.any([abort.signal, lost.signal]);
    const renew = async (extra: Partial<typeof jobs.$inferInsert> = {}): Promise<void> => {
      const renewed = await database.system((tx) =>
        tx
          .update(jobs)
          .set({ ...extra, heartbeatAt: clock.now(), leaseExpiresAt: leaseUntil() })
          .where(held)
          .returning({ id: jobs.id }),
      );
      if (renewed.length === 0) {
        lost.abort();
        throw new LeaseLostError(job.id);
      }
    };
    const heartbeat = setInterval(() => {
      void renew().catch((error: unknown) => {
        if (!isLeaseLost(error)) logger.warn({ error: safeError(error), jobKind: job.kind, jobId: job.id }, 'job heartbeat failed');
      });
    }, heartbeatMs);
    const fence = async (tx: Tx): Promise<void> => {
      try {
        await tx.execute(sql`select app_job_fence(${job.id}::uuid, ${job.lease}::integer)`);
      } catch (error) {
        if (isLeaseLost(error)) {
          lost.abort();
          throw new LeaseLostError(job.id);
        }
        throw error;
      }
    };
    const sendMailOnce = async (key: string, mail: OutgoingMail): Promise<MailOutcome> => {
      const mailer = deps.mailer;
      if (!mailer?.configured) throw new JobError('mail_not_configured');
      if (lost.signal.aborted) throw new LeaseLostError(job.id);
      if (abort.signal.aborted) throw new Error('job interrupted by shutdown before sending mail');
      // The claim: fenced, so only the lease holder can make it, and one row per key.
      const claim = await database.system(async (tx) => {
        await fence(tx);
        const inserted = await queryRows<{ status: string }>(
          tx,
          sql`insert into job_mail (job_id, message_key, status, lease) values (${job.id}::uuid, ${key}, 'sending', ${job.lease})
              on conflict (job_id, message_key) do nothing returning status`,
        );
        if (inserted.length > 0) return 'claimed' as const;
        const [existing] = await queryRows<{ status: string }>(tx, sql`select status from job_mail where job_id = ${job.id}::uuid and message_key = ${key}`);
        return existing?.status === 'sent' ? ('already_sent' as const) : ('uncertain' as const);
      });
      if (claim === 'already_sent') return claim;
      if (claim === 'uncertain') {
        logger.warn({ jobKind: job.kind, jobId: job.id }, 'job mail not sent again: an earlier holder claimed it and may have sent it');
        return claim;
      }
      const mine = sql`job_id = ${job.id}::uuid and message_key = ${key} and lease = ${job.lease} and status = 'sending'`;
      try {
        await mailer.send(mail);
      } catch (error) {
        // Refused before it was handed over: release the key so a retry sends it. Otherwise the
        // key stays claimed and the message is never sent twice.
        if (certainlyNotSent(error)) await database.system((tx) => tx.execute(sql`delete from job_mail where ${mine}`));
        throw error;
      }
      // Recorded even if the lease was lost meanwhile: it is the truth, and it keeps a new holder from sending.
      await database.system((tx) => tx.execute(sql`update job_mail set status = 'sent', sent_at = ${clock.now().toISOString()}::timestamptz where ${mine}`));
      return 'sent';
    };
    const access: AccessContext = {
      role: 'upptack_app',
      settings: { tenant_id: job.tenantId ?? '', user_id: job.createdBy ?? '' },
    };
    try {
      if (!handler) throw new JobError('unknown_job_kind');
      const outcome = await handler(job, {
        database,
        clock,
        signal,
        access,
        fence,
        sendMailOnce,
        transaction: (work) =>
          database.transaction(access, async (tx) => {
            await fence(tx);
            return work(tx);
          }),
        reportProgress: (done, total) => renew({ progressDone: done, ...(total !== undefined ? { progressTotal: total } : {}) }),
      });
      const stored = await database.system((tx) =>
        tx
          .update(jobs)
          .set({
            status: 'succeeded',
            finishedAt: clock.now(),
            leaseExpiresAt: null,
            result: outcome.result ?? null,
            resultFile: outcome.file?.content ?? null,
            resultContentType: outcome.file?.contentType ?? null,
            resultFilename: outcome.file?.filename ?? null,
          })
          .where(held)
          .returning({ id: jobs.id }),
      );
      if (stored.length === 0) throw new LeaseLostError(job.id);
    } catch (error) {
      if (lost.signal.aborted || isLeaseLost(error)) {
        // Another runner holds the job now: its outcome is theirs to write, not ours.
        logger.warn({ jobKind: job.kind, jobId: job.id }, 'job lease lost to another runner; this run is discarded');
        return;
      }
      if (abort.signal.aborted) {
        // Interrupted by a shutdown, not failed: the next start runs it again from the queue.
        logger.info({ jobKind: job.kind, jobId: job.id }, 'job interrupted by shutdown; requeued');
        await database.system((tx) =>
          tx
            .update(jobs)
            .set({ status: 'queued', heartbeatAt: null, leaseExpiresAt: null, attempts: job.attempts - 1 })
            .where(held),
        );
        return;
      }
      const known = error instanceof JobError;
      const retry = !known && job.attempts < maxAttempts;
      logger.error(
        { error: known ? undefined : safeError(error), jobKind: job.kind, jobId: job.id, retry },
        retry || known ? 'job failed' : 'job dead-lettered: every attempt failed',
      );
      await database.system((tx) =>
        tx
          .update(jobs)
          .set(
            retry
              ? { status: 'queued', leaseExpiresAt: null, runAfter: new Date(clock.now().getTime() + 2 ** job.attempts * 1000) }
              : { status: 'failed', leaseExpiresAt: null, finishedAt: clock.now(), errorCode: known ? error.code : 'failed' },
          )
          .where(held),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function runNext(): Promise<boolean> {
    if (clock.now().getTime() - lastStaleCheck >= heartbeatMs) {
      lastStaleCheck = clock.now().getTime();
      await takeOverExpired(false);
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
      void takeOverExpired(database.kind === 'embedded')
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
