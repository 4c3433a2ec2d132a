/**
 * A column encrypted with the field cipher, so a key rotation re-encrypts it
 * (`npm run admin -- rotate-encryption-key`). A feature that encrypts a column lists it in its
 * Feature object's `encryptedColumns`, with the associated data its code uses (the cipher refuses
 * a value under other associated data).
 */
export type EncryptedColumn = {
  table: string;
  /** The column that identifies a row (and goes into the associated data). */
  key: string;
  column: string;
  associatedData(key: string): string;
};

/** The kernel's own encrypted columns (identity and sessions). */
export const KERNEL_ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', key: 'id', column: 'totp_secret_encrypted', associatedData: (id) => `totp:${id}` },
  { table: 'sessions', key: 'id_hash', column: 'totp_pending_encrypted', associatedData: (idHash) => `totp-pending:${idHash}` },
];

/** Every encrypted column: the kernel's and those the features contribute. */
export function encryptedColumns(features: { encryptedColumns?(): EncryptedColumn[] }[]): EncryptedColumn[] {
  return [...KERNEL_ENCRYPTED_COLUMNS, ...features.flatMap((feature) => feature.encryptedColumns?.() ?? [])];
}
