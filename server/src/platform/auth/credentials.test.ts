import { describe, expect, it } from 'vitest';
import { hashPassword, isBreachedPassword, isRepetitive, passwordSchema, verifyPassword } from './passwords.ts';
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';

describe('passwords (NIST SP 800-63B-4) and recovery codes', () => {
  it('hashes with argon2id and verifies', async () => {
    const stored = await hashPassword('en lång mening som lösenord');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'en lång mening som lösenord')).toBe(true);
    expect(await verifyPassword(stored, 'en annan mening som lösenord')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short, breached, repetitive and context passwords, and has no composition rules', () => {
    const schema = passwordSchema('anna.ek@fk.se');
    const code = (password: string) => {
      const result = schema.safeParse(password);
      return result.success ? 'ok' : result.error.issues[0]!.message.replace(/^validation:/, '').split('?')[0];
    };
    expect(code('kort')).toBe('password_too_short');
    expect(code('1qaz2wsx3edc4rfv')).toBe('password_breached');
    expect(isBreachedPassword('PASSWORDPASSWORD')).toBe(true);
    expect(code('abababababababab')).toBe('password_repetitive');
    expect(isRepetitive('aaaabbbbccccdddd')).toBe(true);
    expect(code('mitt upptäck-lösenord för jobbet')).toBe('password_service_name');
    expect(code('anna.ek gillar långa promenader')).toBe('password_contains_email');
    expect(code('gröna fåglar sjunger tidigt')).toBe('ok');
    expect(code('x'.repeat(129))).toBe('password_too_long');
  });

  it('makes ten distinct 80-bit recovery codes, stores them salted, and finds one regardless of case and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const hashes = codes.map(hashRecoveryCode);
    expect(hashRecoveryCode(codes[0]!)).not.toBe(hashes[0]);
    expect(hashes.every((hash) => /^[0-9a-f]{32}\$[0-9a-f]{64}$/.test(hash))).toBe(true);
    expect(findRecoveryCode(hashes, codes[7]!.toUpperCase().replaceAll('-', ' '))).toBe(7);
    expect(findRecoveryCode(hashes, 'aaaa-bbbb-cccc-dddd')).toBe(-1);
  });
});
