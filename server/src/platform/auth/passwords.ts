import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { message } from '#shared/validation.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '#shared/contracts/auth.ts';

/**
 * Passwords per NIST SP 800-63B-4: length is what matters (at least 15 characters, since some
 * roles sign in with a password alone; at most 128; shared/contracts/auth.ts), no composition rules, and a check against
 * a bundled list of ~49 000 passwords seen in breaches (@zxcvbn-ts/language-common, MIT).
 * Hashes are argon2id with the library's OWASP-aligned defaults (19 MiB, t=2, p=1).
 */

let breached: Set<string> | undefined;
function breachedPasswords(): Set<string> {
  breached ??= new Set(dictionary.passwords.map((p: string) => p.toLowerCase()));
  return breached;
}

export function isBreachedPassword(password: string): boolean {
  return breachedPasswords().has(password.toLowerCase());
}

/**
 * Few of the bundled breached passwords are 15 characters or longer, so two checks that NIST
 * names as "repetitive or sequential characters" and "context-specific words" stand beside it.
 */
const SERVICE_WORDS = ['upptack', 'upptäck'];

export function isRepetitive(password: string): boolean {
  return new Set(password.toLowerCase()).size < 5;
}

function containsServiceName(password: string): boolean {
  const lower = password.toLowerCase();
  return SERVICE_WORDS.some((word) => lower.includes(word));
}

/** The password rules as a schema; `email` adds the context check. */
export function passwordSchema(email?: string) {
  return z
    .string()
    .min(PASSWORD_MIN, message('password_too_short', { min: PASSWORD_MIN }))
    .max(PASSWORD_MAX, message('password_too_long', { max: PASSWORD_MAX }))
    .refine((password) => !isBreachedPassword(password), message('password_breached'))
    .refine((password) => !isRepetitive(password), message('password_repetitive'))
    .refine((password) => !containsServiceName(password), message('password_service_name'))
    .refine((password) => !email || !password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '\u0000'), message('password_contains_email'));
}

export function hashPassword(password: string): Promise<string> {
  // The library's default algorithm is argon2id (checked by the `$argon2id$` prefix in a test).
  return hash(password.normalize('NFC'));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Verified against when the account does not exist, so timing does not reveal that. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  return dummyHash;
}
