import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encounter } from '#shared/contracts/screening.ts';
import { createFieldCipher, DecryptionError } from '../../platform/crypto/field-encryption.ts';
import { encryptedColumns } from '../../platform/crypto/encrypted-columns.ts';
import { FEATURES } from '../index.ts';
import { queryRows, type Database } from '../../platform/db/database.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, enableNotes } from './builders.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/** Every form a secret could be stored in by mistake: as it is, and base64, base64url and hex of its UTF-8. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
}

/** Places in the database where any of the values occurs: every column of every table as text, and for the embedded database its raw files too. */
async function occurrences(database: Database, values: string[]): Promise<string[]> {
  const columns = await database.system((tx) =>
    queryRows<{ table_name: string; column_name: string }>(
      tx,
      sql`select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t
            on t.table_schema = c.table_schema and t.table_name = c.table_name
           where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
    ),
  );
  const places: string[] = [];
  for (const { table_name, column_name } of columns) {
    const found = await database.system((tx) =>
      queryRows<{ value: string }>(
        tx,
        sql`select v as value from unnest(${textArray(values)}) v
             where exists (select 1 from ${sql.identifier(table_name)} where strpos(${sql.identifier(column_name)}::text, v) > 0)`,
      ),
    );
    for (const row of found) places.push(`${table_name}.${column_name}: ${row.value}`);
  }
  const embedded = database as Database & { pglite?: { dumpDataDir(compression: 'none'): Promise<Blob> } };
  if (embedded.pglite) {
    // The data files, the write-ahead log and everything else PostgreSQL keeps on disk.
    await database.owner((tx) => tx.execute(sql`checkpoint`));
    const files = Buffer.from(await (await embedded.pglite.dumpDataDir('none')).arrayBuffer());
    for (const value of values) if (files.includes(Buffer.from(value, 'utf8'))) places.push(`the data directory: ${value}`);
  }
  return places;
}

describe('encryption of notes, case references, short-text answers and drafts (AES-256-GCM)', () => {
  let app: TestApp;
  const note = `Anteckning-${crypto.randomBytes(6).toString('hex')}: klienten vill bli kontaktad på jobbet`;
  const caseReference = `FK-ÄRENDE-${crypto.randomBytes(5).toString('hex')}`;
  const draftText = `Utkast-${crypto.randomBytes(6).toString('hex')}`;
  let encounter: Encounter;

  beforeAll(async () => {
    app = await createTestApp();
    const unit = await createUnit(app.database);
    await enableNotes(app.database, unit.tenantId);
    const { processId } = await createProcess(app.database, unit.tenantId);
    const client = await signIn(app, await createUser(app.database, { unit }));
    const created = await client.post('/api/v1/encounters', {
      processId,
      channel: 'in_person',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080', caseReference },
      result: { asking: 'not_asked', notAskedReason: 'not_alone' },
      note,
    });
    encounter = created.json<Encounter>();
    expect((await client.post('/api/v1/encounters/drafts', { state: { note: draftText } })).status).toBe(201);
  });
  afterAll(() => app.close());

  it('stores neither the plaintext nor its base64 or hex form anywhere in the database', async () => {
    const secrets = [note, caseReference, draftText].flatMap(forms);
    // The scan works: the encrypted value itself is found where it is stored, in the table and on disk.
    const [stored] = await app.database.system((tx) =>
      queryRows<{ value: string }>(tx, sql`select case_reference_encrypted as value from screening_encounters where id = ${encounter.id}`),
    );
    const places = await occurrences(app.database, [...secrets, stored!.value]);
    expect(places.filter((place) => !place.endsWith(stored!.value))).toEqual([]);
    expect(places).toContain(`screening_encounters.case_reference_encrypted: ${stored!.value}`);
    if (app.database.kind === 'embedded') expect(places).toContain(`the data directory: ${stored!.value}`);
  });

  it('decrypts with the configured key only: another key, or the value moved to another row, fails', async () => {
    const [row] = await app.database.system((tx) =>
      queryRows<{ reference: string; note: string }>(
        tx,
        sql`select e.case_reference_encrypted as reference, n.note_encrypted as note from screening_encounters e join screening_notes n on n.encounter_id = e.id where e.id = ${encounter.id}`,
      ),
    );
    const cipher = app.context.cipher;
    expect(cipher.decrypt(row!.reference, `screening_encounters:${encounter.id}`)).toBe(caseReference);
    expect(cipher.decrypt(row!.note, `screening_notes:${encounter.id}`)).toBe(note);
    const wrong = createFieldCipher(crypto.randomBytes(32));
    expect(() => wrong.decrypt(row!.reference, `screening_encounters:${encounter.id}`)).toThrow(DecryptionError);
    expect(() => wrong.decrypt(row!.note, `screening_notes:${encounter.id}`)).toThrow(DecryptionError);
    expect(() => cipher.decrypt(row!.note, `screening_notes:${crypto.randomUUID()}`)).toThrow(DecryptionError);
  });

  it('registers every encrypted screening column for key rotation', () => {
    const registered = encryptedColumns(FEATURES).map((column) => `${column.table}.${column.column}`);
    expect(registered).toEqual(
      expect.arrayContaining([
        'screening_encounters.case_reference_encrypted',
        'screening_notes.note_encrypted',
        'screening_answers.text_encrypted',
        'screening_drafts.payload_encrypted',
      ]),
    );
  });
});
