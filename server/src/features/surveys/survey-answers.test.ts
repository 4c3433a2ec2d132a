import { describe, expect, it } from 'vitest';
import { surveyDefinition, type AnswerValue, type Question } from '#shared/contracts/surveys.ts';
import { checkAnswer, missingRequired, readFormAnswer, visibleQuestions, allQuestions, formFieldsOf } from './survey-answers.ts';
import { templateDefinition } from './templates.ts';
import { sampleAnswers } from './demo-data.ts';

const definition = surveyDefinition.parse({
  title: 'Test',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        { id: 'plan', kind: 'yes_no_partly', text: 'Plan?', required: true },
        { id: 'plan_text', kind: 'long_text', text: 'Beskriv', required: true, condition: { question: 'plan', values: ['yes', 'partly'] } },
        { id: 'cases', kind: 'matrix', cell: 'number', text: 'Ärenden', min: 0, max: 50, required: true },
        {
          id: 'kind',
          kind: 'single_choice',
          text: 'Typ',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
          other: true,
        },
      ],
    },
  ],
});
const question = (id: string) => allQuestions(definition).find((q) => q.id === id)! as Question;

describe('templates (in our own words, after the county report’s structure)', () => {
  it('the municipality survey has 41 questions: 25 to the municipality as a whole and 16 to individual and family care', () => {
    const municipality = templateDefinition('municipality');
    expect(allQuestions(municipality)).toHaveLength(41);
    expect(municipality.sections.slice(0, 3).flatMap((s) => s.questions)).toHaveLength(25);
    expect(municipality.sections.slice(3).flatMap((s) => s.questions)).toHaveLength(16);
    expect(allQuestions(municipality).filter((q) => q.kind === 'matrix').length).toBeGreaterThanOrEqual(8);
    expect(allQuestions(municipality).some((q) => 'countsPersons' in q && q.countsPersons)).toBe(true);
  });

  it('the agency/Barnahus survey has 6 questions, the shelter survey 5 by violence area, and there is an event evaluation', () => {
    expect(allQuestions(templateDefinition('agency'))).toHaveLength(6);
    const shelter = allQuestions(templateDefinition('shelter'));
    expect(shelter).toHaveLength(5);
    expect(shelter.filter((q) => q.kind === 'matrix')).toHaveLength(4);
    expect(allQuestions(templateDefinition('event_evaluation')).length).toBeGreaterThan(3);
  });

  it('every template’s sample answers fit its questions and leave nothing required unanswered', () => {
    for (const key of ['municipality', 'agency', 'shelter', 'event_evaluation'] as const) {
      const template = templateDefinition(key);
      const answers = sampleAnswers(template, 3);
      for (const [id, value] of answers)
        expect(
          checkAnswer(
            allQuestions(template).find((q) => q.id === id)!,
            value,
          ),
          `${key}/${id}`,
        ).toBeNull();
      expect(missingRequired(template, answers), key).toEqual([]);
    }
  });
});

describe('answers', () => {
  it('shows a conditional question only when its condition holds, and requires it only then', () => {
    expect(visibleQuestions(definition, new Map([['plan', 'no']])).has('plan_text')).toBe(false);
    expect(visibleQuestions(definition, new Map([['plan', 'partly']])).has('plan_text')).toBe(true);
    expect(
      missingRequired(
        definition,
        new Map<string, AnswerValue>([
          ['plan', 'no'],
          ['cases', { vnr: 1, hrv: 0, pom: 2 }],
        ]),
      ),
    ).toEqual([]);
    expect(
      missingRequired(
        definition,
        new Map<string, AnswerValue>([
          ['plan', 'yes'],
          ['cases', { vnr: 1 }],
        ]),
      ).map((p) => p.question),
    ).toEqual(['plan_text', 'cases']);
  });

  it('checks ranges, whole numbers, options and the "other" text', () => {
    expect(checkAnswer(question('cases'), { vnr: 51 })).toMatchObject({ code: 'too_large', params: { max: 50 } });
    expect(checkAnswer(question('cases'), { vnr: 2.5 })).toMatchObject({ code: 'not_integer' });
    expect(checkAnswer(question('kind'), { choice: 'c' })).toMatchObject({ code: 'invalid_option' });
    expect(checkAnswer(question('kind'), { choice: 'other' })).toMatchObject({ code: 'other_missing' });
    expect(checkAnswer(question('kind'), { choice: 'other', other: 'Något' })).toBeNull();
  });

  it('reads the form as typed: Swedish decimal commas and spaces, empty fields as no answer, bad numbers as problems', () => {
    expect(readFormAnswer(question('cases'), { 'q.cases.vnr': ['1 200'], 'q.cases.hrv': [''], 'q.cases.pom': ['3'] })).toEqual({
      value: { vnr: 1200, pom: 3 },
    });
    expect(readFormAnswer(question('cases'), { 'q.cases.vnr': ['tolv'] })).toMatchObject({ problem: { code: 'not_a_number' } });
    expect(readFormAnswer(question('plan'), {})).toEqual({ value: null });
    expect(readFormAnswer(question('kind'), { 'q.kind': ['other'], 'q.kind.other': ['Annan typ'] })).toEqual({
      value: { choice: 'other', other: 'Annan typ' },
    });
    expect(formFieldsOf(question('kind'), { choice: 'other', other: 'Annan typ' })).toEqual({ 'q.kind': ['other'], 'q.kind.other': ['Annan typ'] });
  });
});
