import { z } from 'zod';
import { defineMessages } from '../i18n/messages.ts';
import { ROLES } from '../auth/roles.ts';
import { message } from '../validation.ts';

/**
 * Sign-in with an organisation's own identity provider (issue 19, ADR 0099): the configuration a
 * system administrator writes, and the refusals the sign-in page shows.
 */

/** `https://` everywhere; plain HTTP only for a provider on this machine (development and tests). */
const issuer = z
  .string()
  .trim()
  .max(500, message('text_too_long', { max: 500 }))
  .refine((value) => /^https:\/\/[^\s/]+/.test(value) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(value), message('identity_issuer_url'));
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, message('identity_domain'));
const claimValue = z
  .string()
  .trim()
  .min(1, message('required'))
  .max(300, message('text_too_long', { max: 300 }));

/** Roles a mapping may give. `system_admin` is never given by a provider: emergency access stays local. */
export const MAPPABLE_ROLES = ROLES.filter((role) => role !== 'system_admin');

/** When the claim (a string, or a list such as `groups`) holds the value, the person gets the role in the unit. */
export const mappingRule = z.object({
  claim: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:.\-/]{1,100}$/, message('required')),
  value: claimValue,
  unitId: z.string().uuid(message('invalid_uuid')),
  role: z.enum(MAPPABLE_ROLES),
});
export type MappingRule = z.output<typeof mappingRule>;

export const identityProviderRequest = z.object({
  issuer,
  clientId: z
    .string()
    .trim()
    .min(1, message('required'))
    .max(300, message('text_too_long', { max: 300 })),
  /** Omitted on an update: the stored secret is kept. Required the first time. */
  clientSecret: z
    .string()
    .min(1, message('required'))
    .max(2000, message('text_too_long', { max: 2000 }))
    .optional(),
  emailDomains: z.array(domain).min(1, message('required')).max(50),
  /** The provider proved multi-factor when the token's `acr` is one of these, or its `amr` holds one of these. */
  mfaAcrValues: z.array(claimValue).max(20).default([]),
  mfaAmrValues: z.array(claimValue).max(20).default([]),
  localPasswords: z.boolean(),
  mappingRules: z.array(mappingRule).max(200).default([]),
  enabled: z.boolean().default(true),
  /** The version last read; omitted when none exists yet. */
  version: z.number().int().min(1).optional(),
});
export type IdentityProviderRequest = z.output<typeof identityProviderRequest>;

/** The configuration as answered: the secret is never sent back, only whether one is stored. */
export const identityProviderSchema = z.object({
  organisationId: z.string().uuid(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  emailDomains: z.array(z.string()),
  mfaAcrValues: z.array(z.string()),
  mfaAmrValues: z.array(z.string()),
  localPasswords: z.boolean(),
  mappingRules: z.array(mappingRule),
  enabled: z.boolean(),
  version: z.number().int(),
  redirectUri: z.string(),
  backchannelLogoutUri: z.string(),
});
export type IdentityProvider = z.output<typeof identityProviderSchema>;
export const identityProviderResponse = z.object({ provider: identityProviderSchema.nullable() });

/** The sign-in page asks where an email address signs in. */
export const signInMethodRequest = z.object({ email: z.string().trim().toLowerCase().email(message('required')).max(320) });
export const signInMethodResponse = z.object({
  /** `provider`: go to `redirectUrl`; `password`: sign in here. */
  method: z.enum(['provider', 'password']),
  redirectUrl: z.string().optional(),
});

export const oidcTotpRequest = z.object({
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, message('totp_format')),
});

/** Why a sign-in through the provider was refused; the callback sends the person back with one. */
export const OIDC_REFUSALS = ['unknown_domain', 'provider_unavailable', 'invalid_response', 'expired', 'not_allowed', 'mfa_required', 'cancelled'] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export const oidcRefusalMessages = defineMessages(
  {
    unknown_domain: 'Din e-postdomän är inte kopplad till någon organisations inloggning. Kontrollera adressen eller logga in med lösenord.',
    provider_unavailable: 'Din organisations inloggningstjänst svarar inte just nu. Försök igen om en stund.',
    invalid_response: 'Inloggningen kunde inte bekräftas: svaret från din organisations inloggningstjänst var inte giltigt. Börja om.',
    expired: 'Inloggningen tog för lång tid eller har redan använts. Börja om.',
    not_allowed: 'Ditt konto får inte logga in i Upptäck. Kontakta din administratör.',
    mfa_required:
      'Din roll kräver tvåstegsverifiering. Logga in med tvåstegsverifiering hos din organisation, eller be din administratör koppla en app för tvåstegsverifiering.',
    cancelled: 'Inloggningen avbröts hos din organisations inloggningstjänst.',
  },
  {
    unknown_domain: 'Your email domain is not connected to any organisation’s sign-in. Check the address or sign in with a password.',
    provider_unavailable: 'Your organisation’s sign-in service is not answering right now. Try again in a while.',
    invalid_response: 'The sign-in could not be confirmed: the answer from your organisation’s sign-in service was not valid. Start again.',
    expired: 'The sign-in took too long or has already been used. Start again.',
    not_allowed: 'Your account may not sign in to Upptäck. Contact your administrator.',
    mfa_required:
      'Your role requires two-step verification. Sign in with two-step verification at your organisation, or ask your administrator to connect a two-step verification app.',
    cancelled: 'The sign-in was cancelled at your organisation’s sign-in service.',
  },
);
