import { describe, expect, it } from 'vitest';
import { compareSwedish, sortSwedish } from './collation.ts';

describe('Swedish alphabetical order (issue 22)', () => {
  it('puts Å before Ä before Ö, after Z, as Swedish readers expect', () => {
    const names = ['Östersund', 'Älvdalen', 'Åre', 'Avesta', 'Ystad', 'Åmål', 'Älmhult'];
    expect(sortSwedish(names, (name) => name)).toEqual(['Avesta', 'Ystad', 'Åmål', 'Åre', 'Älmhult', 'Älvdalen', 'Östersund']);
  });
  it('ignores case', () => {
    expect(compareSwedish('åre', 'Åre')).toBe(0);
  });
});
