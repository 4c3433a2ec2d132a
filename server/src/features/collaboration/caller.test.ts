import { describe, expect, it } from 'vitest';
import type { MemberRole } from '#shared/contracts/collaboration.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { requireMayAppoint, type BodyAccess, type Caller } from './caller.ts';

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
