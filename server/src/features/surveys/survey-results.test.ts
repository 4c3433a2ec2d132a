import { describe, expect, it } from 'vitest';
import { combinedPersonCounts, type PersonCounts } from './survey-results.ts';

const settings = { threshold: 5, display: 'below' } as const;
const round = (cells: Record<string, { value: number | null; hidden: 'primary' | 'complementary' | null }>): PersonCounts => ({
  state: 'published',
  threshold: 5,
  display: 'below',
  cells,
});

describe('counts of persons over several rounds (ADR 0054)', () => {
  it('keeps each organisation’s own published cell and sums kinds and totals over the rounds', () => {
    const combined = combinedPersonCounts(
      [
        round({ 'q|r:a|-': { value: 7, hidden: null }, 'q|k:municipality|-': { value: 12, hidden: null }, 'q|*|-': { value: 12, hidden: null } }),
        round({ 'q|r:b|-': { value: 9, hidden: null }, 'q|k:agency|-': { value: 9, hidden: null }, 'q|*|-': { value: 20, hidden: null } }),
      ],
      settings,
    );
    expect(combined).toEqual({
      state: 'published',
      threshold: 5,
      display: 'below',
      cells: {
        'q|r:a|-': { value: 7, hidden: null },
        'q|r:b|-': { value: 9, hidden: null },
        // A kind that did not answer a round adds nothing from it.
        'q|k:municipality|-': { value: 12, hidden: null },
        'q|k:agency|-': { value: 9, hidden: null },
        'q|*|-': { value: 32, hidden: null },
      },
    });
  });

  it('hides a sum with a hidden part without calling it small, and keeps hidden answers hidden', () => {
    const combined = combinedPersonCounts(
      [
        round({ 'q|r:a|-': { value: null, hidden: 'primary' }, 'q|*|-': { value: null, hidden: 'complementary' } }),
        round({ 'q|r:b|-': { value: 40, hidden: null }, 'q|*|-': { value: 40, hidden: null } }),
      ],
      settings,
    );
    expect(combined.state === 'published' && combined.cells).toEqual({
      'q|r:a|-': { value: null, hidden: 'primary' },
      'q|r:b|-': { value: 40, hidden: null },
      'q|*|-': { value: null, hidden: 'complementary' },
    });
  });

  it('reads "pending" while any round is still open', () => {
    expect(combinedPersonCounts([round({ 'q|*|-': { value: 8, hidden: null } }), { state: 'pending' }], settings)).toEqual({ state: 'pending' });
  });
});
