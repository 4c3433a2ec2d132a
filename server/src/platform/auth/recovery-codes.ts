import crypto from 'node:crypto';

/**
 * One-time recovery codes for a lost authenticator app (ADR 0005). Each code is 16 base32
 * characters = 80 random bits, shown once as `abcd-efgh-ijkl-mnop`. NIST SP 800-63B-4 (§3.1.2)
 * lets look-up secrets of at least 64 bits be stored with a salted hash from an approved
 * family, so each is stored as `<salt>$<SHA-256(salt ‖ code)>`; login throttling still applies.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(16);
    const characters = [...bytes].map((byte) => ALPHABET[byte % 32]!).join('');
    return characters.match(/.{4}/g)!.join('-');
  });
}

/** The stored form of a code; `normalized` is lower case without dashes (the contract's transform). */
export function hashRecoveryCode(code: string): string {
  const salt = crypto.randomBytes(16).toString('hex');
  return `${salt}$${digest(salt, normalize(code))}`;
}

/** The index of the stored hash that matches, or -1. Every hash is compared, in constant time. */
export function findRecoveryCode(hashes: readonly string[], code: string): number {
  const candidate = normalize(code);
  let found = -1;
  hashes.forEach((stored, index) => {
    const [salt = '', expected = ''] = stored.split('$');
    const actual = digest(salt, candidate);
    if (expected.length === actual.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(actual)) && found === -1) {
      found = index;
    }
  });
  return found;
}

function normalize(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

function digest(salt: string, code: string): string {
  return crypto.createHash('sha256').update(salt).update(code).digest('hex');
}
