import { describe, expect, it } from 'vitest';
import { surveyPageMessages } from './messages.ts';
import { answeredText } from './SurveysPage.tsx';

describe('the round list counts every answer (issue 20)', () => {
  const t = surveyPageMessages.sv.list;
  it('shows the open link\'s anonymous answers beside the named respondents\' (a round showed 0 where it had 11)', () => {
    expect(answeredText({ submitted: 0, respondents: 15, anonymousResponses: 11 }, t)).toBe('0 av 15 och 11 anonyma svar');
  });
  it('names only what there is', () => {
    expect(answeredText({ submitted: 4, respondents: 15, anonymousResponses: 0 }, t)).toBe('4 av 15');
    expect(answeredText({ submitted: 0, respondents: 0, anonymousResponses: 11 }, t)).toBe('11 anonyma svar');
  });
});
