import type { Role, Scope } from './roles.ts';

/**
 * THE permission table (issue 3): role × action × scope. Authorization checks, the permissions
 * documentation page and the authorization tests are all generated from it; a route whose action
 * is not here does not compile. Add a feature's actions in its own block.
 *
 * `individualLevel` marks actions that read or change data about individual clients or staff
 * answers; roles holding any such grant (other than `aggregated`) must use a second factor.
 */
export type PermissionRow = {
  area: PermissionArea;
  individualLevel: boolean;
  grants: Partial<Record<Role, Scope>>;
  /** A service account (API token for an integration) may hold this action, in its one unit. */
  serviceAccount?: true;
  /**
   * Holding this action requires a second factor although it reads no individual-level data:
   * it can give access to such data (e.g. create an account with a role that reads it).
   */
  secondFactor?: true;
};

export const PERMISSION_AREAS = [
  'administration',
  'audit',
  'directory',
  'screening',
  'competence',
  'follow_up',
  'surveys',
  'collaboration',
  'protection',
] as const;
export type PermissionArea = (typeof PERMISSION_AREAS)[number];

export const PERMISSIONS = {
  // Administration (identity)
  'units.read': {
    area: 'administration',
    individualLevel: false,
    grants: { manager: 'agency', agency_coordinator: 'agency', auditor: 'agency', system_admin: 'all' },
    serviceAccount: true,
  },
  'units.manage': {
    area: 'administration',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', system_admin: 'all' },
  },
  'users.read': {
    area: 'administration',
    individualLevel: false,
    grants: { manager: 'unit', agency_coordinator: 'agency', auditor: 'agency', system_admin: 'all' },
  },
  'users.manage': {
    area: 'administration',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', system_admin: 'all' },
    secondFactor: true,
  },
  'service_accounts.manage': {
    area: 'administration',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', system_admin: 'all' },
    secondFactor: true,
  },
  'organisations.manage': {
    area: 'administration',
    individualLevel: false,
    grants: { system_admin: 'all' },
    secondFactor: true,
  },
  // Audit
  'audit.read': {
    area: 'audit',
    individualLevel: true,
    grants: { auditor: 'agency' },
  },
  'audit.review': {
    area: 'audit',
    individualLevel: true,
    grants: { auditor: 'agency' },
  },
  // Protection of individual-level records (kernel; ADR 0010, 0014). Applies to every record type
  // a feature registers; the record type's own read action decides the normal reach.
  'records.break_glass': {
    area: 'protection',
    individualLevel: true,
    grants: { caseworker: 'agency', manager: 'agency' },
  },
  'records.protect': {
    area: 'protection',
    individualLevel: true,
    grants: { manager: 'agency', agency_coordinator: 'agency' },
  },
  // Directory and client information (issue 4). The directory is shared data: reading it reaches
  // every organisation's entries (`all`); editors change only what their organisation keeps.
  'directory.search': {
    area: 'directory',
    individualLevel: false,
    grants: {
      caseworker: 'all',
      manager: 'all',
      agency_coordinator: 'all',
      national_coordinator: 'all',
      knowledge_editor: 'all',
      county_strategist: 'all',
      directory_editor: 'all',
    },
  },
  'directory.edit': {
    area: 'directory',
    individualLevel: false,
    grants: { directory_editor: 'agency' },
  },
  'directory.import': {
    area: 'directory',
    individualLevel: false,
    grants: { directory_editor: 'agency' },
  },
  'content.edit': {
    area: 'directory',
    individualLevel: false,
    grants: { knowledge_editor: 'all' },
  },
  // Surveys (issue 8). Rounds are shared data owned by the sending organisation: county
  // strategists send the annual follow-up for their county, agency coordinators and the national
  // coordinator their own surveys. Answers describe organisations, not clients; free text (which
  // could still name someone) is encrypted and shown only to the owner organisation.
  'surveys.manage': {
    area: 'surveys',
    individualLevel: false,
    grants: { county_strategist: 'agency', agency_coordinator: 'agency', national_coordinator: 'agency' },
  },
  'surveys.results': {
    area: 'surveys',
    individualLevel: false,
    grants: { county_strategist: 'agency', agency_coordinator: 'agency', national_coordinator: 'agency' },
  },
  // Screening (issue 5): processes, routines, question sets and encounters. Encounters are
  // individual-level: a caseworker reaches the encounters they recorded, a manager their unit's
  // (e.g. reminders while a colleague is away), an integration its unit's. Coordinators and
  // national roles see encounters only as numbers (follow-up). Routines are the agency's own;
  // knowledge editors (Socialstyrelsen) also publish guidance that every organisation reads.
  'encounters.read': {
    area: 'screening',
    individualLevel: true,
    grants: { caseworker: 'own', manager: 'unit' },
    serviceAccount: true,
  },
  'encounters.create': {
    area: 'screening',
    individualLevel: true,
    grants: { caseworker: 'own' },
    serviceAccount: true,
  },
  'encounters.update': {
    area: 'screening',
    individualLevel: true,
    grants: { caseworker: 'own', manager: 'unit' },
    serviceAccount: true,
  },
  // A person's work in progress, kept encrypted on the server; integrations have none.
  'encounters.draft': {
    area: 'screening',
    individualLevel: true,
    grants: { caseworker: 'own' },
  },
  'routines.read': {
    area: 'screening',
    individualLevel: false,
    grants: { caseworker: 'agency', manager: 'agency', agency_coordinator: 'agency', knowledge_editor: 'agency', national_coordinator: 'agency' },
    serviceAccount: true,
  },
  'routines.edit': {
    area: 'screening',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', knowledge_editor: 'agency' },
  },
  'routines.publish': {
    area: 'screening',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', knowledge_editor: 'agency' },
  },
  'guidance.share': {
    area: 'screening',
    individualLevel: false,
    grants: { knowledge_editor: 'agency' },
  },
  // Collaboration (issue 9). Bodies are shared data (ADR 0011, 0060): `agency` reaches the bodies
  // the organisation owns and those it is a member of; row-level security decides which those are.
  // Writing a body's meetings, decisions, work plans and reports also needs a role in the body
  // (convener or secretary), or the owning organisation and `collaboration.manage` (ADR 0060).
  'collaboration.read': {
    area: 'collaboration',
    individualLevel: false,
    grants: {
      caseworker: 'agency',
      manager: 'agency',
      agency_coordinator: 'agency',
      national_coordinator: 'agency',
      knowledge_editor: 'agency',
      county_strategist: 'agency',
    },
  },
  'collaboration.manage': {
    area: 'collaboration',
    individualLevel: false,
    grants: { national_coordinator: 'agency', county_strategist: 'agency' },
  },
  'collaboration.record': {
    area: 'collaboration',
    individualLevel: false,
    grants: {
      caseworker: 'agency',
      manager: 'agency',
      agency_coordinator: 'agency',
      national_coordinator: 'agency',
      knowledge_editor: 'agency',
      county_strategist: 'agency',
    },
  },
  'collaboration.overview': {
    area: 'collaboration',
    individualLevel: false,
    grants: { national_coordinator: 'agency', county_strategist: 'agency' },
  },
  'collaboration.strategy': {
    area: 'collaboration',
    individualLevel: false,
    grants: { county_strategist: 'agency' },
  },
  // Competence and staff support (issue 6). Staff data, not client data: completions name staff
  // members, so listing them is audited (ADR 0042), but they are not individual-level in the sense
  // of ADR 0005 and give no second factor by themselves. Every staff role records its own training.
  'courses.read': {
    area: 'competence',
    individualLevel: false,
    grants: {
      caseworker: 'agency',
      manager: 'agency',
      agency_coordinator: 'agency',
      national_coordinator: 'agency',
      knowledge_editor: 'agency',
      county_strategist: 'agency',
      directory_editor: 'agency',
      auditor: 'agency',
    },
  },
  'courses.manage': {
    area: 'competence',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', national_coordinator: 'agency', knowledge_editor: 'agency', county_strategist: 'agency' },
  },
  'training_requirements.manage': {
    area: 'competence',
    individualLevel: false,
    grants: { agency_coordinator: 'agency' },
  },
  'completions.record': {
    area: 'competence',
    individualLevel: false,
    grants: {
      caseworker: 'own',
      manager: 'unit',
      agency_coordinator: 'agency',
      national_coordinator: 'own',
      knowledge_editor: 'own',
      county_strategist: 'own',
      directory_editor: 'own',
      auditor: 'own',
    },
  },
  'completions.read': {
    area: 'competence',
    individualLevel: false,
    grants: {
      caseworker: 'own',
      manager: 'unit',
      agency_coordinator: 'agency',
      national_coordinator: 'own',
      knowledge_editor: 'own',
      county_strategist: 'own',
      directory_editor: 'own',
      auditor: 'own',
    },
  },
  'completions.confirm': {
    area: 'competence',
    individualLevel: false,
    grants: { manager: 'unit', agency_coordinator: 'agency' },
  },
  'completions.import': {
    area: 'competence',
    individualLevel: false,
    grants: { agency_coordinator: 'agency' },
  },
  'competence.reports': {
    area: 'competence',
    individualLevel: false,
    grants: { manager: 'unit', agency_coordinator: 'agency' },
  },
  'supervision.manage': {
    area: 'competence',
    individualLevel: false,
    grants: { manager: 'unit', agency_coordinator: 'agency' },
  },
  'staff_support.read': {
    area: 'competence',
    individualLevel: false,
    grants: {
      caseworker: 'agency',
      manager: 'agency',
      agency_coordinator: 'agency',
      national_coordinator: 'agency',
      knowledge_editor: 'agency',
      county_strategist: 'agency',
      directory_editor: 'agency',
      auditor: 'agency',
      system_admin: 'agency',
    },
  },
  'staff_support.edit': {
    area: 'competence',
    individualLevel: false,
    grants: { agency_coordinator: 'agency' },
  },
  // Events are run by county boards, agencies and the coordinator; registrants are staff of other
  // organisations who register through a link, without an account.
  'events.manage': {
    area: 'competence',
    individualLevel: false,
    grants: { county_strategist: 'agency', agency_coordinator: 'agency', national_coordinator: 'agency', knowledge_editor: 'agency' },
  },
  'competence_plans.manage': {
    area: 'competence',
    individualLevel: false,
    grants: { county_strategist: 'agency', national_coordinator: 'agency' },
  },
  // Follow-up (issue 7). The catalogue is reference data every follow-up role reads. Dashboards
  // answer only numbers, each count of persons through disclosure control: a manager reads their
  // units, a coordinator their organisation, national and county roles every organisation's
  // numbers (`aggregated`: never a row). Annual reports go from the agency coordinator through
  // the agency's approval (a manager) to the coordinating agency (ADR 0072).
  'indicators.read': {
    area: 'follow_up',
    individualLevel: false,
    grants: { manager: 'all', agency_coordinator: 'all', national_coordinator: 'all', knowledge_editor: 'all', county_strategist: 'all' },
  },
  'indicators.manage': {
    area: 'follow_up',
    individualLevel: false,
    grants: { national_coordinator: 'all' },
  },
  'targets.manage': {
    area: 'follow_up',
    individualLevel: false,
    grants: { agency_coordinator: 'agency', national_coordinator: 'agency' },
  },
  'dashboards.read': {
    area: 'follow_up',
    individualLevel: false,
    grants: {
      manager: 'unit',
      agency_coordinator: 'agency',
      national_coordinator: 'aggregated',
      knowledge_editor: 'aggregated',
      county_strategist: 'aggregated',
    },
  },
  'series.import': {
    area: 'follow_up',
    individualLevel: false,
    grants: { agency_coordinator: 'agency' },
  },
  'reports.read': {
    area: 'follow_up',
    individualLevel: false,
    grants: { manager: 'agency', agency_coordinator: 'agency', national_coordinator: 'all' },
  },
  'reports.write': {
    area: 'follow_up',
    individualLevel: false,
    grants: { agency_coordinator: 'agency' },
  },
  'reports.approve': {
    area: 'follow_up',
    individualLevel: false,
    grants: { manager: 'agency' },
  },
  'reports.receive': {
    area: 'follow_up',
    individualLevel: false,
    grants: { national_coordinator: 'all' },
  },
  'regional.read': {
    area: 'follow_up',
    individualLevel: false,
    grants: { county_strategist: 'agency', national_coordinator: 'agency' },
  },
  'regional.import': {
    area: 'follow_up',
    individualLevel: false,
    grants: { county_strategist: 'agency', national_coordinator: 'agency' },
  },
  // A participating organisation's coordinator reads the plans it takes part in and enters its own
  // efforts (ADR 0044); the county's strategist holds it too, for the plans the county runs.
  'competence_plans.contribute': {
    area: 'competence',
    individualLevel: false,
    grants: { county_strategist: 'agency', national_coordinator: 'agency', agency_coordinator: 'agency' },
  },
} as const satisfies Record<string, PermissionRow>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function grantFor(action: Action, role: Role): Scope | undefined {
  const grants: Partial<Record<Role, Scope>> = PERMISSIONS[action].grants;
  return grants[role];
}

/**
 * Roles that hold at least one individual-level grant, or an action that can give such access,
 * must prove a second factor (TOTP; ADR 0005).
 */
export function roleRequiresSecondFactor(role: Role): boolean {
  return ACTIONS.some((action) => {
    const row: PermissionRow = PERMISSIONS[action];
    const scope = row.grants[role];
    return scope !== undefined && ((row.individualLevel && scope !== 'aggregated') || row.secondFactor === true);
  });
}

/**
 * Who may give a role to someone (separation of duties, least privilege). Besides this, the
 * granter needs `users.manage` reaching the unit, and nobody changes their own roles. Roles that
 * oversee others (auditor) or hold the keys (system administrator) come only from a system
 * administrator.
 */
export const ROLE_GRANTED_BY: Readonly<Record<Role, readonly Role[]>> = {
  caseworker: ['agency_coordinator', 'system_admin'],
  manager: ['agency_coordinator', 'system_admin'],
  agency_coordinator: ['system_admin'],
  national_coordinator: ['system_admin'],
  knowledge_editor: ['agency_coordinator', 'system_admin'],
  county_strategist: ['agency_coordinator', 'system_admin'],
  directory_editor: ['agency_coordinator', 'system_admin'],
  auditor: ['system_admin'],
  system_admin: ['system_admin'],
};

export function mayGrantRole(granterRoles: readonly Role[], role: Role): boolean {
  return granterRoles.some((granter) => ROLE_GRANTED_BY[role].includes(granter));
}

/** Any of the roles must prove a second factor (TOTP). */
export function rolesRequireSecondFactor(roles: readonly Role[]): boolean {
  return roles.some(roleRequiresSecondFactor);
}

/** Actions a service account may be given. */
export const SERVICE_ACCOUNT_ACTIONS: Action[] = ACTIONS.filter((action) => (PERMISSIONS[action] as PermissionRow).serviceAccount === true);
