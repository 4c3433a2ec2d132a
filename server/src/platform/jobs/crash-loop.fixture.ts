/**
 * A process whose one job kills it (jobs.process.test.ts): opens the embedded database in the
 * directory given as the first argument, migrates it, enqueues the job when the second argument is
 * `enqueue`, and runs the job runner until that job is neither queued nor running. Then it prints
 * the job's row as one JSON line and exits 0 — unless the job killed it first (SIGKILL, as an
 * out-of-memory kill or a native crash would).
 */
import type { FastifyBaseLogger } from 'fastify';
import { eq } from 'drizzle-orm';
import { openEmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrator.ts';
import { systemClock } from '../time/clock.ts';
import { createJobRunner, enqueueJob } from './job-runner.ts';
import { jobs } from './schema.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash-loop.fixture.ts <dataDir> [enqueue]');
const write = (level: string) => (object: unknown, message?: string) =>
  process.stdout.write(`${JSON.stringify({ level, ...(typeof object === 'object' ? object : { msg: object }), msg: message })}\n`);
const logger = {
  info: write('info'),
  warn: write('warn'),
  error: write('error'),
  debug: () => {},
  trace: () => {},
  fatal: write('fatal'),
  child: () => logger,
} as unknown as FastifyBaseLogger;

const database = await openEmbeddedDatabase({ dataDir, clock: systemClock });
await migrate(database);
if (mode === 'enqueue') {
  const id = await database.system((tx) => enqueueJob(tx, { kind: 'test.crash', tenantId: null, createdBy: null }));
  process.stdout.write(`${JSON.stringify({ enqueued: id })}\n`);
}
const runner = createJobRunner({
  database,
  clock: systemClock,
  logger,
  pollMs: 20,
  handlers: {
    'test.crash': async () => {
      process.kill(process.pid, 'SIGKILL');
      return new Promise(() => {});
    },
  },
});
runner.start();
for (;;) {
  const [job] = await database.system((tx) => tx.select().from(jobs).where(eq(jobs.kind, 'test.crash')));
  if (job && job.status !== 'queued' && job.status !== 'running') {
    await runner.stop();
    await database.close();
    process.stdout.write(
      `${JSON.stringify({ job: { id: job.id, status: job.status, attempts: job.attempts, errorCode: job.errorCode, lease: job.lease } })}\n`,
    );
    process.exit(0);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
