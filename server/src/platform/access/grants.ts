import { AsyncLocalStorage } from 'node:async_hooks';
import { defineMessages } from '#shared/i18n/messages.ts';
import { mayGrantRole, type Action } from '#shared/auth/permissions.ts';
import { RECORD_SCOPE_ORDER, type Role, type Scope } from '#shared/auth/roles.ts';
import { scopeFor, type SignedInActor } from '../auth/actor.ts';
import { AppError, pick } from '../errors/app-error.ts';

/**
 * No grant beyond one's own (issue 16 items 1–2, ADR 0082): the ONE rule every route that gives
 * someone or something access calls before it writes the grant.
 *
 * A grant gives a set of actions with a scope in a unit of an organisation (service accounts:
 * `unit` in their unit and below). The granter must hold every one of those actions with a scope
 * at least as wide as the one given, reaching that unit:
 *  - `own` and `aggregated` reach no one else's unit, so they can give nothing;
 *  - `unit` reaches the granter's acting unit and the units below it (`unitScopeIds`);
 *  - `agency` reaches every unit of the granter's own organisation;
 *  - `all` reaches every organisation — the one explicit cross-organisation rule (ADR 0016).
 * Nothing else crosses organisations: shared data goes through its share tables (ADR 0011).
 *
 * Roles are the permission table's own bundles, vetted once; who gives which role is the
 * separation of duties in `ROLE_GRANTED_BY`. A role grant therefore asks that the granter may
 * give that role, holds `users.manage` reaching the unit, and never acts on their own account.
 */
export type GrantTarget = { tenantId: string; unitId: string };

export type Grant =
  | { kind: 'actions'; actions: readonly Action[]; scope: Scope; target: GrantTarget }
  | { kind: 'role'; role: Role; target: GrantTarget; grantee?: { userId: string } };

export const grantMessages = defineMessages(
  {
    actionNotHeld: 'Du kan bara ge behörigheter som du själv har i den enheten.',
    unitNotReached: 'Enheten ligger utanför det du själv får administrera.',
    roleNotGrantable: 'Du kan inte ge den rollen.',
    ownGrant: 'Du kan inte ge behörigheter till dig själv.',
  },
  {
    actionNotHeld: 'You can only give permissions that you hold yourself in that unit.',
    unitNotReached: 'The unit is outside what you may administer.',
    roleNotGrantable: 'You cannot give that role.',
    ownGrant: 'You cannot give permissions to yourself.',
  },
);

export type GrantRefusal = { code: 'action_not_held' | 'unit_not_reached' | 'role_not_grantable' | 'own_grant'; action?: Action };

const widthOf = (scope: Scope) => RECORD_SCOPE_ORDER.indexOf(scope);

/** Whether a grant of `held` from the granter reaches `target` (see the rule above). */
export function scopeReaches(granter: SignedInActor, held: Scope | undefined, target: GrantTarget): boolean {
  switch (held) {
    case 'all':
      return true;
    case 'agency':
      return target.tenantId === granter.tenantId;
    case 'unit':
      return target.tenantId === granter.tenantId && granter.unitScopeIds.includes(target.unitId);
    default:
      return false;
  }
}

/** Whether the granter holds `action` at least as wide as `scope`, reaching `target`. */
export function holdsForGrant(granter: SignedInActor, action: Action, scope: Scope, target: GrantTarget): boolean {
  const held = scopeFor(granter, action);
  if (held === undefined) return false;
  if (scope === 'aggregated') return held === 'aggregated' || scopeReaches(granter, held, target);
  if (held === 'aggregated' || widthOf(held) < widthOf(scope)) return false;
  return scopeReaches(granter, held, target);
}

/** The first reason the grant is refused, or undefined when the granter may give it. */
export function grantRefusal(granter: SignedInActor, grant: Grant): GrantRefusal | undefined {
  if (grant.kind === 'actions') {
    for (const action of grant.actions) {
      if (!holdsForGrant(granter, action, grant.scope, grant.target)) return { code: 'action_not_held', action };
    }
    return undefined;
  }
  if (granter.kind !== 'user') return { code: 'role_not_grantable' };
  if (grant.grantee && grant.grantee.userId === granter.userId) return { code: 'own_grant' };
  if (!mayGrantRole(granter.roles, grant.role)) return { code: 'role_not_grantable' };
  if (!scopeReaches(granter, scopeFor(granter, 'users.manage'), grant.target)) return { code: 'unit_not_reached' };
  return undefined;
}

/**
 * Throws 403 `forbidden`, naming the reason, unless the granter may give the grant. Call it where
 * the target's organisation has already been reached (`dbIn`), so another organisation the
 * granter cannot administer has answered "not found" before (ADR 0016).
 */
export function assertCanGrant(granter: SignedInActor, grant: Grant): void {
  const check = grantChecks.getStore();
  if (check) check.checked = true;
  const refusal = grantRefusal(granter, grant);
  if (!refusal) return;
  const detail = {
    action_not_held: pick(grantMessages, (m) => m.actionNotHeld),
    unit_not_reached: pick(grantMessages, (m) => m.unitNotReached),
    role_not_grantable: pick(grantMessages, (m) => m.roleNotGrantable),
    own_grant: pick(grantMessages, (m) => m.ownGrant),
  }[refusal.code];
  throw new AppError('forbidden', { detail });
}

/**
 * Whether the rule ran during a request of a route that declares `grants`: the route pipeline
 * runs such handlers inside `withGrantCheck` and, in tests, treats a success without the check
 * as a fault — so a grant route that forgets the rule fails every test that calls it.
 */
const grantChecks = new AsyncLocalStorage<{ checked: boolean }>();

export async function withGrantCheck<T>(work: () => Promise<T>): Promise<{ result: T; checked: boolean }> {
  const state = { checked: false };
  const result = await grantChecks.run(state, work);
  return { result, checked: state.checked };
}

/**
 * For a grant route whose request gives nothing this time (e.g. a provider configuration with no
 * mapping rules): records that the grant rule had nothing to check, so the pipeline's check of
 * `grants` routes does not mistake it for a forgotten `assertCanGrant`. Call it only on the path
 * that grants nothing.
 */
export function noGrantInRequest(): void {
  const check = grantChecks.getStore();
  if (check) check.checked = true;
}
