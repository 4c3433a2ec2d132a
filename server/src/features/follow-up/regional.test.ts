import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, medianClass } from './regional.ts';

const ORDER = { best: 0, middle: 1, worst: 2 } as const;
const COUNTIES = Array.from({ length: 21 }, (_, index) => String(index + 1).padStart(2, '0'));

describe('the 30/40/30 classification of counties', () => {
  it('puts ranks 1–6 of 21 among the best, 7–15 in the middle and 16–21 among the worst', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 21, maxLength: 21 }),
        fc.constantFrom('higher' as const, 'lower' as const),
        (values, direction) => {
          const ranked = classify(
            values.map((value, index) => ({ county: COUNTIES[index]!, value })),
            direction,
          );
          expect(ranked.filter((entry) => entry.class === 'best').map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5, 6]);
          expect(ranked.filter((entry) => entry.class === 'middle')).toHaveLength(9);
          expect(ranked.filter((entry) => entry.class === 'worst').map((entry) => entry.rank)).toEqual([16, 17, 18, 19, 20, 21]);
        },
      ),
    );
  });

  it('gives equal values the same class, the better one, and never a worse class to a better value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 21 }),
        fc.constantFrom('higher' as const, 'lower' as const),
        (values, direction) => {
          const ranked = classify(
            values.map((value, index) => ({ county: COUNTIES[index]!, value })),
            direction,
          );
          for (const a of ranked) {
            for (const b of ranked) {
              if (a.value === b.value) expect(a.class).toBe(b.class);
              const better = direction === 'higher' ? a.value > b.value : a.value < b.value;
              if (better) expect(ORDER[a.class!]).toBeLessThanOrEqual(ORDER[b.class!]);
            }
          }
          // Ties take the better class: the first of a tied group decides for all of it.
          const edge = Math.round(0.3 * values.length);
          for (const entry of ranked) if (entry.rank <= edge) expect(entry.class).toBe('best');
        },
      ),
    );
  });

  it('classifies the counties that have a value when some are missing, and none below four', () => {
    const eighteen = classify(
      COUNTIES.slice(0, 18).map((county, index) => ({ county, value: index })),
      'higher',
    );
    expect(eighteen.filter((entry) => entry.class === 'best')).toHaveLength(5);
    expect(eighteen.filter((entry) => entry.class === 'worst')).toHaveLength(5);
    expect(
      classify(
        [
          { county: '01', value: 1 },
          { county: '03', value: 2 },
          { county: '04', value: 3 },
        ],
        'higher',
      ).every((entry) => entry.class === null),
    ).toBe(true);
  });

  it('summarises a goal by the median class, the better of the two middle ones', () => {
    expect(medianClass(['best', 'worst', 'middle'])).toBe('middle');
    expect(medianClass(['best', 'worst'])).toBe('best');
    expect(medianClass(['worst', 'worst', null])).toBe('worst');
    expect(medianClass([null])).toBeNull();
  });
});
