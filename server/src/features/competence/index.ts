import type { Feature } from '../../platform/feature.ts';
import { competenceMeasures } from './competence-indicator-measures.ts';
import { competenceRoutes } from './competence-routes.ts';
import { seedDemoCompetence } from './demo-data.ts';
import { eventRoutes } from './event-routes.ts';
import { registerRegistrationPages } from './registration-pages.tsx';
import { REGISTRATION_RETENTION_JOB, registrationRetentionJob, registrationRetentionSchedule } from './registration-retention.ts';

/**
 * Competence and staff support (issue 6): the training catalogue, requirements, completions and
 * shares trained, supervision, staff support, events with registration links and evaluations,
 * and the regional competence plan. `competence-measures.ts` counts per unit and month;
 * `competence-indicator-measures.ts` gives them to follow-up as measures. Registrants' names and
 * email addresses are erased a set time after the event (`registration-retention.ts`).
 */
export const competenceFeature: Feature = {
  name: 'competence',
  // An event's registration link, kept so the organiser can give it again (ADR 0043).
  encryptedColumns: () => [
    { table: 'competence_events', key: 'id', column: 'registration_token_encrypted', associatedData: (id) => `competence_events:${id}:token` },
  ],
  routes: (context) => [...competenceRoutes(context), ...eventRoutes(context)],
  pages: registerRegistrationPages,
  jobHandlers: (context) => ({ [REGISTRATION_RETENTION_JOB]: registrationRetentionJob(context.database, context.config.eventRegistrationRetentionDays) }),
  schedules: () => [registrationRetentionSchedule],
  demoData: { order: 50, seed: seedDemoCompetence },
  measures: competenceMeasures,
};
