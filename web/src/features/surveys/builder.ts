import type { QUESTION_KINDS, QuestionInput } from '#shared/contracts/surveys.ts';

/** The builder's pure helpers: keys from labels, options from lines, a new question of a kind. */
export type Kind = (typeof QUESTION_KINDS)[number];

/** A key from a label: lower-case ASCII letters, digits and _ (what the contract accepts). */
export function keyFrom(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'x$1')
      .slice(0, 30) || 'x';
  let key = base;
  for (let n = 2; taken.includes(key) || key === 'other'; n++) key = `${base}_${n}`;
  return key;
}

export const optionsText = (question: QuestionInput) =>
  'options' in question && question.options ? question.options.map((option) => option.label).join('\n') : '';
export function optionsFrom(text: string) {
  const keys: string[] = [];
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((label) => {
      const value = keyFrom(label, keys);
      keys.push(value);
      return { value, label };
    });
}

/** A new question of a kind, with what that kind needs. */
export function newQuestion(kind: Kind, text: string, id: string): QuestionInput {
  const base = { id, text, required: false, goals: [], jointAreas: [] };
  switch (kind) {
    case 'single_choice':
    case 'multiple_choice':
      return {
        ...base,
        kind,
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
        other: false,
      };
    case 'matrix':
      return { ...base, kind, cell: 'yes_no_partly' };
    case 'number':
      return { ...base, kind };
    case 'short_text':
    case 'long_text':
    case 'date':
    case 'yes_no_partly':
      return { ...base, kind };
  }
}

/**
 * Moves a question one place up (-1) or down (+1) within its part; at either end nothing moves.
 * Returns the question's new index. Conditions are not rewritten: a question moved above the one
 * it depends on is refused on save with the field named.
 */
export function moveQuestion<Q>(questions: Q[], index: number, direction: -1 | 1): number {
  const target = index + direction;
  if (index < 0 || index >= questions.length || target < 0 || target >= questions.length) return index;
  const [moved] = questions.splice(index, 1);
  questions.splice(target, 0, moved!);
  return target;
}
