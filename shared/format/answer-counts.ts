import type { ResponseStatus } from '../contracts/surveys.ts';
import { interpolate } from '../i18n/messages.ts';

/** How many answered a survey round: named respondents, those of them who submitted, and open-link answers. */
export type AnswerCounts = { respondents: number; submitted: number; anonymousResponses: number };

/**
 * The one count of a round's answers that the round list, the round's page, its results and their
 * exports all show (issue 20: the list read 0 where the results read 11, because one counted
 * open-link answers as submitted and the other did not). `count` weighs a row that stands for
 * several responses (a grouped query).
 */
export function answerCounts(rows: Iterable<{ anonymous: boolean; status: ResponseStatus; count?: number }>): AnswerCounts {
  const counts: AnswerCounts = { respondents: 0, submitted: 0, anonymousResponses: 0 };
  for (const row of rows) {
    const weight = row.count ?? 1;
    if (row.anonymous) {
      if (row.status === 'submitted') counts.anonymousResponses += weight;
    } else {
      counts.respondents += weight;
      if (row.status === 'submitted') counts.submitted += weight;
    }
  }
  return counts;
}

/** The counts as a phrase: "4 av 15", "11 anonyma svar" or both; the messages come from the caller's catalogue. */
export function answeredText(counts: AnswerCounts, t: { answeredOf: string; anonymous: string; answeredOfAndAnonymous: string }): string {
  const values = { submitted: counts.submitted, respondents: counts.respondents, count: counts.anonymousResponses };
  if (counts.respondents === 0) return interpolate(t.anonymous, values);
  return interpolate(counts.anonymousResponses > 0 ? t.answeredOfAndAnonymous : t.answeredOf, values);
}
