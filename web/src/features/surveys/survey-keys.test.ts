import { describe, expect, it } from 'vitest';
import { keyFrom, moveQuestion, newQuestion, optionsFrom } from './builder.ts';

describe('keys for options and questions made in the builder', () => {
  it('turns a Swedish label into a key the contract accepts, unique and never "other"', () => {
    expect(keyFrom('Mycket bra', [])).toBe('mycket_bra');
    expect(keyFrom('Hälso- och sjukvård', [])).toBe('halso_och_sjukvard');
    expect(keyFrom('Mycket bra', ['mycket_bra'])).toBe('mycket_bra_2');
    expect(keyFrom('Other', [])).toBe('other_2');
    expect(keyFrom('2 gånger', [])).toBe('x2_ganger');
    expect(keyFrom('!!!', [])).toBe('x');
    for (const key of ['mycket_bra', 'x2_ganger']) expect(key).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });
});

describe('builder helpers', () => {
  it('makes options from lines and gives each new kind what it needs', () => {
    expect(optionsFrom('Ja, alltid\n\nIbland\nJa, alltid')).toEqual([
      { value: 'ja_alltid', label: 'Ja, alltid' },
      { value: 'ibland', label: 'Ibland' },
      { value: 'ja_alltid_2', label: 'Ja, alltid' },
    ]);
    expect(newQuestion('matrix', 'Fråga', 'q_1')).toMatchObject({ kind: 'matrix', cell: 'yes_no_partly' });
    expect(newQuestion('single_choice', 'Fråga', 'q_2')).toMatchObject({ options: [{ value: 'a' }, { value: 'b' }], other: false });
  });
});

describe('reordering questions in a part', () => {
  it('moves one place up or down, and nothing past either end', () => {
    const questions = ['a', 'b', 'c'];
    expect(moveQuestion(questions, 2, -1)).toBe(1);
    expect(questions).toEqual(['a', 'c', 'b']);
    expect(moveQuestion(questions, 0, 1)).toBe(1);
    expect(questions).toEqual(['c', 'a', 'b']);
    expect(moveQuestion(questions, 0, -1)).toBe(0);
    expect(moveQuestion(questions, 2, 1)).toBe(2);
    expect(questions).toEqual(['c', 'a', 'b']);
  });
});
