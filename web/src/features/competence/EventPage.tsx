import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { attendanceResponse, eventDetail, registrationList } from '#shared/contracts/competence.ts';
import { roundResults, surveyList } from '#shared/contracts/surveys.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { EvaluationResults } from './EvaluationResults.tsx';
import { competenceMessages } from './messages.ts';

/** One event: its registration link, who registered, attendance, and the anonymous evaluation. */
export default function EventPage() {
  const { id = '' } = useParams();
  const messages = useMessages(competenceMessages);
  const t = messages.event;
  const { locale } = useLocale();
  const event = useResource(() => api.get(`/api/v1/events/${id}`, eventDetail), [id]);
  const registrations = useResource(() => api.get(`/api/v1/events/${id}/registrations`, registrationList), [id]);
  const hasEvaluation = event.data?.evaluation !== null && event.data?.evaluation !== undefined;
  const results = useResource(
    () => (hasEvaluation ? api.get(`/api/v1/events/${id}/evaluation`, roundResults) : Promise.resolve(undefined)),
    [id, hasEvaluation],
  );
  const [attended, setAttended] = useState<Record<string, boolean>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { can } = useSession();
  // One of the organisation's own surveys as the template (those who manage surveys see them).
  const surveys = useResource(() => (can('surveys.manage') ? api.get('/api/v1/surveys', surveyList) : Promise.resolve({ surveys: [] })), []);
  const [template, setTemplate] = useState('');
  useEffect(() => {
    // Erased registrations show their attendance as it was recorded; it is no longer edited.
    const editable = (registrations.data?.registrations ?? []).filter((row) => row.name !== null);
    setAttended(Object.fromEntries(editable.map((row) => [row.id, row.attended === true])));
  }, [registrations.data]);

  if (event.error) return <ProblemPage error={event.error} />;
  if (!event.data) return <Loading />;
  const data = event.data;
  const saveAttendance = async () => {
    setNotice(null);
    await api.put(
      `/api/v1/events/${id}/attendance`,
      { attendance: Object.entries(attended).map(([registrationId, value]) => ({ registrationId, attended: value })) },
      attendanceResponse,
    );
    setNotice(t.attendanceSaved);
    await registrations.reload();
    await event.reload();
  };
  const toggleRegistration = async () => {
    await api.patch(`/api/v1/events/${id}`, { version: data.version, registrationClosed: !data.registrationClosed }, eventDetail);
    await event.reload();
  };
  const startEvaluation = async () => {
    await api.post(`/api/v1/events/${id}/evaluation`, template ? { surveyId: template } : {}, eventDetail);
    await event.reload();
  };
  return (
    <Page title={data.title}>
      <p>
        <Link to="/kompetens/evenemang">{messages.events.title}</Link>
      </p>
      <h2>{t.facts}</h2>
      <SummaryList
        rows={[
          { key: messages.newEvent.kind, value: messages.common.kinds[data.kind] },
          { key: messages.events.when, value: `${formatDateTime(data.startsAt, locale)} – ${formatDateTime(data.endsAt, locale)}` },
          { key: messages.newEvent.place, value: [data.place, data.digital ? messages.newEvent.digital : null].filter(Boolean).join(', ') },
          { key: messages.newEvent.organisers, value: data.organisers },
          { key: messages.newEvent.audience, value: data.audience },
          { key: messages.newEvent.closes, value: formatDate(data.registrationClosesOn, locale) },
          { key: messages.events.registered, value: `${data.registered}${data.capacity ? ` / ${data.capacity}` : ''}` },
          { key: messages.events.open, value: data.registrationOpen ? messages.events.openYes : messages.events.openNo },
        ]}
      />
      <div className="text-field">
        <label className="label" htmlFor="registration-link">
          {t.link}
          <span className="label__description" id="registration-link-hint">
            {t.linkHint}
          </span>
        </label>
        <div className="text-field__input-wrapper">
          <input id="registration-link" className="text-field__input" readOnly value={data.registrationLink} aria-describedby="registration-link-hint" />
        </div>
      </div>
      <p>
        <Button variant="secondary" onClick={() => void toggleRegistration()}>
          {data.registrationClosed ? t.reopenRegistration : t.closeRegistration}
        </Button>
      </p>

      <h2>{t.registrations}</h2>
      {notice ? (
        <MessageBox variant="success" live>
          <p>{notice}</p>
        </MessageBox>
      ) : null}
      {registrations.data ? (
        <>
          <p>{interpolate(t.personalDataKept, { days: registrations.data.personalDataKeptDays })}</p>
          <DataTable
            caption={t.registrations}
            rows={registrations.data.registrations}
            rowKey={(row) => row.id}
            emptyText={t.noRegistrations}
            columns={[
              { key: 'name', header: t.name, render: (row) => row.name ?? t.personalDataErased },
              {
                key: 'organisation',
                header: t.organisation,
                render: (row) => `${row.organisationName} (${messages.common.organisationKinds[row.organisationKind]})`,
              },
              { key: 'municipality', header: t.municipality, render: (row) => row.municipalityName ?? '–' },
              {
                key: 'attended',
                header: t.attendedColumn,
                render: (row) =>
                  row.name === null ? (
                    row.attended === null ? (
                      '–'
                    ) : row.attended ? (
                      t.attendedYes
                    ) : (
                      t.attendedNo
                    )
                  ) : (
                    <div className="checkbox">
                      <input
                        id={`attended-${row.id}`}
                        className="checkbox__input"
                        type="checkbox"
                        checked={attended[row.id] ?? false}
                        onChange={(change) => setAttended((current) => ({ ...current, [row.id]: change.target.checked }))}
                      />
                      <label className="checkbox__label" htmlFor={`attended-${row.id}`}>
                        {interpolate(t.attendedFor, { name: row.name })}
                      </label>
                    </div>
                  ),
              },
            ]}
          />
          {registrations.data.registrations.some((row) => row.name !== null) ? (
            <p>
              <Button onClick={() => void saveAttendance()}>{t.saveAttendance}</Button>
            </p>
          ) : null}
        </>
      ) : null}

      <h2>{t.evaluation}</h2>
      {data.evaluation ? (
        <>
          <div className="text-field">
            <label className="label" htmlFor="evaluation-link">
              {t.evaluationLink}
            </label>
            <div className="text-field__input-wrapper">
              <input id="evaluation-link" className="text-field__input" readOnly value={data.evaluation.link ?? ''} />
            </div>
          </div>
          <p>{interpolate(t.responses, { count: data.evaluation.responses })}</p>
          {data.series ? (
            <p>
              <Link to={`/kompetens/utvarderingar?serie=${encodeURIComponent(data.series)}`}>{interpolate(t.seriesLink, { series: data.series })}</Link>
            </p>
          ) : null}
          {results.data ? <EvaluationResults questions={results.data.questions} /> : null}
        </>
      ) : (
        <>
          <p>{t.evaluationNone}</p>
          {surveys.data && surveys.data.surveys.length > 0 ? (
            <SelectField
              id="evaluation-template"
              label={t.template}
              hint={t.templateHint}
              options={[
                { value: '', label: t.templateDefault },
                ...surveys.data.surveys.map((survey) => ({
                  value: survey.id,
                  label: interpolate(t.templateOption, { title: survey.title, version: String(survey.versionNumber) }),
                })),
              ]}
              value={template}
              onValue={setTemplate}
            />
          ) : null}
          <p>
            <Button variant="secondary" onClick={() => void startEvaluation()}>
              {t.startEvaluation}
            </Button>
          </p>
        </>
      )}
    </Page>
  );
}
