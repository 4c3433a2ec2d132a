/** The roles a membership can grant (issue 3). Names in the UI come from the i18n catalogue. */
export const ROLES = [
  'caseworker',
  'manager',
  'agency_coordinator',
  'national_coordinator',
  'knowledge_editor',
  'county_strategist',
  'directory_editor',
  'auditor',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Job roles (ADR 0116): what a person does in a unit, apart from what they may do in the platform
 * (the permission role). Follow-up's staff denominators count every membership of a job role in
 * the unit on the day, e.g. all caseworkers, not only those who recorded something.
 */
export const JOB_ROLES = ['caseworker', 'decision_maker', 'accommodation_staff', 'manager', 'support_function'] as const;
export type JobRole = (typeof JOB_ROLES)[number];

/**
 * How far a grant reaches. `own` = records the user created; `unit` = the acting unit and the
 * units below it; `agency` = the acting organisation; `all` = every organisation (administration
 * and shared content only); `aggregated` = only numbers that passed disclosure control.
 */
export const SCOPES = ['own', 'unit', 'agency', 'all', 'aggregated'] as const;
export type Scope = (typeof SCOPES)[number];

/** Record scopes from narrowest to widest; `aggregated` grants no record at all. */
export const RECORD_SCOPE_ORDER: readonly Scope[] = ['own', 'unit', 'agency', 'all'];
