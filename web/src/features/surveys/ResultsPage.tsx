import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { jobAccepted } from '#shared/contracts/jobs.ts';
import { RESULT_BREAKDOWNS, roundResults, type QuestionResult, type RoundResults } from '#shared/contracts/surveys.ts';
import { answeredText } from '#shared/format/answer-counts.ts';
import { formatPercent } from '#shared/format/number.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { JobProgress } from '../../ui/JobProgress.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { surveyLabels, surveyPageMessages } from './messages.ts';

type ResultTexts = (typeof surveyPageMessages)['sv']['results'];
type LabelTexts = (typeof surveyLabels)['sv'];

function QuestionSection({ question, previousYear, t, labels }: { question: QuestionResult; previousYear: number | null; t: ResultTexts; labels: LabelTexts }) {
  const { locale } = useLocale();
  const percent = (share: number | null) => formatPercent(share, locale);
  const areaOf = (area: string | null) => (area ? labels.areas[area as 'vnr'] : '');
  return (
    <section className="survey-result" aria-labelledby={`q-${question.id}`}>
      <h3 id={`q-${question.id}`}>{question.text}</h3>
      <p>
        {interpolate(t.answered, { count: question.answered })}
        {question.countsPersons ? ` ${t.countsPersons}.` : ''}
      </p>
      {question.options.length > 0 ? (
        <DataTable
          caption={question.text}
          rows={question.options}
          rowKey={(option) => `${option.area ?? ''}-${option.value}`}
          columns={[
            ...(question.kind === 'matrix'
              ? [{ key: 'area', header: t.area, render: (option: QuestionResult['options'][number]) => areaOf(option.area) }]
              : []),
            { key: 'option', header: t.option, render: (option) => option.label },
            { key: 'count', header: t.count, numeric: true, render: (option) => option.count },
            { key: 'share', header: t.share, numeric: true, render: (option) => percent(option.share) },
            ...(previousYear
              ? [
                  {
                    key: 'previous',
                    header: interpolate(t.previousShare, { year: previousYear }),
                    numeric: true,
                    render: (option: QuestionResult['options'][number]) => percent(option.previousShare),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {question.sums.length > 0 ? (
        <DataTable
          caption={`${question.text}: ${t.total}${question.unit ? ` (${question.unit})` : ''}`}
          rows={question.sums}
          rowKey={(sum) => sum.area ?? 'total'}
          columns={[
            { key: 'area', header: t.area, render: (sum) => areaOf(sum.area) || t.total },
            { key: 'total', header: t.total, numeric: true, render: (sum) => sum.total.text },
            ...(previousYear
              ? [
                  {
                    key: 'previous',
                    header: String(previousYear),
                    numeric: true,
                    render: (sum: QuestionResult['sums'][number]) => sum.previousTotal?.text ?? '–',
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {question.byRespondent.length > 0 ? (
        <details className="survey-details">
          <summary>{interpolate(t.perOrganisation, { count: question.byRespondent.length })}</summary>
          <ul>
            {question.byRespondent.map((row) => (
              <li key={row.respondent}>
                <strong>{row.respondent}:</strong> {row.answer}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {question.freeText.length > 0 ? (
        <details className="survey-details">
          <summary>{interpolate(t.freeText, { count: question.freeText.length })}</summary>
          <ul>
            {question.freeText.map((row, index) => (
              <li key={`${row.respondent}-${index}`}>
                <strong>{row.respondent}:</strong> {row.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/**
 * How the results are cut: per organisation or per kind of organisation, for all kinds or one.
 * The choice lives in the address, so a view can be bookmarked and the exports follow it.
 */
function BreakdownForm({ data, t, onChange }: { data: RoundResults; t: ResultTexts; onChange(next: { by: string; kind: string }): void }) {
  const [by, setBy] = useState<string>(data.breakdown.by);
  const [kind, setKind] = useState<string>(data.breakdown.kind ?? '');
  return (
    <form
      className="survey-breakdown"
      aria-labelledby="survey-breakdown-heading"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ by, kind });
      }}
    >
      <h2 id="survey-breakdown-heading">{t.breakdownHeading}</h2>
      <SelectField id="survey-by" label={t.by} value={by} onValue={setBy} options={RESULT_BREAKDOWNS.map((value) => ({ value, label: t.byOptions[value] }))} />
      <SelectField
        id="survey-kind"
        label={t.kind}
        value={kind}
        onValue={setKind}
        placeholder={t.allKinds}
        options={data.kinds.map((entry) => ({ value: entry.kind, label: entry.label }))}
      />
      <Button type="submit" variant="secondary">
        {t.show}
      </Button>
    </form>
  );
}

/** A round's results: by goal and violence area, per question with last year beside, exports. */
export default function ResultsPage() {
  const { id = '' } = useParams();
  const messages = useMessages(surveyPageMessages);
  const t = messages.results;
  const { locale } = useLocale();
  const percent = (share: number | null) => formatPercent(share, locale);
  const labels = useMessages(surveyLabels);
  const [params, setParams] = useSearchParams();
  const breakdown = query({ by: params.get('by'), kind: params.get('kind') });
  const results = useResource(() => api.get(`/api/v1/survey-rounds/${id}/results${breakdown}`, roundResults), [id, breakdown]);
  const [jobId, setJobId] = useState<string | null>(null);
  const startPdf = async () => setJobId((await api.post(`/api/v1/survey-rounds/${id}/report`, {}, jobAccepted)).jobId);

  if (results.loading) return <Loading />;
  if (!results.data) {
    return (
      <MessageBox variant="error">
        <p>{t.loadFailed}</p>
      </MessageBox>
    );
  }
  const data = results.data;
  const previousYear = data.previous?.year ?? null;
  let section = '';
  return (
    <Page title={interpolate(t.title, { title: data.title })} lead={interpolate(t.lead, { answered: answeredText(data, messages.list) })}>
      <p>{data.previous ? interpolate(t.previous, { title: data.previous.title, year: data.previous.year }) : t.noPrevious}</p>
      <p>{interpolate(t.suppression, { threshold: data.disclosure.threshold })}</p>
      {data.personCounts === 'pending' ? (
        <MessageBox variant="info" heading={t.pendingHeading}>
          <p>{t.pendingExplained}</p>
        </MessageBox>
      ) : null}
      <p>{t.freeTextNote}</p>
      <BreakdownForm
        key={`${data.breakdown.by}-${data.breakdown.kind ?? ''}`}
        data={data}
        t={t}
        onChange={(next) => setParams(next.kind ? { by: next.by, kind: next.kind } : { by: next.by })}
      />
      <h2>{t.exports}</h2>
      <ul className="survey-exports">
        <li>
          <a href={`/api/v1/survey-rounds/${id}/results.csv${breakdown}`} download>
            {t.csv}
          </a>
        </li>
        <li>
          <a href={`/api/v1/survey-rounds/${id}/results.xlsx${breakdown}`} download>
            {t.xlsx}
          </a>
        </li>
      </ul>
      {jobId ? (
        <JobProgress jobId={jobId} />
      ) : (
        <Button variant="secondary" onClick={() => void startPdf()}>
          {t.pdf}
        </Button>
      )}
      <h2>{t.byGoal}</h2>
      <DataTable
        caption={t.byGoal}
        rows={data.byGoal}
        rowKey={(goal) => goal.goal}
        columns={[
          { key: 'goal', header: t.goal, render: (goal) => labels.goals[goal.goal] },
          { key: 'questions', header: t.questions, numeric: true, render: (goal) => goal.questions },
          { key: 'answers', header: t.answers, numeric: true, render: (goal) => goal.answers },
          { key: 'yes', header: t.yes, numeric: true, render: (goal) => percent(goal.answers ? goal.yes / goal.answers : null) },
          { key: 'partly', header: t.partly, numeric: true, render: (goal) => percent(goal.answers ? goal.partly / goal.answers : null) },
        ]}
      />
      <h2>{t.byArea}</h2>
      <DataTable
        caption={t.byArea}
        rows={data.byArea}
        rowKey={(area) => area.area}
        columns={[
          { key: 'area', header: t.area, render: (area) => labels.areas[area.area] },
          { key: 'questions', header: t.questions, numeric: true, render: (area) => area.questions },
          { key: 'answers', header: t.answers, numeric: true, render: (area) => area.answers },
          { key: 'yes', header: t.yes, numeric: true, render: (area) => percent(area.answers ? area.yes / area.answers : null) },
          { key: 'partly', header: t.partly, numeric: true, render: (area) => percent(area.answers ? area.partly / area.answers : null) },
        ]}
      />
      {data.questions.map((question) => {
        const heading = question.sectionTitle !== section ? <h2 key={`s-${question.id}`}>{question.sectionTitle}</h2> : null;
        section = question.sectionTitle;
        return (
          <div key={question.id}>
            {heading}
            <QuestionSection question={question} previousYear={previousYear} t={t} labels={labels} />
          </div>
        );
      })}
    </Page>
  );
}
