import type { Feature } from '../feature.ts';
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
