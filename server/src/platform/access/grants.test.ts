import { describe, expect, it } from 'vitest';
import type { Role } from '#shared/auth/roles.ts';
import type { ServiceActor, UserActor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import { assertCanGrant, grantRefusal, withGrantCheck } from './grants.ts';

const OWN = 'own-tenant';
const OTHER = 'other-tenant';

function user(roles: Role[], unitScopeIds = ['home', 'below']): UserActor {
  return {
    kind: 'user',
    userId: 'granter',
    tenantId: OWN,
    email: 'x@test.upptack.se',
    displayName: 'X',
    demo: false,
    sessionIdHash: 'h',
    csrfToken: 'c',
    stage: 'full',
    totpEnabled: true,
    secondFactorRequired: true,
    idleExpiresAt: new Date(0),
    absoluteExpiresAt: new Date(0),
    actingUnitId: 'home',
    roles,
    unitScopeIds,
    memberships: [],
  };
}

const at = (tenantId: string, unitId: string) => ({ tenantId, unitId });

describe('no grant beyond one’s own (ADR 0082)', () => {
  it('refuses a coordinator, who holds encounters only as numbers, a token that reads them', () => {
    expect(grantRefusal(user(['agency_coordinator']), { kind: 'actions', actions: ['encounters.read'], scope: 'unit', target: at(OWN, 'top') })).toEqual({
      code: 'action_not_held',
      action: 'encounters.read',
    });
    expect(() =>
      assertCanGrant(user(['agency_coordinator']), { kind: 'actions', actions: ['encounters.read'], scope: 'unit', target: at(OWN, 'top') }),
    ).toThrow(AppError);
  });

  it('gives what the granter holds, as wide and where it reaches', () => {
    const coordinator = user(['agency_coordinator']);
    expect(
      grantRefusal(coordinator, { kind: 'actions', actions: ['units.read', 'routines.read'], scope: 'unit', target: at(OWN, 'elsewhere') }),
    ).toBeUndefined();
    // `agency` does not reach another organisation; `all` does (ADR 0016).
    expect(grantRefusal(coordinator, { kind: 'actions', actions: ['units.read'], scope: 'unit', target: at(OTHER, 'x') })?.code).toBe('action_not_held');
    expect(grantRefusal(user(['system_admin']), { kind: 'actions', actions: ['units.read'], scope: 'unit', target: at(OTHER, 'x') })).toBeUndefined();
    expect(grantRefusal(user(['system_admin']), { kind: 'actions', actions: ['encounters.read'], scope: 'unit', target: at(OTHER, 'x') })?.code).toBe(
      'action_not_held',
    );
  });

  it('never widens: `own` gives nothing to a unit, `unit` reaches its subtree only and never the whole agency', () => {
    const caseworker = user(['caseworker']);
    expect(grantRefusal(caseworker, { kind: 'actions', actions: ['encounters.read'], scope: 'unit', target: at(OWN, 'home') })?.code).toBe('action_not_held');
    // Someone else's `own` records are not the granter's own: nothing to give.
    expect(grantRefusal(caseworker, { kind: 'actions', actions: ['encounters.read'], scope: 'own', target: at(OWN, 'home') })?.code).toBe('action_not_held');
    const manager = user(['manager']);
    expect(grantRefusal(manager, { kind: 'actions', actions: ['encounters.read'], scope: 'unit', target: at(OWN, 'below') })).toBeUndefined();
    expect(grantRefusal(manager, { kind: 'actions', actions: ['encounters.read'], scope: 'unit', target: at(OWN, 'sibling') })?.code).toBe('action_not_held');
    expect(grantRefusal(manager, { kind: 'actions', actions: ['encounters.read'], scope: 'agency', target: at(OWN, 'home') })?.code).toBe('action_not_held');
    // Numbers only never turn into rows.
    expect(grantRefusal(user(['national_coordinator']), { kind: 'actions', actions: ['dashboards.read'], scope: 'unit', target: at(OWN, 'home') })?.code).toBe(
      'action_not_held',
    );
  });

  it('gives a role only by the separation of duties, within reach, and never to oneself', () => {
    const coordinator = user(['agency_coordinator']);
    expect(grantRefusal(coordinator, { kind: 'role', role: 'caseworker', target: at(OWN, 'x') })).toBeUndefined();
    expect(grantRefusal(coordinator, { kind: 'role', role: 'auditor', target: at(OWN, 'x') })?.code).toBe('role_not_grantable');
    expect(grantRefusal(coordinator, { kind: 'role', role: 'caseworker', target: at(OTHER, 'x') })?.code).toBe('unit_not_reached');
    expect(grantRefusal(coordinator, { kind: 'role', role: 'caseworker', target: at(OWN, 'x'), grantee: { userId: 'granter' } })?.code).toBe('own_grant');
    expect(grantRefusal(user(['manager']), { kind: 'role', role: 'caseworker', target: at(OWN, 'home') })?.code).toBe('role_not_grantable');
    const service: ServiceActor = {
      kind: 'service',
      serviceAccountId: 's',
      tenantId: OWN,
      actingUnitId: 'home',
      unitScopeIds: ['home'],
      actions: ['units.read'],
    };
    expect(grantRefusal(service, { kind: 'role', role: 'caseworker', target: at(OWN, 'home') })?.code).toBe('role_not_grantable');
  });

  it('tells the route pipeline whether the rule ran', async () => {
    expect((await withGrantCheck(async () => 1)).checked).toBe(false);
    const ran = await withGrantCheck(async () => {
      assertCanGrant(user(['agency_coordinator']), { kind: 'actions', actions: ['units.read'], scope: 'unit', target: at(OWN, 'home') });
      return 2;
    });
    expect(ran).toEqual({ result: 2, checked: true });
  });
});
