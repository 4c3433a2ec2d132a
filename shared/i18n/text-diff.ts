/**
 * What changed between two versions of a text, block by block (a block is a line: a paragraph, a
 * heading or a list item of the public pages' format). Longest common subsequence, so a moved or
 * rewritten paragraph shows as removed and added. For translators: what changed in the Swedish
 * source and in the translation since the last review (issue 21).
 */
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

function blocks(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export function diffBlocks(before: string, after: string): DiffLine[] {
  const a = blocks(before);
  const b = blocks(after);
  // lengths[i][j] = LCS length of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] = a[i] === b[j] ? (lengths[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const result: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      result.push({ kind: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0)) {
      result.push({ kind: 'removed', text: a[i] ?? '' });
      i++;
    } else {
      result.push({ kind: 'added', text: b[j] ?? '' });
      j++;
    }
  }
  for (; i < a.length; i++) result.push({ kind: 'removed', text: a[i] ?? '' });
  for (; j < b.length; j++) result.push({ kind: 'added', text: b[j] ?? '' });
  return result;
}

/** True when the diff has any change. */
export const hasChanges = (diff: readonly DiffLine[]): boolean => diff.some((line) => line.kind !== 'same');
