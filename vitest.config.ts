import { defineConfig } from 'vitest/config';

// The suites run on the project's Node 24 (ADR 0001), which npm scripts put first on PATH. Called
// straight from a shell, vitest runs on the machine's Node instead, where e.g. a worker thread
// ignores `--import tsx` and the attachment checks fail for no reason in the code.
if (Number(process.versions.node.split('.')[0]) < 24) {
  throw new Error(
    `The tests need Node.js 24 (this is ${process.version}): run them through npm, e.g. \`npm run test:db\`, or put node_modules/.bin first on PATH.`,
  );
}

/**
 * Three layers, named by file suffix (conventions): `*.test.ts` are fast unit tests, `*.db.test.ts`
 * run against a real database — PGlite by default, PostgreSQL when DATABASE_URL is set (and
 * then also `*.postgres.db.test.ts`, what exists only on a server); each
 * database test file gets its own copy of a migrated template database. `*.process.test.ts` start
 * the server as real processes (signals, `kill -9`, a second process, production start) on the
 * embedded database, and on a throwaway PostgreSQL cluster of their own for its faults.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.{ts,tsx}', 'shared/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.{ts,tsx}', '**/*.process.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['server/**/*.db.test.{ts,tsx}', 'bench/**/*.db.test.ts'],
          // `*.postgres.db.test.ts` hold what exists only on a server (logins, SET ROLE): they run
          // in the PostgreSQL run (DATABASE_URL), are not part of the embedded one, and are never
          // reported as skipped.
          exclude: process.env.DATABASE_URL ? ['**/node_modules/**'] : ['**/*.postgres.db.test.ts', '**/node_modules/**'],
          globalSetup: ['server/src/test-support/db-global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each worker holds a few in-memory PGlite copies (~60 MB each); two fit the 2 cores.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['server/**/*.process.test.ts'],
          globalSetup: ['server/src/test-support/process-global-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Each test starts real servers (and a production start runs initdb): one file at a time.
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
