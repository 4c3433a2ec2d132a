import { z } from 'zod';
import { message } from '../validation.ts';

export const loginRequest = z.object({
  email: z.string().trim().toLowerCase().email(message('email_invalid')).max(254),
  password: z.string().min(1, message('required')).max(1024),
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, message('totp_format'))
    .optional(),
});
export type LoginRequest = z.input<typeof loginRequest>;

export const roleSchema = z.enum([
  'caseworker',
  'manager',
  'agency_coordinator',
  'national_coordinator',
  'knowledge_editor',
  'county_strategist',
  'directory_editor',
  'auditor',
  'system_admin',
]);

export const sessionResponse = z.object({
  signedIn: z.literal(true),
  stage: z.enum(['full', 'totp_enrolment']),
  user: z.object({ id: z.string().uuid(), email: z.string(), displayName: z.string(), demo: z.boolean() }),
  organisation: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }),
  actingUnitId: z.string().uuid().nullable(),
  roles: z.array(roleSchema),
  /** Actions the roles in the acting unit allow, with their scope. */
  permissions: z.record(z.string(), z.enum(['own', 'unit', 'agency', 'all', 'aggregated'])),
  memberships: z.array(
    z.object({ unitId: z.string().uuid(), unitName: z.string(), roles: z.array(roleSchema) }),
  ),
  csrfToken: z.string(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const signedOutResponse = z.object({ signedIn: z.literal(false) });

export const switchUnitRequest = z.object({ unitId: z.string().uuid(message('invalid_uuid')) });

export const totpEnrolmentStart = z.object({ otpauthUri: z.string(), qrSvg: z.string(), secret: z.string() });
export const totpEnrolmentConfirm = z.object({ totp: z.string().trim().regex(/^\d{6}$/, message('totp_format')) });
export const totpEnrolmentDone = z.object({ recoveryCodes: z.array(z.string()) });
