// `npm start`: runs the bundled server (scripts/build-server.mjs) in this process, on the Node.js
// that npm put first on PATH (ADR 0001). The bundle and the web assets are rebuilt first when a
// source is newer.
import { pathToFileURL } from 'node:url';
import { serverBundle } from './build-server.mjs';
import { webAssets } from './build-web.mjs';

process.setSourceMapsEnabled(true);
webAssets();
await import(pathToFileURL(await serverBundle()).href);
