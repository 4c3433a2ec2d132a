import { z } from 'zod';
import { message } from '../validation.ts';
import { ROLES } from '../auth/roles.ts';

/** Password length per NIST SP 800-63B-4 (ADR 0005); the breached-list check is on the server. */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

export const newPassword = z
  .string()
  .min(PASSWORD_MIN, message('password_too_short', { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, message('password_too_long', { max: PASSWORD_MAX }));

/** Recovery codes are shown as four groups of four letters and digits; case and dashes do not matter. */
export const RECOVERY_CODE_PATTERN = /^[a-z2-7]{16}$/;
export const recoveryCode = z
  .string()
  .transform((value) => value.toLowerCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(RECOVERY_CODE_PATTERN, message('recovery_code_format')));

export const loginRequest = z.object({
  email: z.string().trim().toLowerCase().email(message('email_invalid')).max(254),
  password: z.string().min(1, message('required')).max(1024),
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, message('totp_format'))
    .optional(),
  /** Instead of `totp` when the authenticator app is lost; each code works once. */
  recoveryCode: recoveryCode.optional(),
});
export type LoginRequest = z.input<typeof loginRequest>;

export const roleSchema = z.enum(ROLES);

export const sessionResponse = z.object({
  signedIn: z.literal(true),
  stage: z.enum(['full', 'totp_enrolment']),
  user: z.object({ id: z.string().uuid(), email: z.string(), displayName: z.string(), demo: z.boolean() }),
  organisation: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }),
  actingUnitId: z.string().uuid().nullable(),
  roles: z.array(roleSchema),
  /** Actions the roles in the acting unit allow, with their scope. */
  permissions: z.record(z.string(), z.enum(['own', 'unit', 'agency', 'all', 'aggregated'])),
  memberships: z.array(z.object({ unitId: z.string().uuid(), unitName: z.string(), roles: z.array(roleSchema) })),
  csrfToken: z.string(),
  idleExpiresAt: z.string(),
  /** Seconds until an idle logout, counted on the server (browser clocks may be wrong). */
  idleRemainingSeconds: z.number().int(),
  absoluteExpiresAt: z.string(),
  idleTimeoutMinutes: z.number().int(),
  /** The user has an authenticator app enrolled. */
  totpEnabled: z.boolean(),
  /** A role of the user needs a second factor. */
  secondFactorRequired: z.boolean(),
  /** Resets others made to this account in the last 30 days, so the person is told (ADR 0084). */
  securityNotices: z.array(z.object({ kind: z.enum(['password_reset', 'second_factor_reset']), at: z.string() })),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const signedOutResponse = z.object({ signedIn: z.literal(false) });

export const switchUnitRequest = z.object({ unitId: z.string().uuid(message('invalid_uuid')) });

/** The QR code is a `data:` URL (allowed by the CSP) so the page needs no inline SVG. */
export const totpEnrolmentStart = z.object({ otpauthUri: z.string(), qrDataUrl: z.string(), secret: z.string() });
export const totpEnrolmentConfirm = z.object({
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, message('totp_format')),
});
export const totpEnrolmentDone = z.object({ recoveryCodes: z.array(z.string()) });

export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1, message('required')).max(1024),
  newPassword,
});

export const passwordSetupRequest = z.object({
  token: z.string().min(20).max(200),
  password: newPassword,
});
