import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { prepareDatabase } from './startup.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { MigrationStateError } from './platform/db/migrator.ts';
import { openDatabase } from './platform/db/open-database.ts';
import { NoSystemConnectionError, RuntimeIsSystemMemberError } from './platform/db/postgres.ts';
import type { Database } from './platform/db/database.ts';
import { DemoDataInProductionError } from './platform/demo/demo-seed.ts';
import { WebBuildMissingError } from './platform/http/web-assets.ts';
import { startMetricsServer, type MetricsServer } from './platform/metrics/metrics-server.ts';

/** Errors that mean "cannot start like this": one clear line each, no stack trace. */
const STARTUP_REFUSALS = [
  ConfigError,
  DataDirLockedError,
  MigrationStateError,
  DemoDataInProductionError,
  WebBuildMissingError,
  NoSystemConnectionError,
  RuntimeIsSystemMemberError,
];

function fail(error: unknown): never {
  if (STARTUP_REFUSALS.some((type) => error instanceof type)) {
    process.stderr.write(`Upptäck cannot start: ${(error as Error).message}\n`);
  } else {
    process.stderr.write(`Upptäck failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error);
  }
  const started = performance.now();
  let database: Database | undefined;
  try {
    // Each step's share of the start-up is logged with the ready line: a slow start names its step.
    // performance.now() counts from the process's start: before `started`, Node loaded the bundle and its packages.
    const stepMs: Record<string, number> = { loadModules: Math.round(started) };
    let stepStarted = started;
    const stepDone = (step: string) => {
      const now = performance.now();
      stepMs[step] = Math.round(now - stepStarted);
      stepStarted = now;
    };
    database = await openDatabase(config);
    stepDone('openDatabase');
    await prepareDatabase(database, config);
    stepDone('prepareDatabase');
    const app = await buildApp({ config, database });
    stepDone('buildApp');
    app.context.webAssets();
    await app.server.listen({ port: config.port, host: config.host });
    stepDone('listen');
    app.jobs.start();
    let metricsServer: MetricsServer | undefined;
    if (config.metricsPort !== undefined) {
      metricsServer = await startMetricsServer({
        metrics: app.metrics,
        port: config.metricsPort,
        host: config.metricsHost,
        token: config.metricsToken,
        logger: app.server.log,
      });
      app.server.log.info({ metricsPort: metricsServer.port }, 'metrics served');
    }
    app.server.log.info({ database: database.kind, demoMode: config.demoMode, startupMs: Math.round(performance.now() - started), stepMs }, 'Upptäck is ready');

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.server.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        process.stderr.write('Shutdown took too long; exiting.\n');
        process.exit(1);
      }, 15_000);
      force.unref();
      // Stop accepting, let requests in flight finish, then the job in progress, then the database
      // — which is closed even if an earlier step failed, so the embedded one ends cleanly.
      let clean = true;
      for (const step of [() => app.server.close(), async () => metricsServer?.close(), () => app.jobs.stop(), () => database?.close()]) {
        try {
          await step();
        } catch (error) {
          clean = false;
          process.stderr.write(`Shutdown step failed: ${(error as Error)?.name ?? 'error'}\n`);
        }
      }
      process.exit(clean ? 0 : 1);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (error) {
    await database?.close().catch(() => {});
    fail(error);
  }
}

void main();
