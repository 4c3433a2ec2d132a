import type { SurveyDefinitionInput, TemplateKey } from '#shared/contracts/surveys.ts';
import { surveyDefinition } from '#shared/contracts/surveys.ts';
import { testConfig } from '../../config.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import * as repository from './survey-repository.ts';
import { createSurvey, encryptAnswer, openRound, type OpenedRound } from './survey-service.ts';
import { sampleAnswers } from './demo-data.ts';

/**
 * Test builders for surveys (conventions: `createX(partial)` fills the rest). They run as the
 * system and encrypt with the test configuration's key, as test apps do.
 */
export const testCipher = () => createFieldCipher(testConfig().encryptionKey);

/** A small survey with one optional question of each simple kind (quick to submit in tests). */
export const SMALL_SURVEY: SurveyDefinitionInput = {
  title: 'Liten enkät',
  sections: [
    {
      id: 'main',
      title: 'Frågor',
      questions: [
        { id: 'q_plan', kind: 'yes_no_partly', text: 'Finns en plan?' },
        { id: 'q_cases', kind: 'number', text: 'Antal ärenden', min: 0, max: 100, countsPersons: true },
        { id: 'q_note', kind: 'short_text', text: 'Kommentar' },
      ],
    },
  ],
};

export type TestRound = OpenedRound & { surveyId: string };

export async function createTestRound(
  database: Database,
  partial: {
    tenantId: string;
    userId?: string | null;
    template?: TemplateKey;
    definition?: SurveyDefinitionInput;
    respondents?: number;
    openLink?: boolean;
    year?: number;
    deadline?: string;
    allowLate?: boolean;
    countyMunicipalities?: string;
  },
): Promise<TestRound> {
  return database.system(async (tx) => createTestRoundIn(tx, partial));
}

export async function createTestRoundIn(tx: Tx, partial: Parameters<typeof createTestRound>[1]): Promise<TestRound> {
  const owner = { tenantId: partial.tenantId, userId: partial.userId ?? null };
  const survey = await createSurvey(
    tx,
    owner,
    partial.template ? { template: partial.template } : { definition: surveyDefinition.parse(partial.definition ?? SMALL_SURVEY) },
  );
  const round = await openRound(
    tx,
    owner,
    {
      surveyId: survey.id,
      title: `Omgång ${partial.year ?? 2026}`,
      year: partial.year ?? 2026,
      deadline: partial.deadline ?? '2026-12-31',
      allowLate: partial.allowLate ?? false,
      countyMunicipalities: partial.countyMunicipalities,
      respondents: Array.from({ length: partial.respondents ?? (partial.countyMunicipalities ? 0 : 1) }, (_, index) => ({
        name: `Kvinnojour ${index + 1}`,
        contactName: 'Kontakt',
        contactEmail: `jour${index + 1}@example.se`,
      })),
      openLink: partial.openLink ?? false,
    },
    { cipher: testCipher() },
  );
  return { ...round, surveyId: survey.id };
}

/** Answers every question of a response (sample answers) and marks it submitted. */
export async function submitSampleResponse(database: Database, tenantId: string, responseId: string, seed: number): Promise<void> {
  await database.system(async (tx) => {
    const response = (await repository.findResponseById(tx, responseId))!;
    const round = await repository.findRound(tx, response.roundId);
    const survey = await repository.findSurvey(tx, round!.surveyId);
    for (const [question, value] of sampleAnswers(surveyDefinition.parse(survey!.definition), seed)) {
      await repository.insertAnswer(tx, {
        responseId,
        tenantId,
        questionId: question,
        valueEncrypted: encryptAnswer(testCipher(), responseId, question, value),
      });
    }
    await repository.updateResponseRow(tx, responseId, null, { status: 'submitted', submittedAt: new Date('2026-11-20T10:00:00Z') });
  });
}
