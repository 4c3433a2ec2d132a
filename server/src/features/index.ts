import type { Feature } from '../platform/feature.ts';
import { administrationFeature } from './administration/index.ts';
import { identityFeature } from './identity/index.ts';
import { auditFeature } from './audit/index.ts';
import { recordsFeature } from './records/index.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { jobRoutes } from './jobs/job-routes.ts';
import { operationsRoutes } from './operations/operations-routes.ts';
import { permissionRoutes } from './permissions/permission-routes.ts';
import { referenceDataRoutes } from './reference-data/reference-data-routes.ts';
import { MUNICIPALITY_EXPORT_JOB, municipalityExportJob, municipalityExportRoutes } from './reference-data/municipality-export.ts';
import { registerPublicSitePages } from './public-site/public-pages.tsx';
import { contentRoutes } from './public-site/content-routes.ts';
import { directoryFeature } from './directory/index.ts';
import { surveysFeature } from './surveys/index.ts';
import { screeningFeature } from './screening/index.ts';
import { collaborationFeature } from './collaboration/index.ts';
import { competenceFeature } from './competence/index.ts';
import { followUpFeature } from './follow-up/index.ts';

/** Every capability of the platform. A new feature folder adds one entry here. */
export const FEATURES: Feature[] = [
  { name: 'operations', routes: operationsRoutes },
  { name: 'public-site', pages: registerPublicSitePages, routes: contentRoutes },
  {
    name: 'reference-data',
    routes: (context) => [...referenceDataRoutes(context), ...municipalityExportRoutes(context)],
    jobHandlers: () => ({ [MUNICIPALITY_EXPORT_JOB]: municipalityExportJob() }),
  },
  { name: 'auth', routes: authRoutes },
  administrationFeature,
  identityFeature,
  { name: 'permissions', routes: permissionRoutes },
  { name: 'jobs', routes: jobRoutes },
  auditFeature,
  recordsFeature,
  directoryFeature,
  surveysFeature,
  screeningFeature,
  collaborationFeature,
  competenceFeature,
  followUpFeature,
];
