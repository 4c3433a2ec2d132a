import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import { createTestRoundIn, testCipher } from './survey-builders.ts';
import * as repository from './survey-repository.ts';
import { encryptAnswer, listRounds, listSurveys } from './survey-service.ts';

/**
 * Surveys' tables (ADR 0015). Every row keeps the sending organisation's tenant; respondents
 * reach theirs only by their link's token (upptack_public), never another organisation's rows.
 */
async function chain(tx: Parameters<typeof createTestRoundIn>[0], tenantId: string, userId: string) {
  const round = await createTestRoundIn(tx, { tenantId, userId });
  const responseId = round.respondents[0]!.responseId;
  await repository.insertAnswer(tx, { responseId, tenantId, questionId: 'q_plan', valueEncrypted: encryptAnswer(testCipher(), responseId, 'q_plan', 'yes') });
  return { round, responseId };
}

export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'survey-published-counts',
    tables: ['survey_round_disclosure'],
    async create(tx, owner) {
      const { round } = await chain(tx, owner.tenantId, owner.userId);
      await repository.insertRoundDisclosure(tx, { roundId: round.id, tenantId: owner.tenantId, threshold: 5, display: 'below', cells: {} });
      return { id: round.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the published counts of the organisation’s rounds',
        reach: 'tenant',
        run: async (tx) => {
          const rows = [];
          for (const round of await listRounds(tx)) {
            const found = await repository.findRoundDisclosure(tx, round.id);
            if (found) rows.push({ id: found.roundId, tenantId: found.tenantId });
          }
          return rows;
        },
      },
    ],
  },
  {
    name: 'surveys',
    tables: ['surveys'],
    async create(tx, owner) {
      const { round } = await chain(tx, owner.tenantId, owner.userId);
      return { id: round.surveyId, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the organisation’s surveys',
        reach: 'tenant',
        run: async (tx, caller) => (await listSurveys(tx)).map((survey) => ({ id: survey.id, tenantId: caller.tenantId })),
      },
    ],
  },
  {
    name: 'survey-rounds',
    tables: ['survey_rounds', 'survey_responses', 'survey_answers'],
    async create(tx, owner) {
      const { round } = await chain(tx, owner.tenantId, owner.userId);
      return { id: round.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the organisation’s rounds',
        reach: 'tenant',
        run: async (tx) => {
          const rounds = await listRounds(tx);
          const rows = [];
          for (const round of rounds) {
            const found = await repository.findRound(tx, round.id);
            if (found) rows.push({ id: found.id, tenantId: found.tenantId });
          }
          return rows;
        },
      },
      {
        name: 'the responses and answers of the organisation’s rounds, by round',
        reach: 'tenant',
        run: async (tx) => {
          const rows = [];
          for (const round of await listRounds(tx)) {
            const responses = await repository.responsesOf(tx, round.id);
            const answers = await repository.answersOf(
              tx,
              responses.map((response) => response.id),
            );
            // A round is reached when its responses and their answers are; they carry its tenant.
            if (responses.length > 0 && answers.length > 0) rows.push({ id: round.id, tenantId: responses[0]!.tenantId });
          }
          return rows;
        },
      },
    ],
  },
]);
