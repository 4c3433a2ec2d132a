import crypto from 'node:crypto';

/**
 * AES-256-GCM for fields encrypted at rest (TOTP secrets, free-text notes, case references).
 * Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id (first 8 hex
 * characters of the key's SHA-256) lets a rotation read values written with the previous key.
 */
export type FieldCipher = {
  encrypt(plaintext: string, associatedData?: string): string;
  decrypt(stored: string, associatedData?: string): string;
  /** True when the value was written with the current key. */
  isCurrent(stored: string): boolean;
};

export class DecryptionError extends Error {
  constructor() {
    super('The value could not be decrypted with the configured keys.');
    this.name = 'DecryptionError';
  }
}

function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function createFieldCipher(currentKey: Buffer, previousKeys: Buffer[] = []): FieldCipher {
  if (currentKey.length !== 32) throw new Error('The encryption key must be 32 bytes.');
  const currentId = keyId(currentKey);
  const keys = new Map<string, Buffer>([[currentId, currentKey], ...previousKeys.map((key) => [keyId(key), key] as const)]);
  return {
    encrypt(plaintext, associatedData) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', currentKey, iv);
      if (associatedData) cipher.setAAD(Buffer.from(associatedData));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    decrypt(stored, associatedData) {
      const [version, id, iv, tag, ciphertext] = stored.split('.');
      const key = id ? keys.get(id) : undefined;
      if (version !== 'v1' || !key || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new DecryptionError();
      }
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        if (associatedData) decipher.setAAD(Buffer.from(associatedData));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new DecryptionError();
      }
    },
    isCurrent(stored) {
      return stored.split('.')[1] === currentId;
    },
  };
}

/** Keyed hash for exact-value lookup of an encrypted field (e.g. a case reference). */
export function lookupHash(key: Buffer, value: string): string {
  return crypto.createHmac('sha256', key).update(value.normalize('NFC')).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}
