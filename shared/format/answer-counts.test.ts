import { describe, expect, it } from 'vitest';
import { answerCounts, answeredText } from './answer-counts.ts';

const t = {
  answeredOf: '{submitted} av {respondents}',
  anonymous: '{count} anonyma svar',
  answeredOfAndAnonymous: '{submitted} av {respondents} och {count} anonyma svar',
};

describe("one count of a round's answers (issue 20)", () => {
  it('counts named respondents, those who submitted, and submitted open-link answers apart', () => {
    const rows = [
      { anonymous: false, status: 'not_opened' as const, count: 13 },
      { anonymous: false, status: 'in_progress' as const },
      { anonymous: false, status: 'submitted' as const },
      { anonymous: true, status: 'submitted' as const, count: 11 },
      { anonymous: true, status: 'in_progress' as const },
    ];
    expect(answerCounts(rows)).toEqual({ respondents: 15, submitted: 1, anonymousResponses: 11 });
  });
  it("shows the open link's anonymous answers beside the named respondents' (a round showed 0 where it had 11)", () => {
    expect(answeredText({ submitted: 0, respondents: 15, anonymousResponses: 11 }, t)).toBe('0 av 15 och 11 anonyma svar');
  });
  it('names only what there is', () => {
    expect(answeredText({ submitted: 4, respondents: 15, anonymousResponses: 0 }, t)).toBe('4 av 15');
    expect(answeredText({ submitted: 0, respondents: 0, anonymousResponses: 11 }, t)).toBe('11 anonyma svar');
  });
});
