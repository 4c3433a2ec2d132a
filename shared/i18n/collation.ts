/**
 * Swedish alphabetical order (… X Y Z Å Ä Ö). The embedded database has no Swedish collation and
 * the servers' default may be C, where Ä sorts before Å, so lists people read are ordered here.
 */
const swedish = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

export function compareSwedish(a: string, b: string): number {
  return swedish.compare(a, b);
}

/** A copy of `items` in Swedish order of `key`. */
export function sortSwedish<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => swedish.compare(key(a), key(b)));
}
