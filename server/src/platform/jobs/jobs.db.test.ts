import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '#shared/contracts/jobs.ts';
import { createUser, type TestUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { queryRows, type AccessContext } from '../db/database.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import {
  ATTEMPTS_EXHAUSTED,
  createJobRunner,
  enqueueJob,
  JobError,
  LEASE_MS,
  MAX_ATTEMPTS,
  type JobHandler,
  type JobRunner,
  type MailOutcome,
} from './job-runner.ts';
import { jobs } from './schema.ts';

/** A promise the test resolves when it is ready to let a job go on. */
function latch() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const accessOf = (user: TestUser): AccessContext => ({ role: 'upptack_app', settings: { tenant_id: user.tenantId, user_id: user.id } });

describe('background jobs (ADR 0007)', () => {
  let app: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let otherAgency: TestUser;
  let asOwner: ApiClient;
  const handlers: Record<string, JobHandler> = {};

  /** The mail server of these tests: records what it accepted; `gate` may hold or refuse a send. */
  const delivered: OutgoingMail[] = [];
  let gate: (mail: OutgoingMail) => Promise<void> = async () => {};
  const mailer = {
    configured: true,
    async send(mail: OutgoingMail) {
      await gate(mail);
      delivered.push(mail);
    },
  };
  const runner = (options: { heartbeatMs?: number } = {}): JobRunner =>
    createJobRunner({ database: app.database, clock: app.clock, handlers, logger: app.server.log, pollMs: 20, mailer, ...options });
  const enqueue = (kind: string, user = owner) =>
    app.database.transaction(accessOf(user), (tx) => enqueueJob(tx, { kind, tenantId: user.tenantId, createdBy: user.id }));
  const row = async (id: string) => (await app.database.system((tx) => tx.select().from(jobs).where(eq(jobs.id, id))))[0]!;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await createUser(app.database, { organisation: 'FK' });
    colleague = await createUser(app.database, { organisation: 'FK' });
    otherAgency = await createUser(app.database, { organisation: 'AF' });
    asOwner = await signIn(app, owner);
  });
  afterAll(() => app.close());

  it('shows progress while the job runs, then the result and the file, to the user who started it', async () => {
    const halfway = latch();
    const proceed = latch();
    handlers['test.progress'] = async (_job, context) => {
      await context.reportProgress(2, 5);
      halfway.open();
      await proceed.opened;
      await context.reportProgress(5, 5);
      return { result: { rows: 5 }, file: { content: Buffer.from('a;b\n1;2\n'), contentType: 'text/csv; charset=utf-8', filename: 'result.csv' } };
    };
    const id = await enqueue('test.progress');
    const queued = await asOwner.get(`/api/v1/jobs/${id}`);
    expect(queued.json<JobStatus>()).toMatchObject({ id, status: 'queued', progressDone: 0, hasFile: false });

    const done = runner().runUntilIdle();
    await halfway.opened;
    const running = await asOwner.get(`/api/v1/jobs/${id}`);
    expect(running.status).toBe(200);
    expect(running.json<JobStatus>()).toMatchObject({ status: 'running', progressDone: 2, progressTotal: 5 });
    proceed.open();
    expect(await done).toBe(1);

    const finished = await asOwner.get(`/api/v1/jobs/${id}`);
    expect(finished.json<JobStatus>()).toMatchObject({
      status: 'succeeded',
      progressDone: 5,
      result: { rows: 5 },
      hasFile: true,
      resultFilename: 'result.csv',
    });
    const file = await asOwner.get(`/api/v1/jobs/${id}/result`);
    expect(file.status).toBe(200);
    expect(file.body).toBe('a;b\n1;2\n');
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe('attachment; filename="result.csv"');
    expect(file.headers['cache-control']).toBe('no-store');
  });

  it('keeps the job and its file from everyone but the user who started it', async () => {
    handlers['test.file'] = async () => ({ file: { content: Buffer.from('secret'), contentType: 'text/plain', filename: 'x.txt' } });
    const id = await enqueue('test.file');
    await runner().runUntilIdle();
    expect((await asOwner.get(`/api/v1/jobs/${id}/result`)).status).toBe(200);
    for (const user of [colleague, otherAgency]) {
      const client = await signIn(app, user);
      for (const url of [`/api/v1/jobs/${id}`, `/api/v1/jobs/${id}/result`]) {
        const response = await client.get(url);
        expect(response.status, `${user.organisation} ${url}`).toBe(404);
        expect(response.body).not.toContain('secret');
      }
      expect((await client.get('/api/v1/jobs')).json<{ jobs: JobStatus[] }>().jobs.map((job) => job.id)).not.toContain(id);
    }
    expect((await anonymous(app).get(`/api/v1/jobs/${id}`)).status).toBe(401);
  });

  it("lists the caller's own jobs, newest first, so they can come back to a result", async () => {
    const first = await enqueue('test.file');
    // The app's clock stamps each job; a job is newer when the clock has moved on.
    app.clock.advance(1_000);
    const second = await enqueue('test.file');
    await enqueue('test.file', colleague);
    const listed = (await asOwner.get('/api/v1/jobs')).json<{ jobs: JobStatus[] }>().jobs.map((job) => job.id);
    expect(listed.indexOf(second)).toBeLessThan(listed.indexOf(first));
    expect(listed.indexOf(first)).toBeGreaterThanOrEqual(0);
    await runner().runUntilIdle();
  });

  it('survives a restart: a job left running by a dead process is queued again and completes', async () => {
    handlers['test.resumable'] = async (job, context) => {
      await context.reportProgress(3, 3);
      return { result: { attempt: job.attempts } };
    };
    const id = await enqueue('test.resumable');
    // What `kill -9` leaves behind: running, progress half-way, the last heartbeat long ago.
    const died = new Date(app.clock.now().getTime() - 60_000);
    await app.database.system((tx) =>
      tx.update(jobs).set({ status: 'running', attempts: 1, progressDone: 1, progressTotal: 3, startedAt: died, heartbeatAt: died }).where(eq(jobs.id, id)),
    );
    expect((await asOwner.get(`/api/v1/jobs/${id}`)).json<JobStatus>()).toMatchObject({ status: 'running', progressDone: 1 });

    const restarted = runner();
    restarted.start();
    await vi.waitFor(async () => expect((await row(id)).status).toBe('succeeded'), { timeout: 20_000, interval: 50 });
    await restarted.stop();
    expect((await asOwner.get(`/api/v1/jobs/${id}`)).json<JobStatus>()).toMatchObject({ status: 'succeeded', progressDone: 3, result: { attempt: 2 } });
  });

  it('on the embedded database, requeues every running job at start — only one process can hold the data directory', async () => {
    handlers['test.quick'] = async () => ({ result: { ok: true } });
    const id = await enqueue('test.quick');
    const now = app.clock.now();
    await app.database.system((tx) => tx.update(jobs).set({ status: 'running', attempts: 1, startedAt: now, heartbeatAt: now }).where(eq(jobs.id, id)));
    const restarted = runner();
    restarted.start();
    if (app.database.kind === 'embedded') {
      await vi.waitFor(async () => expect((await row(id)).status).toBe('succeeded'), { timeout: 20_000, interval: 50 });
    } else {
      // PostgreSQL may serve several instances: a fresh heartbeat means another one runs it.
      await vi.waitFor(async () => expect((await row(id)).status).toBe('running'), { timeout: 20_000, interval: 50 });
      app.clock.advance(60_000);
      restarted.nudge();
      await vi.waitFor(async () => expect((await row(id)).status).toBe('succeeded'), { timeout: 20_000, interval: 50 });
    }
    await restarted.stop();
  });

  it('puts a job interrupted by shutdown back in the queue instead of failing it', async () => {
    const started = latch();
    handlers['test.interruptible'] = (_job, context) =>
      new Promise((_resolve, reject) => {
        started.open();
        context.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const id = await enqueue('test.interruptible');
    const instance = runner();
    instance.start();
    await started.opened;
    await instance.stop();
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0, errorCode: null });
    handlers['test.interruptible'] = async () => ({ result: { resumed: true } });
    await runner().runUntilIdle();
    expect(await row(id)).toMatchObject({ status: 'succeeded', result: { resumed: true } });
  });

  it("fails with the job's own code at once, and retries an unexpected fault with back-off before failing", async () => {
    handlers['test.refused'] = async () => {
      throw new JobError('import_invalid');
    };
    handlers['test.faulty'] = async () => {
      throw new Error('disk full');
    };
    const refused = await enqueue('test.refused');
    const faulty = await enqueue('test.faulty');
    await runner().runUntilIdle();
    expect(await row(refused)).toMatchObject({ status: 'failed', errorCode: 'import_invalid', attempts: 1 });
    expect(await row(faulty)).toMatchObject({ status: 'queued', attempts: 1 });
    for (let attempt = 2; attempt <= 3; attempt++) {
      app.clock.advance(60_000);
      await runner().runUntilIdle();
    }
    expect(await row(faulty)).toMatchObject({ status: 'failed', errorCode: 'failed', attempts: 3 });
    const status = (await asOwner.get(`/api/v1/jobs/${faulty}`)).json<JobStatus>();
    expect(status).toMatchObject({ status: 'failed', errorCode: 'failed' });
    expect(JSON.stringify(status)).not.toContain('disk full');
  });

  describe('leases (issue 18, ADR 0088)', () => {
    it('dead-letters a job whose runner ended on every attempt instead of queueing it forever', async () => {
      handlers['test.never'] = async () => ({ result: { ran: true } });
      const id = await enqueue('test.never');
      // What a crash on the last attempt leaves: running, every attempt used, the lease expired.
      const died = new Date(app.clock.now().getTime() - 2 * LEASE_MS);
      await app.database.system((tx) =>
        tx
          .update(jobs)
          .set({ status: 'running', attempts: MAX_ATTEMPTS, lease: 7, startedAt: died, heartbeatAt: died, leaseExpiresAt: died })
          .where(eq(jobs.id, id)),
      );
      await runner().runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'failed', errorCode: ATTEMPTS_EXHAUSTED, attempts: MAX_ATTEMPTS, lease: 8, result: null });
      // The user sees it failed, not forever running or queued.
      expect((await asOwner.get(`/api/v1/jobs/${id}`)).json<JobStatus>()).toMatchObject({ status: 'failed', errorCode: ATTEMPTS_EXHAUSTED });
      await runner().runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    });

    it('lets the person who started a dead-lettered job start it again, and no one else', async () => {
      let runs = 0;
      handlers['test.flaky'] = async () => ({ result: { run: ++runs } });
      const id = await enqueue('test.flaky');
      const died = new Date(app.clock.now().getTime() - 2 * LEASE_MS);
      await app.database.system((tx) =>
        tx
          .update(jobs)
          .set({ status: 'running', attempts: MAX_ATTEMPTS, progressDone: 2, progressTotal: 9, startedAt: died, heartbeatAt: died, leaseExpiresAt: died })
          .where(eq(jobs.id, id)),
      );
      await runner().runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'failed', errorCode: ATTEMPTS_EXHAUSTED });

      for (const user of [colleague, otherAgency]) {
        const response = await (await signIn(app, user)).post(`/api/v1/jobs/${id}/retry`, {});
        expect(response.status, user.organisation).toBe(404);
      }
      expect(await row(id)).toMatchObject({ status: 'failed' });

      const retried = await asOwner.post(`/api/v1/jobs/${id}/retry`, {});
      expect(retried.status).toBe(200);
      expect(retried.json<JobStatus>()).toMatchObject({ status: 'queued', errorCode: null, progressDone: 0, progressTotal: null, finishedAt: null });
      expect(await row(id)).toMatchObject({ attempts: 0 });
      await runner().runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'succeeded', attempts: 1, result: { run: 1 } });

      // A job that has not failed is not started twice.
      const again = await asOwner.post(`/api/v1/jobs/${id}/retry`, {});
      expect(again.status).toBe(409);
      expect(again.json<{ detail: string }>().detail).toContain('misslyckats');
      expect(runs).toBe(1);
    });

    it('never lets a second runner take over a slow job whose heartbeat renews its lease', async () => {
      let runs = 0;
      const started = latch();
      const proceed = latch();
      handlers['test.slow'] = async () => {
        runs++;
        started.open();
        await proceed.opened;
        return { result: { runs } };
      };
      const id = await enqueue('test.slow');
      const first = runner({ heartbeatMs: 20 });
      first.start();
      await started.opened;
      // Time passes well beyond one lease; the heartbeat keeps renewing it.
      for (let step = 0; step < 4; step++) {
        app.clock.advance(LEASE_MS / 2);
        const due = app.clock.now().getTime();
        await vi.waitFor(async () => expect((await row(id)).leaseExpiresAt!.getTime()).toBeGreaterThan(due), { timeout: 10_000, interval: 20 });
        expect(await runner().runUntilIdle()).toBe(0);
      }
      expect(runs).toBe(1);
      proceed.open();
      await vi.waitFor(async () => expect((await row(id)).status).toBe('succeeded'), { timeout: 10_000, interval: 20 });
      await first.stop();
      expect(await row(id)).toMatchObject({ status: 'succeeded', attempts: 1, result: { runs: 1 } });
    });

    it('refuses the effect and the outcome of a holder whose lease was taken over (a blocked process)', async () => {
      const followUps = async (id: string) =>
        (
          await app.database.system((tx) =>
            tx
              .select()
              .from(jobs)
              .where(and(eq(jobs.kind, 'test.follow-up'), sql`payload->>'after' = ${id}`)),
          )
        ).length;
      handlers['test.follow-up'] = async () => ({});
      const blocked = latch();
      const unblock = latch();
      let invocation = 0;
      // The job's effect is a database write: it enqueues a follow-up job, in a fenced transaction.
      handlers['test.effect'] = async (job, context) => {
        const mine = ++invocation;
        if (mine === 1) {
          blocked.open();
          await unblock.opened;
        }
        await context.transaction((tx) =>
          enqueueJob(tx, { kind: 'test.follow-up', payload: { after: job.id }, tenantId: job.tenantId, createdBy: job.createdBy }),
        );
        return { result: { invocation: mine } };
      };
      const id = await enqueue('test.effect');
      // The first holder never beats (as if its event loop were blocked) and its lease expires.
      const stale = runner({ heartbeatMs: 3_600_000 });
      stale.start();
      await blocked.opened;
      app.clock.advance(LEASE_MS + 1_000);
      // A second runner takes the job over and completes it: one follow-up.
      const second = runner();
      await second.runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'succeeded', result: { invocation: 2 }, attempts: 2 });
      expect(await followUps(id)).toBe(1);
      // The first holder wakes up: its effect is refused and it leaves the job as it is.
      unblock.open();
      await stale.stop();
      expect(await followUps(id)).toBe(1);
      expect(await row(id)).toMatchObject({ status: 'succeeded', result: { invocation: 2 }, attempts: 2 });
    });

    it('refuses a fenced write outright once the lease number has moved on', async () => {
      const id = await enqueue('test.never');
      await app.database.system((tx) => tx.update(jobs).set({ status: 'running', lease: 3 }).where(eq(jobs.id, id)));
      const fence = (lease: number) => app.database.transaction(accessOf(owner), (tx) => tx.execute(sql`select app_job_fence(${id}::uuid, ${lease}::integer)`));
      await expect(fence(3)).resolves.toBeDefined();
      await expect(fence(2)).rejects.toMatchObject({ cause: expect.objectContaining({ code: 'UJ001' }) });
      await app.database.system((tx) => tx.update(jobs).set({ status: 'failed' }).where(eq(jobs.id, id)));
    });
  });
  describe('mail sent by a job is fenced (issue 18, ADR 0105)', () => {
    const to = (key: string) => delivered.filter((mail) => mail.to === key).length;

    it('sends each message once when the job fails after sending and is retried', async () => {
      const outcomes: MailOutcome[][] = [];
      handlers['test.mail-retry'] = async (job, context) => {
        const attempt: MailOutcome[] = [];
        outcomes.push(attempt);
        attempt.push(await context.sendMailOnce('first', { to: `first-${job.id}`, subject: 's', text: 't' }));
        if (job.attempts === 1) throw new Error('crashed between two messages');
        attempt.push(await context.sendMailOnce('second', { to: `second-${job.id}`, subject: 's', text: 't' }));
        return { result: { attempt: job.attempts } };
      };
      const id = await enqueue('test.mail-retry');
      await runner().runUntilIdle();
      // The retry waits for its backoff.
      app.clock.advance(10_000);
      await runner().runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(outcomes).toEqual([['sent'], ['already_sent', 'sent']]);
      expect(to(`first-${id}`)).toBe(1);
      expect(to(`second-${id}`)).toBe(1);
      const stored = await app.database.system((tx) =>
        queryRows<{ message_key: string; status: string }>(tx, sql`select message_key, status from job_mail where job_id = ${id}::uuid order by message_key`),
      );
      expect(stored).toEqual([
        { message_key: 'first', status: 'sent' },
        { message_key: 'second', status: 'sent' },
      ]);
    });

    it('never sends twice when a blocked holder loses its lease, before or while sending', async () => {
      const blocked = latch();
      const unblock = latch();
      const sending = latch();
      const letSendFinish = latch();
      const outcomes: Array<MailOutcome | string> = [];
      let invocation = 0;
      handlers['test.mail-takeover'] = async (job, context) => {
        const mine = ++invocation;
        if (mine === 1) {
          // The first holder is blocked before its first message and loses its lease meanwhile.
          blocked.open();
          await unblock.opened;
        }
        for (const key of ['a', 'b']) {
          try {
            outcomes.push(`${mine}:${key}:${await context.sendMailOnce(key, { to: `${key}-${job.id}`, subject: 's', text: 't' })}`);
          } catch (error) {
            outcomes.push(`${mine}:${key}:${(error as Error).name}`);
            throw error;
          }
        }
        return { result: { invocation: mine } };
      };
      const id = await enqueue('test.mail-takeover');
      const stale = runner({ heartbeatMs: 3_600_000 });
      stale.start();
      await blocked.opened;
      app.clock.advance(LEASE_MS + 1_000);
      // The second holder sends 'a', and is held by the mail server while sending 'b'.
      gate = async (mail) => {
        if (mail.to === `b-${id}`) {
          sending.open();
          await letSendFinish.opened;
        }
      };
      const second = runner({ heartbeatMs: 3_600_000 });
      second.start();
      await sending.opened;
      // The first holder wakes up: its claim of 'a' is refused by the fence, nothing is sent.
      unblock.open();
      await vi.waitFor(() => expect(outcomes).toContain('1:a:LeaseLostError'), { timeout: 10_000, interval: 20 });
      // Its runner finishes with the job (on a server, on its own connection) before the clock moves on.
      await stale.stop();
      // While 'b' is being handed over, the second holder's lease expires too and a third runner
      // takes the job over: it finds 'a' sent and 'b' claimed, and sends neither again.
      app.clock.advance(LEASE_MS + 1_000);
      const third = runner();
      await third.runUntilIdle();
      expect(outcomes).toContain('3:a:already_sent');
      expect(outcomes).toContain('3:b:uncertain');
      letSendFinish.open();
      await vi.waitFor(() => expect(outcomes).toContain('2:b:sent'), { timeout: 10_000, interval: 20 });
      await second.stop();
      gate = async () => {};
      expect(to(`a-${id}`)).toBe(1);
      expect(to(`b-${id}`)).toBe(1);
      expect(await row(id)).toMatchObject({ status: 'succeeded', result: { invocation: 3 } });
    });

    it('releases a message the mail server refused, so the retry sends it once', async () => {
      let refuse = true;
      gate = async () => {
        if (refuse) throw Object.assign(new Error('452 mailbox full'), { responseCode: 452, command: 'RCPT TO' });
      };
      handlers['test.mail-refused'] = async (job, context) => ({
        result: { outcome: await context.sendMailOnce('only', { to: `only-${job.id}`, subject: 's', text: 't' }) },
      });
      const id = await enqueue('test.mail-refused');
      await runner().runUntilIdle();
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1 });
      refuse = false;
      app.clock.advance(10_000);
      await runner().runUntilIdle();
      gate = async () => {};
      expect(await row(id)).toMatchObject({ status: 'succeeded', result: { outcome: 'sent' } });
      expect(to(`only-${id}`)).toBe(1);
    });

    it('does not resend a message whose hand-over broke off (it may have been delivered)', async () => {
      let drop = true;
      gate = async () => {
        if (drop) throw Object.assign(new Error('Connection closed unexpectedly'), { code: 'ESOCKET', command: 'DATA' });
      };
      handlers['test.mail-dropped'] = async (job, context) => ({
        result: { outcome: await context.sendMailOnce('only', { to: `dropped-${job.id}`, subject: 's', text: 't' }) },
      });
      const id = await enqueue('test.mail-dropped');
      await runner().runUntilIdle();
      drop = false;
      app.clock.advance(10_000);
      await runner().runUntilIdle();
      gate = async () => {};
      expect(await row(id)).toMatchObject({ status: 'succeeded', result: { outcome: 'uncertain' } });
      expect(to(`dropped-${id}`)).toBe(0);
    });
  });
});
