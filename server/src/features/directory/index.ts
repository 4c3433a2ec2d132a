import type { Feature } from '../../platform/feature.ts';
import { seedDemoDirectory } from './demo-data.ts';
import { IMPORT_STAGE_JOB, importStageJob } from './directory-import.ts';
import { directoryRoutes } from './directory-routes.ts';

/** The support directory (issue 4): search, editorial workflow, import/export, handout. */
export const directoryFeature: Feature = {
  name: 'directory',
  routes: directoryRoutes,
  jobHandlers: (context) => ({ [IMPORT_STAGE_JOB]: importStageJob(context.database) }),
  demoData: { order: 20, seed: seedDemoDirectory },
};

// The public surface other features use (ADR 0094): the public site searches the directory and
// edits its pages as a directory editor; its tests check the demo's protected address.
export { DEMO_PROTECTED_ADDRESS, DEMO_STAFF_ONLY_NUMBER } from './demo-data.ts';
export { editorFor, searchDirectory } from './directory-service.ts';
export { directoryMessages } from './messages.ts';
