import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveResult, VIOLENCE_FORMS, type AnswerValue } from './screening-codes.ts';
import { questionItems, type QuestionItem } from './screening.ts';

/** The default question set's version 2 as migration 0174 publishes it (issue 20, ADR 0097). */
function defaultItems(): QuestionItem[] {
  const migration = readFileSync(new URL('../../server/migrations/0174_default_question_set_strategy_forms.sql', import.meta.url), 'utf8');
  const json = /\$items\$([\s\S]*)\$items\$/.exec(migration)![1]!;
  return questionItems.parse(JSON.parse(json));
}

const answers = (entries: Record<string, string | string[]>) =>
  new Map<string, AnswerValue>(Object.entries(entries).map(([item, value]) => [item, Array.isArray(value) ? { values: value } : { value }]));

describe('the default question set, version 2', () => {
  const items = defaultItems();
  const options = (key: string) => items.find((item) => item.key === key)!.options;

  it('is a valid instrument that offers every form of the national strategy as an exposure choice', () => {
    expect(
      options('exposure_forms')
        .map((option) => option.code)
        .sort(),
    ).toEqual([...VIOLENCE_FORMS].sort());
    for (const option of options('exposure_forms')) expect(option.signal).toEqual({ exposure: [option.code] });
  });

  it('offers the forms a person can use against someone else as perpetration choices', () => {
    const codes = options('perpetration_forms').map((option) => option.code);
    expect(codes).toEqual(expect.arrayContaining(['sexual_harassment', 'fgm', 'forced_marriage', 'child_marriage', 'trafficking_labour_child']));
    expect(codes).not.toContain('prostitution');
  });

  it('has choice labels of which none contains another, so each can be found by its label', () => {
    for (const key of ['exposure_forms', 'perpetration_forms']) {
      const labels = options(key).map((option) => option.label);
      for (const label of labels) expect(labels.filter((other) => other.includes(label))).toEqual([label]);
    }
  });

  it('derives the wish for help from the perpetration follow-up question, only with a disclosed use of violence', () => {
    const wants = deriveResult(
      items,
      answers({ exposure: 'no', perpetration: 'yes', children: 'no', perpetration_forms: ['forced_marriage'], perpetration_support: 'yes' }),
    );
    expect(wants).toMatchObject({ outcome: 'disclosed', perpetrationForms: ['forced_marriage'], perpetratorWantsHelp: true });
    const declines = deriveResult(
      items,
      answers({ exposure: 'no', perpetration: 'yes', children: 'no', perpetration_forms: ['physical'], perpetration_support: 'no' }),
    );
    expect(declines.perpetratorWantsHelp).toBe(false);
    // An answer to a question the gate did not reveal tells nothing.
    const hidden = deriveResult(items, answers({ exposure: 'no', perpetration: 'no', children: 'no', perpetration_support: 'yes' }));
    expect(hidden).toMatchObject({ outcome: 'nothing_disclosed', perpetratorWantsHelp: false });
  });

  it('records the strategy forms apart', () => {
    const result = deriveResult(
      items,
      answers({
        exposure: 'yes',
        perpetration: 'no',
        children: 'no',
        exposure_forms: ['fgm', 'trafficking_sexual_child', 'sexual_harassment'],
        safety_now: 'no',
      }),
    );
    expect(result.exposureForms).toEqual(['sexual_harassment', 'fgm', 'trafficking_sexual_child']);
  });
});
