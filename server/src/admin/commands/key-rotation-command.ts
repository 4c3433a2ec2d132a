import { sql } from 'drizzle-orm';
import { createFieldCipher, DecryptionError } from '../../platform/crypto/field-encryption.ts';
import { encryptedColumns } from '../../platform/crypto/encrypted-columns.ts';
import { FEATURES } from '../../features/index.ts';
import { queryRows } from '../../platform/db/database.ts';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { parseFlags, type AdminCommand } from '../command.ts';

/**
 * `rotate-encryption-key` (ADR 0005): with ENCRYPTION_KEY set to the new key and
 * ENCRYPTION_KEY_PREVIOUS to the old one, the running platform already reads both and writes
 * only the new one; this command re-encrypts what is still under the old key, in small
 * committed batches, so requests go on meanwhile (on PostgreSQL the server keeps running; the
 * embedded database has one writer, so there the server is stopped for the command). Run it
 * until it reports nothing left, then remove ENCRYPTION_KEY_PREVIOUS.
 */
export const rotateEncryptionKeyCommand: AdminCommand = {
  name: 'rotate-encryption-key',
  summary: 'Re-encrypt every encrypted field still under ENCRYPTION_KEY_PREVIOUS with ENCRYPTION_KEY',
  usage: 'rotate-encryption-key [--batch <rows, default 500>]',
  needsDatabase: true,
  async run(args, context) {
    const { config, database, out } = context;
    if (!database) throw new Error('this command needs the database');
    if (!config.encryptionKeyPrevious) {
      out('ENCRYPTION_KEY_PREVIOUS is not set: set ENCRYPTION_KEY to the new key and ENCRYPTION_KEY_PREVIOUS to the old one first.');
      return 2;
    }
    const batch = Number(parseFlags(args).flags.batch ?? 500);
    const cipher = createFieldCipher(config.encryptionKey, [config.encryptionKeyPrevious]);
    let rotated = 0;
    let unreadable = 0;
    for (const column of encryptedColumns(FEATURES)) {
      const table = sql.identifier(column.table);
      const key = sql.identifier(column.key);
      const value = sql.identifier(column.column);
      // Values under the current key are skipped by the key id in their prefix, so each pass
      // only reads rows that still need work; unreadable ones are remembered and passed over.
      const skip = new Set<string>();
      for (;;) {
        const done = await database.system(async (tx) => {
          const rows = await queryRows<{ key: string; value: string }>(
            tx,
            sql`select ${key}::text as key, ${value} as value from ${table}
                 where ${value} is not null and split_part(${value}, '.', 2) <> ${cipher.encrypt('probe').split('.')[1]!}
                   ${
                     skip.size > 0
                       ? sql`and ${key}::text not in (${sql.join(
                           [...skip].map((k) => sql`${k}`),
                           sql`, `,
                         )})`
                       : sql``
                   }
                 order by ${key} limit ${batch} for update`,
          );
          for (const row of rows) {
            try {
              const plain = cipher.decrypt(row.value, column.associatedData(row.key));
              await tx.execute(sql`update ${table} set ${value} = ${cipher.encrypt(plain, column.associatedData(row.key))} where ${key}::text = ${row.key}`);
              rotated++;
            } catch (error) {
              if (!(error instanceof DecryptionError)) throw error;
              skip.add(row.key);
              unreadable++;
            }
          }
          return rows.length < batch;
        });
        if (done) break;
      }
    }
    await database.system((tx) => recordAudit(tx, 'system', SYSTEM_SOURCE, { action: 'admin_cli.rotate_encryption_key', details: { rotated, unreadable } }));
    out(`Re-encrypted ${rotated} values with the new key.`);
    if (unreadable > 0) {
      out(`${unreadable} values could be read with neither key; they are left as they are. Do not remove ENCRYPTION_KEY_PREVIOUS before finding out why.`);
      return 1;
    }
    out('Nothing is left under the previous key: ENCRYPTION_KEY_PREVIOUS can be removed.');
    return 0;
  },
};
