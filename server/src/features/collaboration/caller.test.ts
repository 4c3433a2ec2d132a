import { describe, expect, it } from 'vitest';
import type { MemberRole } from '#shared/contracts/collaboration.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import type { SignedInActor, UserActor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { createMeasureRegistry } from '../../platform/measures/measure.ts';
import { auditChange, collaborationCaller, requireMayAppoint, type BodyAccess, type Caller } from './caller.ts';

/** What the appointment rule reads of a caller: the two permissions; the rest does not matter to it. */
const callerWith = (permissions: { canManage: boolean; canRecord: boolean }) => ({ ...permissions, canStrategy: false }) as Caller;
const ownedBody: BodyAccess = { id: 'body', tenantId: 'owner', name: 'Samverkansgruppen', active: true, owned: true, role: null };

function refusal(access: BodyAccess, caller: Caller, role: MemberRole): string | undefined {
  try {
    requireMayAppoint(access, caller, role);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code;
  }
}

/** Issue 16 item 1 for shared bodies (ADR 0060, 0082): a body's roles are given only by a keeper who holds what they give. */
describe('appointing a body’s convener or secretary', () => {
  it('is for a keeper who may record in the body; any keeper adds a plain member', () => {
    const keeper = callerWith({ canManage: true, canRecord: true });
    for (const role of ['member', 'secretary', 'convener'] as const) expect(refusal(ownedBody, keeper, role), role).toBeUndefined();
  });

  it('is refused to a keeper who may not record: a role in the body would give what the keeper does not hold', () => {
    const keeperWithoutRecord = callerWith({ canManage: true, canRecord: false });
    expect(refusal(ownedBody, keeperWithoutRecord, 'member')).toBeUndefined();
    expect(refusal(ownedBody, keeperWithoutRecord, 'secretary')).toBe('forbidden');
    expect(refusal(ownedBody, keeperWithoutRecord, 'convener')).toBe('forbidden');
  });

  it('is refused to anyone who does not keep the body, even its convener', () => {
    const convenerElsewhere = callerWith({ canManage: true, canRecord: true });
    const memberBody: BodyAccess = { ...ownedBody, owned: false, role: 'convener' };
    for (const role of ['member', 'secretary', 'convener'] as const) expect(refusal(memberBody, convenerElsewhere, role), role).toBe('forbidden');
  });
});

const moment = new Date('2026-12-31T23:30:00Z');
const person = (roles: UserActor['roles']): UserActor => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-0000000000aa',
  email: 'strateg@example.se',
  displayName: 'Strateg',
  demo: false,
  sessionIdHash: 'hash',
  csrfToken: 'csrf',
  stage: 'full',
  totpEnabled: true,
  secondFactorRequired: false,
  idleExpiresAt: moment,
  absoluteExpiresAt: moment,
  actingUnitId: '00000000-0000-4000-8000-0000000000b1',
  roles,
  unitScopeIds: ['00000000-0000-4000-8000-0000000000b1'],
  memberships: [],
});
const context = { measures: createMeasureRegistry([]), config: { suppressionThreshold: 5, suppressionDisplay: 'dash' as const } };

/** The route's caller as the pipeline gives it (ADR 0098), with the audit events it was asked to write. */
function routeCaller(actor: SignedInActor) {
  const written: AuditEntry[] = [];
  return { written, caller: { actor, tenantId: actor.tenantId, now: moment, audit: async (_tx: Tx, entry: AuditEntry) => written.push(entry) } };
}

/** Issue 17 item 1: collaboration derives its view from the route's caller and writes audit through it. */
describe('collaboration’s view of the route’s caller', () => {
  it('gives a county strategist every collaboration action, today’s Stockholm date and the request’s locale', () => {
    const { caller } = routeCaller(person(['county_strategist']));
    expect(collaborationCaller(caller, 'en', context)).toMatchObject({
      userId: '00000000-0000-4000-8000-000000000001',
      tenantId: '00000000-0000-4000-8000-0000000000aa',
      canManage: true,
      canRecord: true,
      canStrategy: true,
      now: moment,
      today: '2027-01-01',
      locale: 'en',
    });
  });

  it('gives a caseworker recording, but neither keeping bodies nor strategy', () => {
    const { caller } = routeCaller(person(['caseworker']));
    expect(collaborationCaller(caller, 'sv', context)).toMatchObject({ canManage: false, canRecord: true, canStrategy: false });
  });

  it('writes a change to the audit trail through the route’s caller, with ids and the change only', async () => {
    const { caller, written } = routeCaller(person(['county_strategist']));
    const tx = {} as Tx;
    await auditChange(tx, collaborationCaller(caller, 'sv', context), {
      action: 'collaboration.manage',
      recordType: 'collaboration_body',
      recordId: 'body',
      recordTenantId: 'owner',
      change: 'created',
    });
    expect(written).toEqual([
      { action: 'collaboration.manage', recordType: 'collaboration_body', recordId: 'body', recordTenantId: 'owner', details: { change: 'created' } },
    ]);
  });

  it('refuses a service account: collaboration is done by people', () => {
    const { caller } = routeCaller({
      kind: 'service',
      serviceAccountId: '00000000-0000-4000-8000-0000000000s1',
      tenantId: '00000000-0000-4000-8000-0000000000aa',
      actingUnitId: '00000000-0000-4000-8000-0000000000b1',
      unitScopeIds: ['00000000-0000-4000-8000-0000000000b1'],
      actions: [],
    });
    expect(() => collaborationCaller(caller, 'sv', context)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
