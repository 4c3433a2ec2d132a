import { describe, expect, it } from 'vitest';
import { diffBlocks, hasChanges } from './text-diff.ts';

describe('diffBlocks', () => {
  it('marks nothing when only blank lines and indentation differ', () => {
    const diff = diffBlocks('Ett\n\nTvå', '  Ett\r\n\r\n\r\nTvå ');
    expect(diff).toEqual([
      { kind: 'same', text: 'Ett' },
      { kind: 'same', text: 'Två' },
    ]);
    expect(hasChanges(diff)).toBe(false);
  });

  it('shows a rewritten paragraph as removed then added, and keeps the order of the rest', () => {
    const diff = diffBlocks('## Rubrik\nGammal text\n- punkt', '## Rubrik\nNy text\n- punkt\n- ny punkt');
    expect(diff).toEqual([
      { kind: 'same', text: '## Rubrik' },
      { kind: 'removed', text: 'Gammal text' },
      { kind: 'added', text: 'Ny text' },
      { kind: 'same', text: '- punkt' },
      { kind: 'added', text: '- ny punkt' },
    ]);
    expect(hasChanges(diff)).toBe(true);
  });

  it('handles an empty side', () => {
    expect(diffBlocks('', 'A')).toEqual([{ kind: 'added', text: 'A' }]);
    expect(diffBlocks('A', '')).toEqual([{ kind: 'removed', text: 'A' }]);
  });
});
