// `npm start`: runs the bundled server (scripts/build-server.mjs) in this process, on the Node.js
// that npm put first on PATH (ADR 0001). The bundle is rebuilt first when a source is newer.
import { pathToFileURL } from 'node:url';
import { serverBundle } from './build-server.mjs';

process.setSourceMapsEnabled(true);
await import(pathToFileURL(await serverBundle()).href);
