import { sql, type SQL } from 'drizzle-orm';

/** The element types lists are sent as; a closed set, so the cast never comes from input. */
export type ArrayElementType = 'uuid' | 'text' | 'date';

/**
 * A list as one PostgreSQL array parameter, for `= any (…)` and array columns. drizzle spreads a
 * JavaScript array into separate parameters, so the list travels as an array literal: every
 * element quoted and escaped, so a comma, quote, brace or backslash stays inside its element and
 * the word NULL stays a word.
 */
export function arrayParameter(values: readonly string[], type: ArrayElementType): SQL {
  const literal = `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}

export const uuidArray = (values: readonly string[]): SQL => arrayParameter(values, 'uuid');
export const textArray = (values: readonly string[]): SQL => arrayParameter(values, 'text');
