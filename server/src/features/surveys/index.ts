import type { Feature } from '../../platform/feature.ts';
import { registerRespondentPages } from './respondent-pages.tsx';
import { reportJob, SURVEY_REPORT_JOB, surveyRoutes } from './survey-routes.ts';
import { seedDemoSurveys } from './demo-data.ts';

/** Surveys (issue 8): builder, templates, rounds with respondent links, results and exports. */
export const surveysFeature: Feature = {
  name: 'surveys',
  // Answers may hold free text; links are kept so their owner can give them again (ADR 0051).
  encryptedColumns: () => [
    { table: 'survey_answers', key: 'answer_key', column: 'value_encrypted', associatedData: (key) => `survey_answers:${key}` },
    { table: 'survey_responses', key: 'id', column: 'token_encrypted', associatedData: (id) => `survey_responses:${id}:token` },
    { table: 'survey_rounds', key: 'id', column: 'open_token_encrypted', associatedData: (id) => `survey_rounds:${id}:token` },
  ],
  routes: surveyRoutes,
  pages: registerRespondentPages,
  jobHandlers: (context) => ({ [SURVEY_REPORT_JOB]: reportJob(context) }),
  demoData: { order: 40, seed: seedDemoSurveys },
};

// The public surface other features use (ADR 0094): competence runs its evaluations as survey rounds.
export { sampleAnswers } from './demo-data.ts';
export { findRound, insertAnswer, insertResponses } from './survey-repository.ts';
export { combinedResults, roundResults } from './survey-results.ts';
export { createSurvey, encryptAnswer, getSurvey, openRound, roundDetail } from './survey-service.ts';
