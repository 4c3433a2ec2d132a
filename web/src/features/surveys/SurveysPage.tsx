import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { roundList, surveyDetail, surveyList, templateList, TEMPLATE_KEYS, type TemplateKey } from '#shared/contracts/surveys.ts';
import { answeredText } from '#shared/format/answer-counts.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { surveyPageMessages } from './messages.ts';

/** The organisation's rounds (with how many have answered) and its surveys with their versions. */
export default function SurveysPage() {
  const t = useMessages(surveyPageMessages).list;
  const { locale } = useLocale();
  const rounds = useResource(() => api.get('/api/v1/survey-rounds', roundList), []);
  const surveys = useResource(() => api.get('/api/v1/surveys', surveyList), []);
  const templates = useResource(() => api.get('/api/v1/surveys/templates', templateList), []);
  const navigate = useNavigate();
  const [start, setStart] = useState('blank');
  // A new draft: from a template, or from one empty question, then on to the builder.
  const createDraft = async () => {
    const body = (TEMPLATE_KEYS as readonly string[]).includes(start)
      ? { template: start as TemplateKey }
      : {
          definition: {
            title: t.blankTitle,
            sections: [{ id: 'del_1', title: t.blankSection, questions: [{ id: 'q_1', kind: 'yes_no_partly', text: t.blankQuestion }] }],
          },
        };
    const created = await api.post('/api/v1/surveys', body, surveyDetail);
    await navigate(`/enkater/enkater/${created.id}`);
  };
  return (
    <Page title={t.title} lead={t.lead}>
      <p>
        <Link className="button button--primary" to="/enkater/ny-omgang">
          {t.newRound}
        </Link>
      </p>
      {rounds.loading || surveys.loading ? <Loading /> : null}
      {rounds.error || surveys.error ? (
        <MessageBox variant="error">
          <p>{t.loadFailed}</p>
        </MessageBox>
      ) : null}
      {rounds.data ? (
        <DataTable
          caption={t.rounds}
          rows={rounds.data.rounds}
          rowKey={(round) => round.id}
          emptyText={t.none}
          columns={[
            {
              key: 'title',
              header: t.title_,
              render: (round) => (
                <>
                  <Link to={`/enkater/omgangar/${round.id}`}>{round.title}</Link>
                  {round.demo ? <span className="status-tag"> {t.demo}</span> : null}
                </>
              ),
            },
            { key: 'year', header: t.year, numeric: true, render: (round) => String(round.year) },
            { key: 'deadline', header: t.deadline, render: (round) => formatDate(round.deadline, locale) },
            {
              key: 'answered',
              header: t.answered,
              render: (round) => answeredText(round, t),
            },
          ]}
        />
      ) : null}
      <h2>{t.newSurvey}</h2>
      <SelectField
        id="new-survey-start"
        label={t.startFrom}
        options={[{ value: 'blank', label: t.blank }, ...(templates.data?.templates ?? []).map((template) => ({ value: template.key, label: template.title }))]}
        value={start}
        onValue={setStart}
      />
      <p>
        <Button variant="secondary" onClick={() => void createDraft()}>
          {t.createDraft}
        </Button>
      </p>
      {surveys.data ? (
        <DataTable
          caption={t.surveys}
          rows={surveys.data.surveys}
          rowKey={(survey) => survey.id}
          emptyText={t.noSurveys}
          columns={[
            { key: 'title', header: t.survey, render: (survey) => <Link to={`/enkater/enkater/${survey.id}`}>{survey.title}</Link> },
            { key: 'version', header: t.version, numeric: true, render: (survey) => survey.versionNumber },
            { key: 'questions', header: t.questions, numeric: true, render: (survey) => survey.questionCount },
            { key: 'state', header: t.state, render: (survey) => (survey.locked ? t.locked : t.draft) },
          ]}
        />
      ) : null}
    </Page>
  );
}
