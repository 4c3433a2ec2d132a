import type { Feature } from '../../platform/feature.ts';
import { bodyRoutes } from './body-routes.ts';
import { seedDemoCollaboration } from './demo-data.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { strategyRoutes } from './strategy-routes.ts';

/** Collaboration (issue 9): bodies, meetings, decisions, work plans, yearly reports, county strategy processes. */
export const collaborationFeature: Feature = {
  name: 'collaboration',
  routes: (context) => [...bodyRoutes(context), ...meetingRoutes(context), ...planRoutes(context), ...strategyRoutes(context)],
  demoData: { order: 30, seed: seedDemoCollaboration },
};

// The public surface other features use (ADR 0094): follow-up's demo report chain names a work plan.
export { demoPlanId } from './demo-data.ts';
