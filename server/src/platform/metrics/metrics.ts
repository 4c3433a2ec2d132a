import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import client from 'prom-client';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import { onAuditWriteFailure } from '../audit/audit.ts';
import { AppError } from '../errors/app-error.ts';
import { ATTEMPTS_EXHAUSTED } from '../jobs/job-runner.ts';
import { safeError } from '../logging/logger.ts';
import type { Clock } from '../time/clock.ts';

/**
 * Prometheus metrics (issue 18, ADR 0089), served on their own port (metrics-server.ts). Labels
 * carry only route *patterns*, methods, status codes, job kinds and fixed words — never a URL, an
 * id, an address or anything typed by a person, so the scrape holds no personal data.
 */
export type Metrics = {
  registry: client.Registry;
  /** The HTTP histogram, the login-failure and the audit-failure counters, fed by the server's hooks. */
  instrument(server: FastifyInstance): void;
  /** The text a scrape gets (Prometheus exposition format). */
  render(): Promise<string>;
  contentType: string;
};

/** Seconds; from a fast cached answer to the 30 s statement timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A route's pattern; requests no route matched share one value (their URLs are not labels). */
export const UNMATCHED_ROUTE = 'unmatched';

const LOGIN_ROUTE = '/api/v1/auth/login';

type JobSnapshot = { queued: number; due: number; oldestDueSeconds: number; running: number; deadLetters: number };

export function createMetrics(deps: {
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Node.js process metrics (event-loop lag, memory, CPU, GC): on where metrics are served. */
  processMetrics: boolean;
}): Metrics {
  const { database, clock, logger } = deps;
  const registry = new client.Registry();
  if (deps.processMetrics) client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  const httpDuration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const loginFailures = new client.Counter({
    name: 'upptack_login_failures_total',
    help: 'Refused sign-ins: wrong credentials (reason "credentials") or throttled (reason "throttled")',
    labelNames: ['reason'] as const,
    registers: [registry],
  });

  const auditFailures = new client.Counter({
    name: 'upptack_audit_write_failures_total',
    help: 'Audit events that could not be written (the write they belonged to failed with them), by reason: database_unavailable or error',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  for (const reason of ['database_unavailable', 'error'] as const) auditFailures.inc({ reason }, 0);

  // Job queue: one query per scrape, shared by the gauges that report it.
  let snapshot: { at: number; value: Promise<JobSnapshot | undefined> } | undefined;
  const jobSnapshot = (): Promise<JobSnapshot | undefined> => {
    const now = clock.now();
    if (snapshot && Math.abs(now.getTime() - snapshot.at) < 1_000) return snapshot.value;
    const value = database
      .system((tx) =>
        queryRows<{ queued: number; due: number; oldest_due: string | null; running: number; dead: number }>(
          tx,
          sql`select count(*) filter (where status = 'queued')::int as queued,
                     count(*) filter (where status = 'queued' and run_after <= ${now.toISOString()}::timestamptz)::int as due,
                     min(run_after) filter (where status = 'queued' and run_after <= ${now.toISOString()}::timestamptz)::text as oldest_due,
                     count(*) filter (where status = 'running')::int as running,
                     count(*) filter (where status = 'failed' and error_code in ('failed', ${ATTEMPTS_EXHAUSTED}))::int as dead
                from jobs`,
        ),
      )
      .then(([row]) => ({
        queued: Number(row?.queued ?? 0),
        due: Number(row?.due ?? 0),
        oldestDueSeconds: row?.oldest_due ? Math.max(0, (now.getTime() - new Date(row.oldest_due).getTime()) / 1000) : 0,
        running: Number(row?.running ?? 0),
        deadLetters: Number(row?.dead ?? 0),
      }))
      .catch((error: unknown) => {
        // The database is down: the scrape still answers (process metrics, HTTP); these keep their last values.
        logger.warn({ error: safeError(error) }, 'metrics: job queue not readable');
        return undefined;
      });
    snapshot = { at: now.getTime(), value };
    return value;
  };
  const jobGauge = (name: string, help: string, read: (value: JobSnapshot) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const value = await jobSnapshot();
        if (value) this.set(read(value));
      },
    });
  jobGauge('upptack_job_queue_depth', 'Queued jobs that are due now', (value) => value.due);
  jobGauge('upptack_job_queue_waiting', 'Queued jobs, due or waiting for a retry or a schedule', (value) => value.queued);
  jobGauge('upptack_job_queue_oldest_age_seconds', 'How long the oldest due job has waited; 0 when none waits', (value) => value.oldestDueSeconds);
  jobGauge('upptack_jobs_running', 'Jobs running now (all instances)', (value) => value.running);
  jobGauge(
    'upptack_job_dead_letters',
    'Jobs failed for good after every attempt (ADR 0088); `failed` with error code failed or attempts_exhausted',
    (value) => value.deadLetters,
  );

  // The PostgreSQL connection pool of this instance; the embedded database has one connection and no pool.
  if (database.poolStats) {
    const stats = database.poolStats;
    new client.Gauge({
      name: 'upptack_db_pool_connections',
      help: 'Connections of the runtime pool by state (active = checked out)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const value = stats();
        this.set({ state: 'idle' }, value.idle);
        this.set({ state: 'active' }, value.total - value.idle);
      },
    });
    new client.Gauge({
      name: 'upptack_db_pool_waiting',
      help: 'Requests waiting for a free connection of the runtime pool',
      registers: [registry],
      collect() {
        this.set(stats().waiting);
      },
    });
    new client.Gauge({
      name: 'upptack_db_pool_max',
      help: 'The size of the runtime pool (DATABASE_POOL_SIZE)',
      registers: [registry],
      collect() {
        this.set(stats().max);
      },
    });
  }

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    instrument(server) {
      // Audit failures are reported process-wide; this server's registry counts them while it runs.
      const stopCountingAuditFailures = onAuditWriteFailure((reason) => auditFailures.inc({ reason }));
      server.addHook('onClose', async () => {
        stopCountingAuditFailures();
      });
      server.addHook('onResponse', async (request, reply) => {
        httpDuration.observe(
          { route: request.routeOptions.url ?? UNMATCHED_ROUTE, method: request.method, status_code: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
      server.addHook('onError', async (request, _reply, error) => {
        if (request.routeOptions.url !== LOGIN_ROUTE || !(error instanceof AppError)) return;
        if (error.code === 'unauthenticated') loginFailures.inc({ reason: 'credentials' });
        else if (error.code === 'too_many_requests') loginFailures.inc({ reason: 'throttled' });
      });
    },
  };
}
