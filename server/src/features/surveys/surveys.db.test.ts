import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RespondentView, RoundDetail, RoundResults, SurveyDetail } from '#shared/contracts/surveys.ts';
import { ADMIN_COMMANDS } from '../../admin/commands/index.ts';
import { testConfig } from '../../config.ts';
import { tokenAccess } from '../../platform/access/token-access.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { TEST_EPOCH } from '../../test-support/test-clock.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { createTestRound, submitSampleResponse, testCipher } from './survey-builders.ts';
import { combinedResults } from './survey-results.ts';

/**
 * The rounds here are the county's follow-up of 2026 (deadlines, reporting years), so the clock is
 * pinned to a day in it; the app and its database read no other clock (ADR 0019).
 */
const SCENARIO_NOW = TEST_EPOCH;

const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

describe('surveys (issue 8)', () => {
  let app: TestApp;
  let strategist: ApiClient;
  beforeAll(async () => {
    app = await createTestApp({ now: SCENARIO_NOW });
    strategist = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-20', municipalityCode: '2080' }),
      }),
    );
  });
  afterAll(() => app.close());

  async function sendMunicipalityRound(year: number, surveyId?: string) {
    const id = surveyId ?? (await strategist.post('/api/v1/surveys', { template: 'municipality' })).json<SurveyDetail>().id;
    const sent = await strategist.post('/api/v1/survey-rounds', {
      surveyId: id,
      title: `Årsuppföljning ${year}`,
      year,
      deadline: '2026-12-31',
      countyMunicipalities: '20',
    });
    expect(sent.status).toBe(201);
    return { surveyId: id, roundId: sent.json<{ id: string }>().id };
  }

  it('versions: a draft changes; once sent it never does, and a change is a new version of the same series', async () => {
    const created = await strategist.post('/api/v1/surveys', { template: 'municipality' });
    expect(created.status).toBe(201);
    const survey = created.json<SurveyDetail>();
    expect(survey.questionCount).toBe(41);
    expect(survey.definition.sections.slice(0, 3).flatMap((s) => s.questions)).toHaveLength(25);
    const edited = await strategist.put(`/api/v1/surveys/${survey.id}`, {
      version: survey.version,
      definition: { ...survey.definition, title: 'Årsuppföljning, utkast 2' },
    });
    expect(edited.status).toBe(200);
    expect((await strategist.put(`/api/v1/surveys/${survey.id}`, { version: survey.version, definition: survey.definition })).problem().code).toBe(
      'version_conflict',
    );

    await sendMunicipalityRound(2026, survey.id);
    const locked = await strategist.get(`/api/v1/surveys/${survey.id}`);
    expect(locked.json<SurveyDetail>().locked).toBe(true);
    const refused = await strategist.put(`/api/v1/surveys/${survey.id}`, {
      version: locked.json<SurveyDetail>().version,
      definition: { ...survey.definition, title: 'Ändrad i efterhand' },
    });
    expect(refused.status).toBe(409);
    expect(refused.problem().code).toBe('conflict');
    expect((await strategist.get(`/api/v1/surveys/${survey.id}`)).json<SurveyDetail>().title).toBe('Årsuppföljning, utkast 2');

    const next = await strategist.post(`/api/v1/surveys/${survey.id}/versions`);
    expect(next.status).toBe(201);
    const version = next.json<SurveyDetail>();
    expect(version).toMatchObject({ seriesKey: survey.seriesKey, locked: false, questionCount: 41 });
    expect(version.versionNumber).toBeGreaterThan(survey.versionNumber);
  });

  it('refuses a definition with a condition on a later question, duplicate keys, or min above max', async () => {
    const response = await strategist.post('/api/v1/surveys', {
      definition: {
        title: 'Trasig',
        sections: [
          {
            id: 'a',
            title: 'A',
            questions: [
              { id: 'q1', kind: 'yes_no_partly', text: 'Fråga', condition: { question: 'q2', values: ['yes'] } },
              { id: 'q2', kind: 'number', text: 'Tal', min: 10, max: 1 },
              { id: 'q2', kind: 'short_text', text: 'Dubblett' },
            ],
          },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(
      response
        .problem()
        .errors.map((error) => error.field)
        .sort(),
    ).toEqual(['definition.sections.0.questions.0.condition.question', 'definition.sections.0.questions.1.max', 'definition.sections.0.questions.2.id']);
  });

  it('stores respondents’ names normalised: NFC, no bidirectional controls, no markup (issue 16)', async () => {
    const surveyId = (await strategist.post('/api/v1/surveys', { template: 'municipality' })).json<SurveyDetail>().id;
    const sent = await strategist.post('/api/v1/survey-rounds', {
      surveyId,
      title: 'Uppföljning av kvinnojourer',
      year: 2026,
      deadline: '2026-12-31',
      respondents: [{ name: '<b>Kvinnojouren\u202E i Falun', contactName: 'Mo\u0308a\u2067 Berg\u2069' }],
    });
    expect(sent.status).toBe(201);
    const round = (await strategist.get(`/api/v1/survey-rounds/${sent.json<{ id: string }>().id}`)).json<RoundDetail>();
    expect(round.respondentList.map((row) => [row.name, row.contactName])).toEqual([['bKvinnojouren i Falun', 'Möa Berg']]);
  });

  it('tokens: one unguessable link per municipality, stored only as hash and ciphertext; a link reaches its own response and nothing else', async () => {
    const { roundId } = await sendMunicipalityRound(2026);
    const round = (await strategist.get(`/api/v1/survey-rounds/${roundId}`)).json<RoundDetail>();
    expect(round.respondentList).toHaveLength(15);
    expect(round.counts).toEqual({ not_opened: 15, in_progress: 0, submitted: 0 });
    const reminders = (await strategist.get(`/api/v1/survey-rounds/${roundId}/reminders`)).json<{ reminders: Array<{ name: string; link: string }> }>()
      .reminders;
    expect(reminders.map((r) => r.name)).toContain('Falun');
    const tokens = reminders.map((r) => r.link.split('/enkat/')[1]!);
    expect(new Set(tokens).size).toBe(15);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await app.database.system((tx) =>
      queryRows<{ plain: number }>(
        tx,
        sql`select count(*)::int as plain from survey_responses where token_hash in (${sql.join(
          tokens.map((token) => sql`${token}`),
          sql`, `,
        )}) or token_encrypted in (${sql.join(
          tokens.map((token) => sql`${token}`),
          sql`, `,
        )})`,
      ),
    );
    expect(stored!.plain).toBe(0);

    const first = anonymous(app);
    const opened = await first.get(`/api/v1/public/survey-responses/${tokens[0]}`);
    expect(opened.status).toBe(200);
    expect(opened.headers['set-cookie']).toBeUndefined();
    expect(opened.json<RespondentView>().status).toBe('in_progress');
    await first.put(`/api/v1/public/survey-responses/${tokens[0]}/answers`, { answers: [{ question: 'm_written_mandate', value: 'yes', version: 0 }] });
    const other = (await anonymous(app).get(`/api/v1/public/survey-responses/${tokens[1]}`)).json<RespondentView>();
    expect(other.answers).toEqual({});
    expect((await anonymous(app).get('/api/v1/public/survey-responses/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);

    const [seen] = await app.database.transaction(tokenAccess(tokens[0]!), (tx) =>
      queryRows<{ responses: number; rounds: number; answers: number }>(
        tx,
        sql`select (select count(*) from survey_responses)::int as responses, (select count(*) from survey_rounds)::int as rounds, (select count(*) from survey_answers)::int as answers`,
      ),
    );
    expect(seen).toEqual({ responses: 1, rounds: 1, answers: 1 });
    const contacts = await app.database
      .transaction(tokenAccess(tokens[0]!), (tx) => tx.execute(sql`select contact_email, token_encrypted from survey_responses`))
      .then(
        () => 'read',
        () => 'refused',
      );
    expect(contacts).toBe('refused');
    expect((await strategist.get(`/api/v1/survey-rounds/${roundId}`)).json<RoundDetail>().counts).toEqual({ not_opened: 13, in_progress: 2, submitted: 0 });
  });

  it('a closed round, or a passed deadline without late answers, answers like an unknown link; late answers only when allowed', async () => {
    const round = await createTestRound(app.database, { tenantId: organisationId('LST-20'), deadline: '2026-11-01' });
    const token = round.respondents[0]!.token;
    const expired = await anonymous(app).get(`/enkat/${token}`, { accept: 'text/html' });
    expect(expired.status).toBe(404);
    expect(expired.body).toContain('Länken fungerar inte');
    expect(expired.body).not.toContain('Liten enkät');
    const unknown = await anonymous(app).get('/enkat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { accept: 'text/html' });
    expect(unknown.body.replace(/\s+/g, ' ')).toBe(expired.body.replace(/\s+/g, ' '));

    const late = await createTestRound(app.database, { tenantId: organisationId('LST-20'), deadline: '2026-11-01', allowLate: true });
    const lateToken = late.respondents[0]!.token;
    expect(
      (await anonymous(app).put(`/api/v1/public/survey-responses/${lateToken}/answers`, { answers: [{ question: 'q_plan', value: 'no', version: 0 }] })).status,
    ).toBe(200);
    expect((await anonymous(app).post(`/api/v1/public/survey-responses/${lateToken}/submit`)).status).toBe(200);
    const [row] = await app.database.system((tx) =>
      queryRows<{ late: boolean }>(tx, sql`select late from survey_responses where id = ${late.respondents[0]!.responseId}`),
    );
    expect(row!.late).toBe(true);

    const closing = await createTestRound(app.database, { tenantId: organisationId('LST-20') });
    await app.database.system((tx) => tx.execute(sql`update survey_rounds set closed = true where id = ${closing.id}`));
    expect((await anonymous(app).get(`/api/v1/public/survey-responses/${closing.respondents[0]!.token}`)).status).toBe(404);
  });

  it('concurrent saves: the later save of the same answer is told, nothing is overwritten silently', async () => {
    const round = await createTestRound(app.database, { tenantId: organisationId('LST-20') });
    const token = round.respondents[0]!.token;
    const alice = anonymous(app);
    const bob = anonymous(app);
    const read = (await alice.get(`/api/v1/public/survey-responses/${token}`)).json<RespondentView>();
    expect(read.answers).toEqual({});
    const first = await alice.put(`/api/v1/public/survey-responses/${token}/answers`, { answers: [{ question: 'q_plan', value: 'yes', version: 0 }] });
    expect(first.json()).toEqual({ saved: [{ question: 'q_plan', version: 1 }], conflicts: [] });
    const second = await bob.put(`/api/v1/public/survey-responses/${token}/answers`, {
      answers: [
        { question: 'q_plan', value: 'no', version: 0 },
        { question: 'q_note', value: 'Bobs del', version: 0 },
      ],
    });
    expect(second.json()).toEqual({ saved: [{ question: 'q_note', version: 1 }], conflicts: [{ question: 'q_plan', current: 'yes', version: 1 }] });
    const again = await bob.put(`/api/v1/public/survey-responses/${token}/answers`, { answers: [{ question: 'q_plan', value: 'no', version: 1 }] });
    expect(again.json()).toEqual({ saved: [{ question: 'q_plan', version: 2 }], conflicts: [] });

    // The same on the form: the later save gets 409, the error summary, what it typed, and what the other saved.
    const page = await anonymous(app).post(
      `/enkat/${token}/del/1`,
      form([
        ['v.q_plan', '1'],
        ['q.q_plan', 'partly'],
        ['v.q_cases', '0'],
        ['q.q_cases', '7'],
      ]),
      formHeaders,
    );
    expect(page.status).toBe(409);
    expect(page.body).toContain('error-summary');
    expect(page.body).toContain('Sparat av någon annan: Nej');
    expect(page.body).toContain('checked="" value="partly"');
    expect((await alice.get(`/api/v1/public/survey-responses/${token}`)).json<RespondentView>().answers).toMatchObject({
      q_plan: { value: 'no', version: 2 },
      q_cases: { value: 7, version: 1 },
    });
  });

  it('the respondent form: saves and resumes, keeps what was typed on an error, shows progress, submits, and the owner can reopen', async () => {
    const round = await createTestRound(app.database, {
      tenantId: organisationId('LST-20'),
      definition: {
        title: 'Formulär',
        sections: [
          {
            id: 'a',
            title: 'Del A',
            questions: [
              { id: 'q_count', kind: 'number', text: 'Antal', min: 0, max: 10, required: true },
              { id: 'q_ok', kind: 'yes_no_partly', text: 'Fungerar det?', required: true },
            ],
          },
        ],
      },
    });
    const token = round.respondents[0]!.token;
    const overview = await anonymous(app).get(`/enkat/${token}`, { accept: 'text/html' });
    expect(overview.status).toBe(200);
    expect(overview.headers['set-cookie']).toBeUndefined();
    expect(overview.body).toContain('0 av 2 frågor besvarade');

    const wrong = await anonymous(app).post(
      `/enkat/${token}/del/1`,
      form([
        ['v.q_count', '0'],
        ['q.q_count', '12'],
        ['v.q_ok', '0'],
      ]),
      formHeaders,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('<title>Fel: Del A');
    expect(wrong.body).toContain('Antal: talet får inte vara större än 10.');
    expect(wrong.body).toContain('value="12"');

    const saved = await anonymous(app).post(
      `/enkat/${token}/del/1`,
      form([
        ['v.q_count', '0'],
        ['q.q_count', '3'],
        ['v.q_ok', '0'],
        ['next', 'overview'],
      ]),
      formHeaders,
    );
    expect(saved.status).toBe(303);
    const resumed = await anonymous(app).get(`/enkat/${token}/del/1`, { accept: 'text/html' });
    expect(resumed.body).toContain('value="3"');
    expect(resumed.body).toContain('1 av 2 frågor besvarade');

    const incomplete = await anonymous(app).post(`/enkat/${token}/skicka`, '', formHeaders);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toContain('Fungerar det?: svara på frågan.');
    await anonymous(app).post(
      `/enkat/${token}/del/1`,
      form([
        ['v.q_count', '1'],
        ['q.q_count', '3'],
        ['v.q_ok', '0'],
        ['q.q_ok', 'yes'],
      ]),
      formHeaders,
    );
    expect((await anonymous(app).post(`/enkat/${token}/skicka`, '', formHeaders)).status).toBe(303);
    expect((await anonymous(app).get(`/enkat/${token}`, { accept: 'text/html' })).body).toContain('Tack! Svaren är inskickade');
    expect(
      (await anonymous(app).put(`/api/v1/public/survey-responses/${token}/answers`, { answers: [{ question: 'q_ok', value: 'no', version: 1 }] })).status,
    ).toBe(409);

    const reopened = await strategist.post(`/api/v1/survey-rounds/${round.id}/respondents/${round.respondents[0]!.responseId}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', submittedAt: null });
    expect(
      (await anonymous(app).put(`/api/v1/public/survey-responses/${token}/answers`, { answers: [{ question: 'q_ok', value: 'no', version: 1 }] })).status,
    ).toBe(200);
  });

  it('an open link takes each anonymous submission as a separate response, with the error summary on bad input', async () => {
    const round = await createTestRound(app.database, { tenantId: organisationId('LST-20'), template: 'event_evaluation', respondents: 0, openLink: true });
    const token = round.openToken!;
    const bad = await anonymous(app).post(`/enkat/oppen/${token}`, form([['q.e_useful', 'yes']]), formHeaders);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Hur nöjd är du med utbildningen som helhet?: svara på frågan.');
    for (const overall of ['five', 'four', 'five']) {
      const sent = await anonymous(app).post(
        `/enkat/oppen/${token}`,
        form([
          ['q.e_overall', overall],
          ['q.e_useful', 'yes'],
          ['q.e_knowledge', 'some'],
          ['q.e_improve', 'Mer tid för frågor'],
        ]),
        formHeaders,
      );
      expect(sent.status).toBe(200);
      expect(sent.headers['set-cookie']).toBeUndefined();
    }
    const results = (await strategist.get(`/api/v1/survey-rounds/${round.id}/results`)).json<RoundResults>();
    // The list, the round's page and its results count the same answers (issue 20: the list read 0 where the results read 11).
    const counts = { respondents: 0, submitted: 0, anonymousResponses: 3 };
    expect(results).toMatchObject(counts);
    expect((await strategist.get(`/api/v1/survey-rounds/${round.id}`)).json<RoundDetail>()).toMatchObject(counts);
    expect(
      (await strategist.get('/api/v1/survey-rounds')).json<{ rounds: Array<{ id: string }> }>().rounds.find((entry) => entry.id === round.id),
    ).toMatchObject(counts);

    // A series of events, each with its own open link, summarised together (the competence feature's use).
    const second = await createTestRound(app.database, { tenantId: organisationId('LST-20'), template: 'event_evaluation', respondents: 0, openLink: true });
    await anonymous(app).post(
      `/enkat/oppen/${second.openToken}`,
      form([
        ['q.e_overall', 'one'],
        ['q.e_useful', 'no'],
        ['q.e_knowledge', 'no'],
      ]),
      formHeaders,
    );
    const owner = { role: 'upptack_app' as const, settings: { tenant_id: organisationId('LST-20') } };
    const series = await app.database.transaction(owner, (tx) =>
      combinedResults(tx, [round.id, second.id], { cipher: testCipher(), settings: { threshold: 5, display: 'below' }, locale: 'sv' }),
    );
    expect(series).toMatchObject({ rounds: 2, submitted: 4 });
    expect(series.questions.find((q) => q.id === 'e_useful')!.options.map((o) => [o.value, o.count])).toEqual([
      ['yes', 3],
      ['partly', 0],
      ['no', 1],
    ]);
    const outsider = { role: 'upptack_app' as const, settings: { tenant_id: organisationId('LST-21') } };
    await expect(
      app.database.transaction(outsider, (tx) =>
        combinedResults(tx, [round.id], { cipher: testCipher(), settings: { threshold: 5, display: 'below' }, locale: 'sv' }),
      ),
    ).rejects.toThrow('not_found');
    const overall = results.questions.find((q) => q.id === 'e_overall')!;
    expect(overall.options.find((o) => o.value === 'five')).toMatchObject({ count: 2, share: 2 / 3 });
    expect(results.questions.find((q) => q.id === 'e_improve')!.freeText).toEqual([
      { respondent: 'anonym', text: 'Mer tid för frågor' },
      { respondent: 'anonym', text: 'Mer tid för frågor' },
      { respondent: 'anonym', text: 'Mer tid för frågor' },
    ]);
  });

  it('results: counts and shares per question, per organisation and in total, by goal and area, protected counts of persons, last year compared, CSV and XLSX', async () => {
    const lastYear = await sendMunicipalityRound(2025);
    const lastRound = (await strategist.get(`/api/v1/survey-rounds/${lastYear.roundId}`)).json<RoundDetail>();
    for (const [index, respondent] of lastRound.respondentList.slice(0, 4).entries())
      await submitSampleResponse(app.database, organisationId('LST-20'), respondent.id, index);
    const thisYear = await sendMunicipalityRound(2026, lastYear.surveyId);
    const round = (await strategist.get(`/api/v1/survey-rounds/${thisYear.roundId}`)).json<RoundDetail>();
    for (const [index, respondent] of round.respondentList.slice(0, 6).entries())
      await submitSampleResponse(app.database, organisationId('LST-20'), respondent.id, index + 10);

    const results = (await strategist.get(`/api/v1/survey-rounds/${thisYear.roundId}/results`)).json<RoundResults>();
    expect(results).toMatchObject({ respondents: 15, submitted: 6, previous: { id: lastYear.roundId, year: 2025, submitted: 4 } });
    // The kinds that answered are the choices of the `kind` filter, named for the page.
    expect(results.kinds).toEqual([{ kind: 'municipality', label: 'Kommuner' }]);
    const mandate = results.questions.find((q) => q.id === 'm_written_mandate')!;
    expect(mandate.answered).toBe(6);
    expect(mandate.options.reduce((sum, option) => sum + option.count, 0)).toBe(6);
    expect(mandate.options.every((option) => option.previousShare !== null)).toBe(true);
    expect(mandate.byRespondent).toHaveLength(6);
    const plan = results.questions.find((q) => q.id === 'm_action_plan')!;
    expect(new Set(plan.options.map((option) => option.area))).toEqual(new Set(['vnr', 'hrv', 'pom']));
    expect(results.byGoal.map((goal) => goal.goal)).toEqual(['prevention', 'detection_support', 'law_enforcement', 'knowledge']);
    expect(results.byGoal.find((goal) => goal.goal === 'prevention')!.answers).toBeGreaterThan(0);
    expect(results.byArea.find((area) => area.area === 'hrv')!.answers).toBeGreaterThan(0);

    // Counts of persons: no published cell or total of 1…4, per organisation or in total.
    for (const question of results.questions.filter((q) => q.countsPersons)) {
      for (const sum of question.sums) if (sum.total.hidden === null) expect(sum.total.value === 0 || sum.total.value! >= 5).toBe(true);
      for (const row of question.byRespondent)
        for (const number of row.answer.match(/\d+/g) ?? []) expect(Number(number) === 0 || Number(number) >= 5).toBe(true);
    }
    expect(results.questions.find((q) => q.id === 'm_training_description')!.freeText).toHaveLength(6);

    const csv = await strategist.get(`/api/v1/survey-rounds/${thisYear.roundId}/results.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('m_written_mandate');
    const xlsx = await app.server.inject({
      method: 'GET',
      url: `/api/v1/survey-rounds/${thisYear.roundId}/results.xlsx`,
      headers: { cookie: strategist.cookie! },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Sammanfattning', 'Per mål och område', 'Svar per organisation', 'Fritext']);
    expect(workbook.getWorksheet('Fritext')!.rowCount).toBeGreaterThan(6);

    // The report PDF with charts is a background job; its text carries the same figures.
    const started = await strategist.post(`/api/v1/survey-rounds/${thisYear.roundId}/report`);
    expect(started.status).toBe(202);
    expect(await app.jobs.runUntilIdle()).toBe(1);
    const pdf = await app.server.inject({
      method: 'GET',
      url: `/api/v1/jobs/${started.json<{ jobId: string }>().jobId}/result`,
      headers: { cookie: strategist.cookie! },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'survey-report-')), 'report.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Per mål i den nationella strategin');
    expect(text).toContain('Mål 2: Upptäckt, skydd och stöd');
    expect(text).toContain('Jämförelse med Årsuppföljning 2025 (2025).');
    expect(text).not.toContain('Vi har arbetat vidare enligt handlingsplanen');

    const other = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-21', municipalityCode: '2180' }),
      }),
    );
    expect((await other.get(`/api/v1/survey-rounds/${thisYear.roundId}/results`)).status).toBe(404);
  });

  it('a key rotation re-encrypts answers and links, which stay readable', async () => {
    const round = await createTestRound(app.database, { tenantId: organisationId('LST-20'), openLink: true });
    const token = round.respondents[0]!.token;
    await anonymous(app).put(`/api/v1/public/survey-responses/${token}/answers`, { answers: [{ question: 'q_note', value: 'Före bytet', version: 0 }] });
    const oldKey = app.context.config.encryptionKey;
    const newKey = crypto.randomBytes(32);
    const lines: string[] = [];
    const rotate = ADMIN_COMMANDS.find((command) => command.name === 'rotate-encryption-key')!;
    expect(
      await rotate.run([], {
        config: testConfig({ encryptionKey: newKey, encryptionKeyPrevious: oldKey }),
        database: app.database,
        out: (line) => void lines.push(line),
      }),
    ).toBe(0);
    const rotated = await createTestApp({ database: app.database, config: { encryptionKey: newKey } });
    try {
      const view = (await anonymous(rotated).get(`/api/v1/public/survey-responses/${token}`)).json<RespondentView>();
      expect(view.answers['q_note']).toEqual({ value: 'Före bytet', version: 1 });
      const owner = await signIn(
        rotated,
        await createUser(rotated.database, { roles: ['county_strategist'], unit: await createUnit(rotated.database, { organisation: 'LST-20' }) }),
      );
      const detail = (await owner.get(`/api/v1/survey-rounds/${round.id}`)).json<RoundDetail>();
      expect(detail.openLink).toContain(`/enkat/oppen/${round.openToken}`);
      const [left] = await rotated.database.system((tx) =>
        queryRows<{ old: number }>(
          tx,
          sql`select count(*)::int as old from survey_answers where split_part(value_encrypted, '.', 2) <> ${createFieldCipher(newKey).encrypt('x').split('.')[1]!}`,
        ),
      );
      expect(left!.old).toBe(0);
    } finally {
      await rotated.server.close();
    }
  });

  it('reminders: a list to copy without a mail server; with one, really sent through SMTP', async () => {
    const round = await createTestRound(app.database, { tenantId: organisationId('LST-20'), respondents: 2 });
    const list = (await strategist.get(`/api/v1/survey-rounds/${round.id}/reminders`)).json<{
      reminders: Array<{ link: string; contactEmail: string; message: string }>;
      mailConfigured: boolean;
    }>();
    expect(list.mailConfigured).toBe(false);
    expect(list.reminders).toHaveLength(2);
    // Each recipient's text holds their own link and no one else's: a link opens and submits answers.
    for (const reminder of list.reminders) {
      expect(reminder.message).toContain(reminder.link);
      for (const other of list.reminders.filter((candidate) => candidate !== reminder)) expect(reminder.message).not.toContain(other.link);
    }
    expect((await strategist.post(`/api/v1/survey-rounds/${round.id}/reminders`, { respondentIds: [round.respondents[0]!.responseId] })).status).toBe(409);

    // A minimal SMTP server on the loopback interface (RFC 5321 happy path) receives what is sent.
    const received: string[] = [];
    const smtp = net.createServer((socket) => {
      let data = false;
      let message = '';
      socket.write('220 localhost ESMTP test\r\n');
      socket.on('data', (chunk) => {
        for (const line of chunk.toString('utf8').split('\r\n')) {
          if (data) {
            if (line === '.') {
              data = false;
              received.push(message);
              socket.write('250 OK\r\n');
            } else message += `${line}\n`;
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 localhost\r\n');
          else if (/^(MAIL|RCPT|RSET|NOOP)/i.test(line)) socket.write('250 OK\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go ahead\r\n');
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.address() as net.AddressInfo).port;
    const mailing = await createTestApp({ database: app.database, config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'enkat@lansstyrelsen.example' } });
    try {
      const sender = await signIn(
        mailing,
        await createUser(mailing.database, { roles: ['county_strategist'], unit: await createUnit(mailing.database, { organisation: 'LST-20' }) }),
      );
      const sent = await sender.post(`/api/v1/survey-rounds/${round.id}/reminders`, { respondentIds: round.respondents.map((r) => r.responseId) });
      expect(sent.json()).toEqual({ sent: 2, withoutAddress: 0 });
      expect(received).toHaveLength(2);
      expect(received.join('\n')).toContain(`/enkat/${round.respondents[0]!.token}`);
      expect((await sender.get(`/api/v1/survey-rounds/${round.id}`)).json<RoundDetail>().respondentList.every((r) => r.remindedAt !== null)).toBe(true);
    } finally {
      await mailing.server.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
