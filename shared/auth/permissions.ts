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
] as const;
export type PermissionArea = (typeof PERMISSION_AREAS)[number];

export const PERMISSIONS = {
  // Administration (identity)
  'units.read': {
    area: 'administration',
    individualLevel: false,
    grants: { manager: 'agency', agency_coordinator: 'agency', auditor: 'agency', system_admin: 'all' },
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
  },
  'service_accounts.manage': {
    area: 'administration',
    individualLevel: false,
    grants: { system_admin: 'agency' },
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
} as const satisfies Record<string, PermissionRow>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function grantFor(action: Action, role: Role): Scope | undefined {
  const grants: Partial<Record<Role, Scope>> = PERMISSIONS[action].grants;
  return grants[role];
}

/** Roles that hold at least one individual-level grant must prove a second factor (TOTP). */
export function roleRequiresSecondFactor(role: Role): boolean {
  return ACTIONS.some((action) => {
    const row: PermissionRow = PERMISSIONS[action];
    const scope = row.grants[role];
    return row.individualLevel && scope !== undefined && scope !== 'aggregated';
  });
}
