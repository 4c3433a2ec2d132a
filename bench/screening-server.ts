/**
 * The platform for the screening benchmark, in a process of its own (the load generator must not
 * share its event loop): opens the benchmark database, builds the app as `npm start` does (no
 * response validation, logging off) and prints one JSON line with the port and the fixture.
 * Stopped with SIGTERM.
 */
import { buildApp } from '../server/src/app.ts';
import { testConfig } from '../server/src/config.ts';
import { openBenchDatabase, prepareFixture } from './screening-fixture.ts';

const { database, kind, cleanup } = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
const fixture = await prepareFixture(database);
const app = await buildApp({ config: testConfig({ logLevel: 'silent', databasePoolSize: 10 }), database });
await app.server.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, kind, fixture })}\n`);
process.on('SIGTERM', () => {
  void app.server
    .close()
    .then(cleanup)
    .then(() => process.exit(0));
});
