import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { arrayParameter, textArray, uuidArray } from './array-parameter.ts';
import { queryRows, type Database } from './database.ts';

describe('a list as one array parameter', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const elements = (list: ReturnType<typeof textArray>) =>
    database.system(async (tx) => (await queryRows<{ element: string | null }>(tx, sql`select unnest(${list})::text as element`)).map((row) => row.element));

  it('keeps every element whole: commas, quotes, braces, backslashes, spaces and the word NULL', async () => {
    const awkward = ['a,b', 'say "hej"', '{x}', 'back\\slash', '  padded  ', 'NULL', '', 'Ölandsgatan 1'];
    expect(await elements(textArray(awkward))).toEqual(awkward);
  });

  it('sends uuids and dates typed, and an empty list as an empty array', async () => {
    const ids = ['8f4263a7-5523-4c48-a973-e228936415c7', 'd61d3f61-1f4d-43f4-8e29-c1dc861846cd'];
    expect(await elements(uuidArray(ids))).toEqual(ids);
    expect(await elements(arrayParameter(['2026-11-22'], 'date'))).toEqual(['2026-11-22']);
    expect(await elements(uuidArray([]))).toEqual([]);
  });

  it('refuses an element that is not of the type, instead of reading it as something else', async () => {
    await expect(elements(uuidArray(['8f4263a7-5523-4c48-a973-e228936415c7,d61d3f61-1f4d-43f4-8e29-c1dc861846cd']))).rejects.toThrow();
  });
});
