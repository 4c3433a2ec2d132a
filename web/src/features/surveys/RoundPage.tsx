import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reminderList, respondentRow, roundDetail, sendRemindersResponse, type RespondentRow } from '#shared/contracts/surveys.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { surveyPageMessages } from './messages.ts';

/** A round: status per recipient, reopening on request, and the reminder list to copy (or send). */
export default function RoundPage() {
  const { id = '' } = useParams();
  const t = useMessages(surveyPageMessages).round;
  const { locale } = useLocale();
  const round = useResource(() => api.get(`/api/v1/survey-rounds/${id}`, roundDetail), [id]);
  const reminders = useResource(() => api.get(`/api/v1/survey-rounds/${id}/reminders`, reminderList), [id]);
  const [notice, setNotice] = useState<{ variant: 'success' | 'error'; text: string } | null>(null);

  const reopen = async (row: RespondentRow) => {
    try {
      await api.post(`/api/v1/survey-rounds/${id}/respondents/${row.id}/reopen`, {}, respondentRow);
      setNotice({ variant: 'success', text: interpolate(t.reopened, { name: row.name }) });
      await Promise.all([round.reload(), reminders.reload()]);
    } catch (error) {
      setNotice({ variant: 'error', text: error instanceof ApiProblem ? (error.problem.detail ?? error.problem.title) : String(error) });
    }
  };
  const send = async () => {
    if (!reminders.data) return;
    try {
      const result = await api.post(`/api/v1/survey-rounds/${id}/reminders`, { respondentIds: reminders.data.reminders.map((r) => r.respondentId) }, sendRemindersResponse);
      setNotice({ variant: 'success', text: interpolate(t.remindersSent, result) });
      await round.reload();
    } catch (error) {
      setNotice({ variant: 'error', text: error instanceof ApiProblem ? (error.problem.detail ?? error.problem.title) : String(error) });
    }
  };
  const statusText = (row: RespondentRow) => `${{ not_opened: t.notOpened, in_progress: t.inProgress, submitted: t.submitted }[row.status]}${row.late ? ` (${t.late})` : ''}`;

  if (round.loading && !round.data) return <Loading />;
  if (!round.data) {
    return (
      <MessageBox variant="error">
        <p>{t.loadFailed}</p>
      </MessageBox>
    );
  }
  const data = round.data;
  const copyText = reminders.data ? `${reminders.data.body}\n\n${reminders.data.reminders.map((r) => `${r.name}${r.contactName ? ` (${r.contactName})` : ''}: ${r.link}`).join('\n')}` : '';
  return (
    <Page title={data.title} lead={interpolate(t.deadline, { date: formatDate(data.deadline, locale) })}>
      {data.allowLate ? <p>{t.lateAllowed}</p> : null}
      {notice ? (
        <MessageBox variant={notice.variant} live>
          <p>{notice.text}</p>
        </MessageBox>
      ) : null}
      <h2>{t.status}</h2>
      <p>{interpolate(t.counts, { notOpened: data.counts.not_opened, inProgress: data.counts.in_progress, submitted: data.counts.submitted })}</p>
      <p>
        <Link to={`/enkater/omgangar/${id}/resultat`}>{t.results}</Link>
      </p>
      {data.openLink ? (
        <p>
          {t.openLink}: <code className="survey-link">{data.openLink}</code>
        </p>
      ) : null}
      <DataTable
        caption={t.respondents}
        rows={data.respondentList}
        rowKey={(row) => row.id}
        columns={[
          { key: 'name', header: t.respondent, render: (row) => row.name },
          { key: 'status', header: t.status, render: statusText },
          { key: 'contact', header: t.contact, render: (row) => [row.contactName, row.contactEmail].filter(Boolean).join(', ') || t.never },
          { key: 'submitted', header: t.submittedAt, render: (row) => (row.submittedAt ? formatDateTime(row.submittedAt, locale) : t.never) },
          {
            key: 'actions',
            header: t.actions,
            render: (row) =>
              row.status === 'submitted' ? (
                <Button variant="tertiary" onClick={() => void reopen(row)}>
                  {t.reopen}
                  <span className="visually-hidden">: {row.name}</span>
                </Button>
              ) : null,
          },
        ]}
      />
      <h2>{t.remindersTitle}</h2>
      {reminders.data && reminders.data.reminders.length > 0 ? (
        <>
          <p>{t.remindersLead}</p>
          <div className="textarea-field">
            <label className="label" htmlFor="reminder-text">
              {t.reminderText}
            </label>
            <textarea id="reminder-text" className="textarea-field__textarea survey-reminder" readOnly rows={12} value={copyText} />
          </div>
          {reminders.data.mailConfigured ? <Button onClick={() => void send()}>{t.sendReminders}</Button> : <p>{t.mailOff}</p>}
        </>
      ) : (
        <p>{t.remindersNone}</p>
      )}
    </Page>
  );
}
