import type { AccessContext } from '../db/database.ts';
import type { Action } from '#shared/auth/permissions.ts';
import { ACTIONS, grantFor, PERMISSIONS } from '#shared/auth/permissions.ts';
import { RECORD_SCOPE_ORDER, type Role, type Scope } from '#shared/auth/roles.ts';
import type { SessionStage } from './schema.ts';

export type UnitMembership = { unitId: string; unitName: string; tenantId: string; roles: Role[] };

export type UserActor = {
  kind: 'user';
  userId: string;
  /** The acting organisation: the acting unit's, or the user's own while no unit is chosen. */
  tenantId: string;
  email: string;
  displayName: string;
  demo: boolean;
  sessionIdHash: string;
  csrfToken: string;
  /** `totp_enrolment` until a required second factor exists; only enrolment is possible then. */
  stage: SessionStage;
  totpEnabled: boolean;
  /** A role in any current membership holds an individual-level grant (ADR 0005). */
  secondFactorRequired: boolean;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** Every action is taken in one acting unit (issue 3); null until the user has chosen one. */
  actingUnitId: string | null;
  roles: Role[];
  /** The acting unit and every unit below it: the reach of a `unit` grant. */
  unitScopeIds: string[];
  memberships: UnitMembership[];
};

export type ServiceActor = {
  kind: 'service';
  serviceAccountId: string;
  tenantId: string;
  actingUnitId: string;
  unitScopeIds: string[];
  actions: Action[];
};

export type AnonymousActor = { kind: 'anonymous' };

export type Actor = UserActor | ServiceActor | AnonymousActor;
export type SignedInActor = UserActor | ServiceActor;

export const ANONYMOUS_ACTOR: AnonymousActor = { kind: 'anonymous' };

/** The widest scope the actor holds for an action; undefined = not allowed. */
export function scopeFor(actor: Actor, action: Action): Scope | undefined {
  if (actor.kind === 'anonymous') return undefined;
  if (actor.kind === 'service') return actor.actions.includes(action) ? 'unit' : undefined;
  if (actor.stage !== 'full') return undefined;
  let widest: Scope | undefined;
  for (const role of actor.roles) {
    const scope = grantFor(action, role);
    if (scope === undefined) continue;
    if (widest === undefined || widerThan(scope, widest)) widest = scope;
  }
  return widest;
}

function widerThan(candidate: Scope, current: Scope): boolean {
  if (candidate === 'aggregated') return false;
  if (current === 'aggregated') return true;
  return RECORD_SCOPE_ORDER.indexOf(candidate) > RECORD_SCOPE_ORDER.indexOf(current);
}

export function can(actor: Actor, action: Action): boolean {
  return scopeFor(actor, action) !== undefined;
}

const INDIVIDUAL_LEVEL_ACTIONS = ACTIONS.filter((action) => PERMISSIONS[action].individualLevel);

/**
 * The reach of the actor's individual-level grants as `app.*` settings, so row-level policies
 * hold the same own-record and own-unit limits as the services (ADR 0086): `record_scopes` is
 * `action=scope;…` for every individual-level action the actor holds with a record scope (own,
 * unit, agency, all), `unit_scope` the units a `unit` grant reaches (the acting unit and those
 * below it). Read by `app_record_reach()` (migration 0122).
 */
export function recordReachSettings(actor: SignedInActor): { record_scopes: string; unit_scope: string } {
  const scopes: string[] = [];
  for (const action of INDIVIDUAL_LEVEL_ACTIONS) {
    const scope = scopeFor(actor, action);
    if (scope !== undefined && scope !== 'aggregated') scopes.push(`${action}=${scope}`);
  }
  return { record_scopes: scopes.join(';'), unit_scope: actor.unitScopeIds.join(',') };
}

/** The row-level security context a request runs under. */
export function accessContextFor(actor: Actor): AccessContext {
  switch (actor.kind) {
    case 'anonymous':
      return { role: 'upptack_public', settings: {} };
    case 'service':
      return {
        role: 'upptack_app',
        settings: { tenant_id: actor.tenantId, unit_id: actor.actingUnitId, service_account_id: actor.serviceAccountId, ...recordReachSettings(actor) },
      };
    case 'user':
      return {
        role: 'upptack_app',
        settings: {
          tenant_id: actor.tenantId,
          user_id: actor.userId,
          unit_id: actor.actingUnitId ?? '',
          ...recordReachSettings(actor),
          // The audit trail's policy admits only readers (migration 0010).
          ...(can(actor, 'audit.read') ? { audit_reader: 'on' } : {}),
        },
      };
  }
}

/**
 * The context of a system administrator's `all`-scope action in another organisation: the
 * policies see that organisation as the tenant, no acting unit (ADR 0016).
 */
export function accessContextIn(actor: UserActor | ServiceActor, tenantId: string): AccessContext {
  const own = accessContextFor(actor);
  return { role: own.role, settings: { ...own.settings, tenant_id: tenantId, unit_id: '', unit_scope: '' } };
}

/** Who the actor is, in the shape the audit trail records. */
export type AuditIdentity = {
  actorKind: 'user' | 'service' | 'anonymous' | 'system';
  actorId: string | null;
  tenantId: string | null;
  actingUnitId: string | null;
  roles: string[];
};

export function auditIdentity(actor: Actor): AuditIdentity {
  switch (actor.kind) {
    case 'anonymous':
      return { actorKind: 'anonymous', actorId: null, tenantId: null, actingUnitId: null, roles: [] };
    case 'service':
      return { actorKind: 'service', actorId: actor.serviceAccountId, tenantId: actor.tenantId, actingUnitId: actor.actingUnitId, roles: [] };
    case 'user':
      return { actorKind: 'user', actorId: actor.userId, tenantId: actor.tenantId, actingUnitId: actor.actingUnitId, roles: actor.roles };
  }
}
