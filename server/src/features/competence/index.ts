import type { Feature } from '../feature.ts';
import { competenceRoutes } from './competence-routes.ts';
import { seedDemoCompetence } from './demo-data.ts';
import { eventRoutes } from './event-routes.ts';
import { registerRegistrationPages } from './registration-pages.tsx';

/**
 * Competence and staff support (issue 6): the training catalogue, requirements, completions and
 * shares trained, supervision, staff support, events with registration links and evaluations,
 * and the regional competence plan. `competence-measures.ts` gives follow-up its counts.
 */
export const competenceFeature: Feature = {
  name: 'competence',
  routes: (context) => [...competenceRoutes(context), ...eventRoutes(context)],
  pages: registerRegistrationPages,
  demoData: { order: 50, seed: seedDemoCompetence },
};
