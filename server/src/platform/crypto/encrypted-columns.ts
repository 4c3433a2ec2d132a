/**
 * Every column encrypted with the field cipher, so a key rotation re-encrypts all of them
 * (`npm run admin -- rotate-encryption-key`). A feature that encrypts a column adds it here,
 * with the associated data its code uses (the cipher refuses a value under other associated data).
 */
export type EncryptedColumn = {
  table: string;
  /** The column that identifies a row (and goes into the associated data). */
  key: string;
  column: string;
  associatedData(key: string): string;
};

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', key: 'id', column: 'totp_secret_encrypted', associatedData: (id) => `totp:${id}` },
  { table: 'sessions', key: 'id_hash', column: 'totp_pending_encrypted', associatedData: (idHash) => `totp-pending:${idHash}` },
];
