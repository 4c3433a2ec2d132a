import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import { createMeasureRegistry } from './platform/measures/measure.ts';
import { FEATURES } from './features/index.ts';
import type { Feature, FeatureContext } from './platform/feature.ts';
import { createRecordTypeRegistry } from './platform/access/record-types.ts';
import { loginThrottleHook } from './features/auth/auth-routes.ts';
import { publicPageSettings, renderNotFoundPage, renderTooManyWritesPage } from './features/public-site/public-pages.tsx';
import { sendPage } from './platform/html/page-kit.tsx';
import { createAuthenticator } from './platform/auth/authenticate.ts';
import { createSessionStore } from './platform/auth/sessions.ts';
import { createFieldCipher } from './platform/crypto/field-encryption.ts';
import type { Database } from './platform/db/database.ts';
import { AppError } from './platform/errors/app-error.ts';
import { handleError, sendProblem } from './platform/errors/error-handler.ts';
import { limitJsonDepth } from './platform/http/json-body.ts';
import { registerRoutes } from './platform/http/register-routes.ts';
import type { Route } from './platform/http/route.ts';
import { createPublicWriteLimit, isPublicWrite } from './platform/http/public-write-limit.ts';
import { applySecurityHeaders } from './platform/http/security-headers.ts';
import { RAW_UPLOAD_LIMIT_BYTES, RAW_UPLOAD_TYPE } from './platform/http/uploads.ts';
import { loadWebAssets, WEB_DIST, type WebAssets } from './platform/http/web-assets.ts';
import { demoHistoryJob, DEMO_HISTORY_JOB } from './platform/demo/demo-seed.ts';
import { AUDIT_CHECKPOINT_JOB, AUDIT_CHECKPOINT_SCHEDULE, auditCheckpointJob, checkpointKey } from './platform/audit/checkpoint.ts';
import { createJobRunner, type JobHandler, type JobRunner } from './platform/jobs/job-runner.ts';
import { loggerOptions, PrivacyLogController, requestIdFrom } from './platform/logging/logger.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { createMetrics, type Metrics } from './platform/metrics/metrics.ts';

export type AppDeps = {
  config: Config;
  /** Also the source of time: `database.clock` (ADR 0019). */
  database: Database;
  /** Check responses against their schemas (tests). */
  validateResponses?: boolean;
  /** Features besides the platform's own (test fixtures, e.g. the example record type). */
  extraFeatures?: Feature[];
  /** Where log lines go instead of stdout (tests scan them for leaks). */
  logStream?: { write(line: string): void };
};

export type App = {
  server: FastifyInstance;
  context: FeatureContext;
  jobs: JobRunner;
  /** Prometheus metrics; main.ts serves them on METRICS_PORT when set (ADR 0089). */
  metrics: Metrics;
  /** The API routes declared with defineRoute (the OpenAPI document is made from these). */
  routes: Route[];
  /** Everything registered on the HTTP server, however it got there (tests compare the two). */
  registeredRoutes: Array<{ method: string; url: string }>;
};

/** Builds the whole platform without listening: main.ts listens, tests use `inject`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const { clock } = database;
  const features = [...FEATURES, ...(deps.extraFeatures ?? [])];
  const https = config.publicUrl?.startsWith('https:') ?? false;
  const server = Fastify({
    logger: loggerOptions(config, deps.logStream),
    logController: new PrivacyLogController(),
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    // The router's own refusals (an undecodable URL, an overlong parameter) are answered before
    // any hook runs: without this they would be Fastify's JSON, not a problem document.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      applySecurityHeaders(reply, https);
      handleError(error, request, reply);
    },
  });

  const registeredRoutes: App['registeredRoutes'] = [];
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registeredRoutes.push({ method, url: route.url });
  });

  const sessions = createSessionStore({ database, config, clock });
  const cipher = createFieldCipher(config.encryptionKey, config.encryptionKeyPrevious ? [config.encryptionKeyPrevious] : []);
  const routes: Route[] = [];
  let webAssets: WebAssets | undefined;
  let jobRunner: JobRunner | undefined;
  const context: FeatureContext = {
    config,
    database,
    clock,
    sessions,
    cipher,
    nudgeJobs: () => jobRunner?.nudge(),
    allRoutes: () => routes,
    webAssets: () => (webAssets ??= loadWebAssets({ demoMode: config.demoMode })),
    recordTypes: createRecordTypeRegistry(features.flatMap((feature) => feature.recordTypes?.() ?? [])),
    measures: createMeasureRegistry(features.flatMap((feature) => feature.measures?.() ?? [])),
  };

  const metrics = createMetrics({ database, clock, logger: server.log, processMetrics: config.metricsPort !== undefined });
  metrics.instrument(server);

  await server.register(fastifyCookie);
  // Pages and API answers are compressed per request, quickly (brotli quality 4); hashed assets
  // are compressed once at build time at the best quality (web/build/precompress.ts). ADR 0090.
  await server.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  limitJsonDepth(server);
  server.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  server.addContentTypeParser(RAW_UPLOAD_TYPE, { parseAs: 'buffer', bodyLimit: RAW_UPLOAD_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  server.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    applySecurityHeaders(reply, https);
  });
  server.addHook('onRequest', loginThrottleHook(context));
  const publicWrites = createPublicWriteLimit({ clock, limit: config.publicWriteLimit });
  server.addHook('onRequest', async (request, reply) => {
    if (!isPublicWrite(request.method, request.url)) return;
    const wait = publicWrites.hit(request.ip);
    if (wait === 0) return;
    if (request.url.startsWith('/api/')) throw new AppError('too_many_requests', { headers: { 'retry-after': String(wait) } });
    reply.header('retry-after', String(wait));
    return sendPage(reply, renderTooManyWritesPage(request, publicPageSettings(context), wait), 429);
  });
  server.setErrorHandler((error, request, reply) => handleError(error as Error, request, reply));

  for (const feature of features) routes.push(...(feature.routes?.(context) ?? []));
  registerRoutes(server, routes, {
    database,
    authenticator: createAuthenticator({ database, sessions, clock }),
    clock,
    validateResponses: deps.validateResponses ?? false,
  });
  for (const feature of features) feature.pages?.(server, context);

  // The staff app: one HTML page for every path under /personal/, hashed assets cached forever.
  server.get('/personal', async (_request, reply) => reply.redirect('/personal/', 301));
  server.get('/personal/*', async (_request, reply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(context.webAssets().staffHtml),
  );
  if (fs.existsSync(path.join(WEB_DIST, 'assets'))) {
    await server.register(fastifyStatic, {
      root: path.join(WEB_DIST, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      wildcard: true,
      preCompressed: true,
    });
  }

  server.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return sendProblem(request, reply, 'route_not_found');
    if (request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
      return sendPage(reply, renderNotFoundPage(request, publicPageSettings(context)), 404);
    }
    return sendProblem(request, reply, 'route_not_found');
  });

  const handlers: Record<string, JobHandler> = { [DEMO_HISTORY_JOB]: demoHistoryJob(FEATURES, context) };
  for (const feature of features) Object.assign(handlers, feature.jobHandlers?.(context) ?? {});
  // The audit checkpoint is the platform's, not a feature's: it writes to the log stream.
  handlers[AUDIT_CHECKPOINT_JOB] = auditCheckpointJob(database, checkpointKey(config), server.log);
  const schedules = [AUDIT_CHECKPOINT_SCHEDULE, ...features.flatMap((feature) => feature.schedules?.() ?? [])];
  jobRunner = createJobRunner({ database, clock, handlers, logger: server.log, schedules, mailer: createMailer(config) });

  return { server, context, jobs: jobRunner, metrics, routes, registeredRoutes };
}
