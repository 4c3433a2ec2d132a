import { z } from 'zod';
import { message } from '../validation.ts';

/**
 * The kernel's routes for every registered individual-level record type (ADR 0010, 0014):
 * break-the-glass, protected identity, designated unit and connected staff.
 */
export const recordParams = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  id: z.string().uuid(message('invalid_uuid')),
});
export const connectionParams = recordParams.extend({ userId: z.string().uuid(message('invalid_uuid')) });

export const BREAK_GLASS_REASON_MIN = 10;
export const breakGlassRequest = z.object({
  reason: z
    .string()
    .trim()
    .min(BREAK_GLASS_REASON_MIN, message('reason_required'))
    .max(500, message('text_too_long', { max: 500 })),
});
export type BreakGlassRequest = z.input<typeof breakGlassRequest>;
export const breakGlassGranted = z.object({ expiresAt: z.string() });

const twoPersonRequest = z.object({ requestedBy: z.string().uuid(), requestedByMe: z.boolean(), requestedAt: z.string() });

export const protectionSchema = z.object({
  protectedIdentity: z.boolean(),
  designatedUnitId: z.string().uuid().nullable(),
  /**
   * Staff who may never open the record. Removing one from a protected identity is a request
   * until a second person approves (ADR 0104): `removalRequest` names the first.
   */
  connections: z.array(z.object({ userId: z.string().uuid(), displayName: z.string(), removalRequest: twoPersonRequest.nullable() })),
  /**
   * A first person's request to lift protected identity (ADR 0084). Until a second person with
   * the right approves, protected identity stays on and location stays withheld everywhere.
   */
  liftRequest: twoPersonRequest.nullable(),
  /**
   * A first person's request to change the designated unit of a protected identity (ADR 0104):
   * the unit stays until a second person with the right asks for the same unit.
   */
  unitChangeRequest: twoPersonRequest.extend({ to: z.string().uuid().nullable() }).nullable(),
});
export type RecordProtection = z.infer<typeof protectionSchema>;

export const setProtectionRequest = z.object({
  protectedIdentity: z.boolean(),
  designatedUnitId: z.preprocess((value) => (value === '' ? null : value), z.string().uuid(message('invalid_uuid')).nullable()),
});
export const addConnectionRequest = z.object({ userId: z.string().uuid(message('invalid_uuid')) });
