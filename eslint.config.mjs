// ESLint (flat config): typescript-eslint's recommended rules without type information (fast),
// and the import boundaries of docs/architecture.md, "Boundaries" (ADR 0094).
import './scripts/lint/typescript-6.mjs';
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const featuresIn = (dir) =>
  fs
    .readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const SERVER_FEATURES = featuresIn('./server/src/features/');
const WEB_FEATURES = featuresIn('./web/src/features/');
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Test code: the test files, the builders and the test registries that the generic tests collect. */
const TEST_CODE = ['**/*.test.ts', '**/*.test.tsx', '**/*builders.ts', '**/*.authz.ts', '**/*.isolation.ts', 'server/src/test-support/**'];
const NO_TEST_CODE = {
  regex: String.raw`(^|/)(test-support/|[^/]*builders\.ts$|[^/]*\.(authz|isolation)\.ts$|[^/]*\.test\.tsx?$)`,
  message: 'Production code imports no test code (builders, *.authz.ts, *.isolation.ts, test-support): it would ship in the bundle.',
};
const NO_FEATURE = {
  regex: String.raw`(^|/)features/`,
  message: 'The kernel (server/src/platform, shared) imports no feature: features contribute through their Feature object (ADR 0094).',
};
const NO_SERVER_OR_WEB = {
  regex: String.raw`(^|/)(server|web)/`,
  message: 'shared/ is imported by the server and the web app; it imports neither (ADR 0094).',
};

/** Another feature's folder, reached by a relative path, anywhere but its public index.ts. */
const otherFeatureInternals = (features, own) => ({
  regex: String.raw`^(\.\./)+(features/)?(${features
    .filter((name) => name !== own)
    .map(escape)
    .join('|')})/(?!index\.tsx?$)`,
  message: `A feature reaches another only through that feature's index.ts (ADR 0094).`,
});

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: patterns.filter(Boolean) }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'data/', '.cache/', 'test-results/', 'playwright-report/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A variable read by a closure before its one assignment (app.ts: the job runner) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  // Playwright reads a fixture's dependencies from its destructuring pattern, empty ones included.
  { files: ['e2e/**'], rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] } },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // Server: the kernel and shared/ import no feature; production code no test code.
  { files: ['server/src/**'], ignores: [...TEST_CODE, 'server/src/platform/**', 'server/src/features/**'], rules: restrict(NO_TEST_CODE) },
  { files: ['server/src/platform/**'], ignores: TEST_CODE, rules: restrict(NO_FEATURE, NO_TEST_CODE) },
  { files: ['shared/**'], ignores: TEST_CODE, rules: restrict(NO_FEATURE, NO_TEST_CODE, NO_SERVER_OR_WEB) },
  // Kernel tests run in the composed app: they may use the feature list and features' builders.
  {
    files: TEST_CODE.filter((glob) => glob.startsWith('**')).flatMap((glob) => [`server/src/platform/${glob}`, `shared/${glob}`]),
    rules: restrict({ ...NO_FEATURE, regex: String.raw`(^|/)features/[^/]+/(?![^/]*builders\.ts$)` }),
  },
  // A feature reaches another only through its index.ts; test code may also use the other's builders.
  ...SERVER_FEATURES.flatMap((feature) => [
    { files: [`server/src/features/${feature}/**`], ignores: TEST_CODE, rules: restrict(NO_TEST_CODE, otherFeatureInternals(SERVER_FEATURES, feature)) },
    {
      files: TEST_CODE.map((glob) => `server/src/features/${feature}/${glob.replace('server/src/test-support/**', '**/test-support/**')}`),
      rules: restrict({
        ...otherFeatureInternals(SERVER_FEATURES, feature),
        regex: otherFeatureInternals(SERVER_FEATURES, feature).regex.replace('(?!index\\.tsx?$)', '(?!index\\.tsx?$|[^/]*builders\\.ts$)'),
      }),
    },
  ]),
  // Web: features reach each other only through the web kernel (web/src/ui and the kernel modules
  // of web/src/app); the kernel imports no feature and no shell piece.
  ...WEB_FEATURES.map((feature) => ({
    files: [`web/src/features/${feature}/**`],
    rules: restrict(
      {
        regex: String.raw`^(\.\./)+(features/)?(${WEB_FEATURES.filter((name) => name !== feature)
          .map(escape)
          .join('|')})/`,
        message: 'A web feature reaches another only through the web kernel (web/src/ui, web/src/app/{api,locale,session,messages}; ADR 0094).',
      },
      {
        regex: String.raw`(^|/)app/(App|StaffLayout|IdleWarning|NotFoundPage|staff-routes|staff-navigation)\.tsx?$`,
        message: 'A web feature uses the web kernel, not the shell (ADR 0094).',
      },
    ),
  })),
  {
    files: ['web/src/ui/**', 'web/src/app/api.ts', 'web/src/app/locale.tsx', 'web/src/app/session.tsx', 'web/src/app/messages.ts'],
    rules: restrict(
      { regex: String.raw`(^|/)features/`, message: 'The web kernel imports no feature (ADR 0094).' },
      {
        regex: String.raw`(^|/)(App|StaffLayout|IdleWarning|NotFoundPage|staff-routes|staff-navigation)\.tsx?$`,
        message: 'The web kernel imports no shell piece (ADR 0094).',
      },
    ),
  },
);
