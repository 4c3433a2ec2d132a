import type { Feature } from '../../platform/feature.ts';
import { contentRoutes } from './content-routes.ts';
import { seedDemoScreening } from './demo-data.ts';
import { seedDemoHistory } from './demo-history.ts';
import { encounterRecordType } from './encounter-record.ts';
import { encounterRoutes } from './encounter-routes.ts';
import { createReferenceCache } from './reference-cache.ts';
import { RETENTION_JOB, retentionJob, retentionSchedule } from './retention.ts';

/**
 * Screening (issue 5): processes and routines, question sets, the guided workflow's encounters
 * with referrals, reports and information given, drafts, the integration API, and retention.
 */
export const screeningFeature: Feature = {
  name: 'screening',
  // Case references, short-text answers, notes and drafts (issue 5, ADR 0034).
  encryptedColumns: () => [
    { table: 'screening_encounters', key: 'id', column: 'case_reference_encrypted', associatedData: (id) => `screening_encounters:${id}` },
    { table: 'screening_answers', key: 'id', column: 'text_encrypted', associatedData: (id) => `screening_answers:${id}` },
    { table: 'screening_notes', key: 'encounter_id', column: 'note_encrypted', associatedData: (id) => `screening_notes:${id}` },
    { table: 'screening_drafts', key: 'id', column: 'payload_encrypted', associatedData: (id) => `screening_drafts:${id}` },
  ],
  recordTypes: () => [encounterRecordType],
  routes: (context) => {
    const deps = { cipher: context.cipher, lookupKey: context.config.lookupKey, cache: createReferenceCache() };
    return [...contentRoutes(), ...encounterRoutes(context, deps)];
  },
  jobHandlers: (context) => ({ [RETENTION_JOB]: retentionJob(context.database) }),
  schedules: () => [retentionSchedule],
  demoData: { order: 30, seed: seedDemoScreening },
  demoHistory: async (context) => {
    await seedDemoHistory(context.database, context.clock.now());
  },
};
