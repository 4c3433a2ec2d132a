// Runs after `npm ci`/`npm install`: builds the web assets, the server bundle and the demo
// template database, so `npm start` serves the platform within seconds of a fresh clone (issue 2).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
if (!fs.existsSync(bin('vite')) || !fs.existsSync(bin('tsx'))) {
  console.log('upptack postinstall: build tools not installed (production install without them?); skipping build.');
  process.exit(0);
}
const run = (command, args) => execFileSync(bin(command), args, { stdio: 'inherit' });
try {
  run('vite', ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  run('tsx', ['scripts/build-template.ts']);
} catch {
  console.error('upptack postinstall: the build failed (see above).');
  process.exit(1);
}
