import type { Feature } from '../../platform/feature.ts';
import { seedDemoFollowUp, seedDemoReportChain } from './demo-data.ts';
import { followUpRoutes } from './follow-up-routes.ts';
import { jobRoleMeasures } from './job-role-measures.ts';
import { rollupMeasures } from './rollup-measures.ts';

/**
 * Follow-up (issue 7): the indicator catalogue, rollups kept current by triggers, dashboards
 * through disclosure control, reporting completeness, the annual report chain and the regional
 * comparison. The screening measures are contributed here because the rollups are follow-up's.
 */
export const followUpFeature: Feature = {
  name: 'follow-up',
  routes: followUpRoutes,
  measures: () => [...rollupMeasures('stored'), ...jobRoleMeasures()],
  demoData: { order: 60, seed: seedDemoFollowUp },
  demoHistory: seedDemoReportChain,
};

// The public surface other features use (ADR 0094): collaboration shows a goal's indicators.
export { goalIndicatorReader, type GoalIndicatorReader } from './goal-indicators.ts';
