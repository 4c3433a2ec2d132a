import type { Feature } from '../feature.ts';
import { registerRespondentPages } from './respondent-pages.tsx';
import { reportJob, SURVEY_REPORT_JOB, surveyRoutes } from './survey-routes.ts';
import { seedDemoSurveys } from './demo-data.ts';

/** Surveys (issue 8): builder, templates, rounds with respondent links, results and exports. */
export const surveysFeature: Feature = {
  name: 'surveys',
  routes: surveyRoutes,
  pages: registerRespondentPages,
  jobHandlers: (context) => ({ [SURVEY_REPORT_JOB]: reportJob(context) }),
  demoData: { order: 40, seed: seedDemoSurveys },
};
