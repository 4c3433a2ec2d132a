import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  VIOLENCE_AREAS,
  type AnswerValue,
  type RoundDetail,
  type RoundResults,
  type SurveyDefinitionInput,
  type ViolenceArea,
} from '#shared/contracts/surveys.ts';
import { loadSolver } from '../../platform/disclosure/solver.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { TEST_EPOCH } from '../../test-support/test-clock.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { labelsFor } from './survey-answers.ts';
import * as repository from './survey-repository.ts';
import { encryptAnswer } from './survey-service.ts';
import { testCipher } from './survey-builders.ts';

/**
 * The attacker on survey results (issue 15 items 2–4): one account — the county strategist who owns
 * the round — asks for everything the product offers about a round's counts of persons: every
 * breakdown (`by`) with every filter (`kind`) and none, while the round is open, after one more
 * organisation answered, and after it closed. Every number it is shown (a sum per area, an
 * organisation's or a kind's count, "<5", "–") becomes a linear constraint on the unknown answers
 * (one per organisation, question and area); a linear-programming attacker (HiGHS) then finds the
 * smallest and largest value of every count of persons whose truth is 1 … threshold − 1: single
 * answers, kind subtotals and totals. Differencing of filters and breakdowns, totals minus visible
 * cells and the same figure before and after a late answer are all cases of it. Nothing may be
 * pinned to one whole number.
 *
 * Seeded and property-based (fast-check): each run draws the answers of 21 organisations of three
 * kinds, with many small counts; the last organisation always answers a small count (so a
 * difference over time would give it away).
 */
const SURVEY: SurveyDefinitionInput = {
  title: 'Ärenden',
  sections: [
    {
      id: 'main',
      title: 'Ärenden',
      questions: [
        { id: 'q_plan', kind: 'yes_no_partly', text: 'Finns en plan?' },
        { id: 'q_children', kind: 'number', text: 'Antal barn', min: 0, max: 1000, countsPersons: true },
        { id: 'q_cases', kind: 'matrix', cell: 'number', text: 'Ärenden per område', min: 0, max: 1000, countsPersons: true },
      ],
    },
  ],
};
const PERSON_QUESTIONS = [
  { id: 'q_children', areas: [null] },
  { id: 'q_cases', areas: [...VIOLENCE_AREAS] },
] as const;
const THRESHOLD = 5;

type Respondent = { responseId: string; name: string; kind: string };
type Atom = { question: string; respondent: number; area: ViolenceArea | null };
type Observation = { atoms: number[]; lo: number; hi: number };

const BY = [undefined, 'organisation', 'kind'] as const;
const KINDS = ['municipality', 'agency', 'other'] as const;

describe('survey results against an attacker with every answer one account can obtain (issue 15)', () => {
  let app: TestApp;
  let strategist: ApiClient;
  beforeAll(async () => {
    app = await createTestApp({ now: TEST_EPOCH });
    strategist = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-20', municipalityCode: '2080' }),
      }),
    );
  });
  afterAll(() => app.close());

  async function submit(respondent: Respondent, answers: Map<string, AnswerValue>) {
    await app.database.system(async (tx) => {
      for (const [question, value] of answers) {
        await repository.insertAnswer(tx, {
          responseId: respondent.responseId,
          tenantId: organisationId('LST-20'),
          questionId: question,
          valueEncrypted: encryptAnswer(testCipher(), respondent.responseId, question, value),
        });
      }
      await repository.updateResponseRow(tx, respondent.responseId, null, { status: 'submitted', submittedAt: new Date('2026-11-20T10:00:00Z') });
    });
  }

  /** Every variant of the results the product offers for the round, as the strategist gets them. */
  async function everyAnswer(roundId: string): Promise<Array<{ filter: string | undefined; by: string | undefined; results: RoundResults }>> {
    const answers = [];
    for (const by of BY) {
      for (const filter of [undefined, ...KINDS]) {
        const query = new URLSearchParams([...(by ? [['by', by]] : []), ...(filter ? [['kind', filter]] : [])]).toString();
        const response = await strategist.get(`/api/v1/survey-rounds/${roundId}/results${query ? `?${query}` : ''}`);
        expect(response.status).toBe(200);
        answers.push({ filter, by, results: response.json<RoundResults>() });
      }
    }
    return answers;
  }

  it('lets no count of persons of 1 … 4 be derived, across filters, breakdowns, totals and time', async () => {
    const highs = await loadSolver();
    const labels = labelsFor('sv');
    const areaByLabel = new Map(VIOLENCE_AREAS.map((area) => [labels.areas[area], area]));
    const count = fc.oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 4, arbitrary: fc.integer({ min: 5, max: 40 }) },
    );
    const answersOf = fc.record({ children: count, vnr: count, hrv: count, pom: count });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(answersOf, { minLength: 21, maxLength: 21 }), fc.integer({ min: 1, max: 4 }), async (drawn, lateSmall) => {
        round++;
        const created = (await strategist.post('/api/v1/surveys', { definition: SURVEY })).json<{ id: string }>();
        const sent = await strategist.post('/api/v1/survey-rounds', {
          surveyId: created.id,
          title: `Omgång ${round}`,
          year: 2026,
          deadline: '2026-12-31',
          countyMunicipalities: '20',
          respondents: [
            { organisationId: organisationId('FK') },
            { organisationId: organisationId('AF') },
            { organisationId: organisationId('MV') },
            { name: 'Kvinnojouren Dalarna' },
            { name: 'Tjejjouren Falun' },
            { name: 'Mansmottagningen' },
          ],
        });
        expect(sent.status).toBe(201);
        const roundId = sent.json<{ id: string }>().id;
        const detail = (await strategist.get(`/api/v1/survey-rounds/${roundId}`)).json<RoundDetail>();
        const kindOf = (row: RoundDetail['respondentList'][number]) =>
          row.organisationId === null ? 'other' : ['FK', 'AF', 'MV'].map(organisationId).includes(row.organisationId) ? 'agency' : 'municipality';
        const respondents: Respondent[] = detail.respondentList.map((row) => ({ responseId: row.id, name: row.name, kind: kindOf(row) }));
        expect(respondents).toHaveLength(21);
        const truth = drawn.map((values, index) => (index === drawn.length - 1 ? { ...values, children: lateSmall } : values));
        const answerMap = (index: number) =>
          new Map<string, AnswerValue>([
            ['q_plan', 'yes'],
            ['q_children', truth[index]!.children],
            ['q_cases', { vnr: truth[index]!.vnr, hrv: truth[index]!.hrv, pom: truth[index]!.pom }],
          ]);

        // Atoms: one unknown per organisation, question and area.
        const atoms: Atom[] = [];
        const atomIndex = new Map<string, number>();
        for (const question of PERSON_QUESTIONS)
          for (const area of question.areas)
            respondents.forEach((_, respondent) => {
              atomIndex.set(`${question.id}|${respondent}|${area}`, atoms.length);
              atoms.push({ question: question.id, respondent, area });
            });
        const value = (atom: Atom) => (atom.area === null ? truth[atom.respondent]!.children : truth[atom.respondent]![atom.area]);

        const observations: Observation[] = [];
        const observe = (atomList: number[], text: string) => {
          if (atomList.length === 0) return;
          if (text === '–') observations.push({ atoms: atomList, lo: 1, hi: Infinity });
          else if (text === `<${THRESHOLD}`) observations.push({ atoms: atomList, lo: 1, hi: THRESHOLD - 1 });
          else if (/^\d+$/.test(text)) observations.push({ atoms: atomList, lo: Number(text), hi: Number(text) });
        };
        const collect = (answers: Awaited<ReturnType<typeof everyAnswer>>, answered: number) => {
          for (const { results } of answers) {
            // What the answer says it covers (an answer that does not say is about every organisation).
            const applied = (results as { breakdown?: { by: string; kind: string | null } }).breakdown ?? { by: 'organisation', kind: null };
            const filter = applied.kind ?? undefined;
            const by = applied.by;
            const inFilter = respondents.flatMap((respondent, index) => (index < answered && (!filter || respondent.kind === filter) ? [index] : []));
            for (const question of PERSON_QUESTIONS) {
              const result = results.questions.find((q) => q.id === question.id)!;
              const atomsOf = (members: number[], area: ViolenceArea | null) => members.map((member) => atomIndex.get(`${question.id}|${member}|${area}`)!);
              for (const sum of result.sums) observe(atomsOf(inFilter, sum.area), sum.total.text);
              for (const row of result.byRespondent) {
                const key = (row as { key?: string }).key;
                const members =
                  by === 'kind' && key
                    ? inFilter.filter((index) => respondents[index]!.kind === key)
                    : respondents.flatMap((respondent, index) => (respondent.name === row.respondent ? [index] : []));
                const parts = row.answer.split('; ');
                for (const part of parts) {
                  const [label, text] = part.includes(': ') ? (part.split(': ') as [string, string]) : [null, part];
                  observe(atomsOf(members, label === null ? null : areaByLabel.get(label)!), text);
                }
              }
            }
          }
        };

        // Open: all but the last organisation have answered.
        for (let index = 0; index < respondents.length - 1; index++) await submit(respondents[index]!, answerMap(index));
        collect(await everyAnswer(roundId), respondents.length - 1);
        // The last one answers, then the round closes.
        await submit(respondents.at(-1)!, answerMap(respondents.length - 1));
        collect(await everyAnswer(roundId), respondents.length);
        const version = (await strategist.get(`/api/v1/survey-rounds/${roundId}`)).json<RoundDetail>().version;
        expect((await strategist.patch(`/api/v1/survey-rounds/${roundId}`, { version, closed: true })).status).toBe(200);
        collect(await everyAnswer(roundId), respondents.length);
        collect(await everyAnswer(roundId), respondents.length);

        // The closed round publishes counts: the attacker has real figures to work with.
        expect(observations.filter((observation) => observation.lo === observation.hi && observation.lo >= THRESHOLD).length).toBeGreaterThan(10);

        // Targets: every single answer, every kind's subtotal and every total, per question and area.
        const targets: Array<{ name: string; atoms: number[] }> = [];
        for (const question of PERSON_QUESTIONS)
          for (const area of question.areas) {
            const of = (members: number[]) => members.map((member) => atomIndex.get(`${question.id}|${member}|${area}`)!);
            respondents.forEach((respondent, index) => targets.push({ name: `${question.id}/${area}/${respondent.name}`, atoms: of([index]) }));
            for (const kind of KINDS)
              targets.push({ name: `${question.id}/${area}/${kind}`, atoms: of(respondents.flatMap((r, index) => (r.kind === kind ? [index] : []))) });
            targets.push({ name: `${question.id}/${area}/total`, atoms: of(respondents.map((_, index) => index)) });
          }
        const rows = observations.map((observation, i) => {
          const terms = observation.atoms.map((atom) => `x${atom}`).join(' + ');
          if (observation.lo === observation.hi) return [`o${i}: ${terms} = ${observation.lo}`];
          return [`o${i}l: ${terms} >= ${observation.lo}`, ...(observation.hi === Infinity ? [] : [`o${i}h: ${terms} <= ${observation.hi}`])];
        });
        const model = (sense: string, objective: string) =>
          [
            sense,
            ` obj: ${objective}`,
            'Subject To',
            ...rows.flat().map((row) => ` ${row}`),
            'Bounds',
            ...atoms.map((_, k) => ` 0 <= x${k} <= 1000`),
            'End',
          ].join('\n');
        const recovered: string[] = [];
        for (const target of targets) {
          const truthValue = target.atoms.reduce((sum, atom) => sum + value(atoms[atom]!), 0);
          if (truthValue < 1 || truthValue >= THRESHOLD || target.atoms.length === 0) continue;
          const objective = target.atoms.map((atom) => `x${atom}`).join(' + ');
          const high = highs.solve(model('Maximize', objective), { output_flag: false });
          const low = highs.solve(model('Minimize', objective), { output_flag: false });
          expect([high.Status, low.Status]).toEqual(['Optimal', 'Optimal']);
          // Every derived interval holds the truth (the attacker reads the answers right).
          expect(low.ObjectiveValue).toBeLessThanOrEqual(truthValue + 1e-6);
          expect(high.ObjectiveValue).toBeGreaterThanOrEqual(truthValue - 1e-6);
          if (Math.floor(high.ObjectiveValue + 1e-7) - Math.ceil(low.ObjectiveValue - 1e-7) < 1) recovered.push(`${target.name}=${truthValue}`);
        }
        expect(recovered).toEqual([]);
      }),
      { numRuns: 3, seed: 15_2026, endOnFailure: true },
    );
  });

  it('answers an unknown breakdown or filter with 400 naming the parameter', async () => {
    const created = (await strategist.post('/api/v1/surveys', { definition: SURVEY })).json<{ id: string }>();
    const roundId = (
      await strategist.post('/api/v1/survey-rounds', {
        surveyId: created.id,
        title: 'Omgång',
        year: 2026,
        deadline: '2026-12-31',
        respondents: [{ name: 'Jouren' }],
      })
    ).json<{ id: string }>().id;
    for (const [parameter, query] of [
      ['by', 'by=municipality_code'],
      ['kind', 'kind=planet'],
    ] as const) {
      for (const suffix of ['', '.csv', '.xlsx']) {
        const response = await strategist.get(`/api/v1/survey-rounds/${roundId}/results${suffix}?${query}`);
        expect(response.status).toBe(400);
        expect(response.problem().errors.map((error) => error.field)).toEqual([parameter]);
      }
    }
  });
});
