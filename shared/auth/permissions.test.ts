import { describe, expect, it } from 'vitest';
import { ACTIONS, mayGrantRole, PERMISSIONS, roleRequiresSecondFactor, ROLE_GRANTED_BY, SERVICE_ACCOUNT_ACTIONS, type PermissionRow } from './permissions.ts';
import { ROLES } from './roles.ts';

describe('the permission table', () => {
  it('requires a second factor of every role with an individual-level grant or a grant that can give access', () => {
    const required = ROLES.filter(roleRequiresSecondFactor);
    for (const role of ROLES) {
      const reason = ACTIONS.some((action) => {
        const row: PermissionRow = PERMISSIONS[action];
        const scope = row.grants[role];
        return scope !== undefined && ((row.individualLevel && scope !== 'aggregated') || row.secondFactor === true);
      });
      expect(required.includes(role), role).toBe(reason);
    }
    expect(required).toEqual(expect.arrayContaining(['caseworker', 'manager', 'agency_coordinator', 'auditor', 'system_admin']));
  });

  it('lets only a system administrator give the roles that oversee others or hold the keys', () => {
    expect(mayGrantRole(['agency_coordinator'], 'caseworker')).toBe(true);
    expect(mayGrantRole(['agency_coordinator'], 'auditor')).toBe(false);
    expect(mayGrantRole(['agency_coordinator'], 'system_admin')).toBe(false);
    expect(mayGrantRole(['system_admin'], 'auditor')).toBe(true);
    expect(mayGrantRole(['manager'], 'caseworker')).toBe(false);
    for (const role of ROLES) expect(ROLE_GRANTED_BY[role]).toContain('system_admin');
  });

  it('gives service accounts only actions marked for integrations, never administration of people or the audit trail', () => {
    expect(SERVICE_ACCOUNT_ACTIONS).toEqual(['units.read', 'encounters.read', 'encounters.create', 'encounters.update', 'routines.read']);
    for (const action of ['users.manage', 'service_accounts.manage', 'audit.read', 'records.break_glass'] as const) {
      expect(SERVICE_ACCOUNT_ACTIONS).not.toContain(action);
    }
  });
});
