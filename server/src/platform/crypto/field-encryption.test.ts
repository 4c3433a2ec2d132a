import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, DecryptionError, lookupHash } from './field-encryption.ts';

const key = () => crypto.randomBytes(32);

/** Flips one bit of one base64url part of a stored value (iv, tag or ciphertext). */
function tamper(stored: string, part: 2 | 3 | 4): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('field encryption (AES-256-GCM)', () => {
  it('round-trips text, including the empty string and text beyond ASCII', () => {
    const cipher = createFieldCipher(key());
    for (const text of ['', 'Räksmörgås', 'ärende 2026-123 😀', 'x'.repeat(100_000)]) {
      expect(cipher.decrypt(cipher.encrypt(text, 'notes:1'), 'notes:1')).toBe(text);
    }
  });

  it('never stores the plaintext, and encrypts the same text differently each time', () => {
    const cipher = createFieldCipher(key());
    const first = cipher.encrypt('Anna Andersson');
    const second = cipher.encrypt('Anna Andersson');
    expect(first).not.toContain('Anna');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('fails with another key', () => {
    const stored = createFieldCipher(key()).encrypt('secret');
    expect(() => createFieldCipher(key()).decrypt(stored)).toThrow(DecryptionError);
  });

  it.each([2, 3, 4] as const)('fails when part %i (iv, tag, ciphertext) was tampered with', (part) => {
    const cipher = createFieldCipher(key());
    const stored = cipher.encrypt('secret');
    expect(() => cipher.decrypt(tamper(stored, part))).toThrow(DecryptionError);
  });

  it('fails when the value is moved to another record (associated data)', () => {
    const cipher = createFieldCipher(key());
    const stored = cipher.encrypt('secret', 'notes:1');
    expect(() => cipher.decrypt(stored, 'notes:2')).toThrow(DecryptionError);
    expect(() => cipher.decrypt(stored)).toThrow(DecryptionError);
  });

  it('fails on malformed values without revealing anything', () => {
    const cipher = createFieldCipher(key());
    for (const stored of ['', 'v1', 'v2.00000000.a.b.c', 'not encrypted at all', 'v1....']) {
      expect(() => cipher.decrypt(stored)).toThrow(DecryptionError);
    }
    expect(() => cipher.decrypt('v1.x.y.z.w')).toThrow(/^The value could not be decrypted with the configured keys\.$/);
  });

  it('reads values written with the previous key during a rotation, and says which are current', () => {
    const previous = key();
    const current = key();
    const old = createFieldCipher(previous).encrypt('written before the rotation', 'x:1');
    const rotated = createFieldCipher(current, [previous]);
    expect(rotated.decrypt(old, 'x:1')).toBe('written before the rotation');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt('new'))).toBe(true);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFieldCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('lookup hashes', () => {
  it('are stable for the same key and value, different across keys, and normalise Unicode', () => {
    const k = key();
    expect(lookupHash(k, 'Å')).toBe(lookupHash(k, 'A\u030A'));
    expect(lookupHash(k, 'value')).not.toBe(lookupHash(key(), 'value'));
    expect(lookupHash(k, 'value')).toMatch(/^[0-9a-f]{64}$/);
  });
});
