import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  reminderList,
  respondentRow,
  roundDetail,
  sendRemindersResponse,
  updateRespondentRequest,
  updateRoundRequest,
  type RespondentRow,
} from '#shared/contracts/surveys.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { surveyPageMessages } from './messages.ts';

/** The round's deadline, late answers and whether it is closed; 409 when someone changed it first. */
function RoundSettings({
  id,
  version,
  deadline,
  allowLate,
  closed,
  onSaved,
}: {
  id: string;
  version: number;
  deadline: string;
  allowLate: boolean;
  closed: boolean;
  onSaved(): Promise<void>;
}) {
  const t = useMessages(surveyPageMessages).round;
  const form = useForm(updateRoundRequest, { version, deadline, allowLate, closed }, { idPrefix: 'round' });
  const [saved, setSaved] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        void form.submit(async (values) => {
          await api.patch(`/api/v1/survey-rounds/${id}`, values, roundDetail);
          setSaved(true);
          await onSaved();
        });
      }}
    >
      <h2>{t.settings}</h2>
      <ErrorSummary errors={form.summary} />
      {saved ? (
        <MessageBox variant="success" live>
          <p>{t.settingsSaved}</p>
        </MessageBox>
      ) : null}
      <TextField
        id={form.fieldId('deadline')}
        label={t.deadlineField}
        value={form.values.deadline ?? ''}
        error={form.errorFor('deadline')}
        onValue={(value) => form.set('deadline', value)}
      />
      <ChoiceGroup
        id={form.fieldId('allowLate')}
        type="checkbox"
        name="allowLate"
        label={t.lateField}
        options={[
          { value: 'late', label: t.lateOption },
          { value: 'closed', label: t.closedOption },
        ]}
        value={[...(form.values.allowLate ? ['late'] : []), ...(form.values.closed ? ['closed'] : [])]}
        onValue={(value) => form.setValues((current) => ({ ...current, allowLate: value.includes('late'), closed: value.includes('closed') }))}
      />
      <Button type="submit" variant="secondary" disabled={form.submitting}>
        {t.saveSettings}
      </Button>
    </form>
  );
}

/** Names the contact person of one recipient (the reminder list shows it). */
function ContactForm({ roundId, respondents, onSaved }: { roundId: string; respondents: RespondentRow[]; onSaved(): Promise<void> }) {
  const t = useMessages(surveyPageMessages).round;
  const [chosen, setChosen] = useState('');
  const respondent = respondents.find((row) => row.id === chosen);
  const form = useForm(updateRespondentRequest, { version: 0, contactName: '', contactEmail: null }, { idPrefix: 'contact' });
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!respondent) return;
        void form.submit(async (values) => {
          await api.patch(
            `/api/v1/survey-rounds/${roundId}/respondents/${respondent.id}`,
            { ...values, version: respondent.version, contactName: values.contactName || null },
            respondentRow,
          );
          setSaved(respondent.name);
          await onSaved();
        });
      }}
    >
      <h2>{t.contactTitle}</h2>
      <ErrorSummary errors={form.summary} />
      {saved ? (
        <MessageBox variant="success" live>
          <p>{interpolate(t.contactSaved, { name: saved })}</p>
        </MessageBox>
      ) : null}
      <SelectField
        id="contact-respondent"
        label={t.respondent}
        placeholder={t.chooseRespondent}
        options={respondents.map((row) => ({ value: row.id, label: row.name }))}
        value={chosen}
        onValue={(value) => {
          setChosen(value);
          const row = respondents.find((r) => r.id === value);
          form.setValues({ version: row?.version ?? 0, contactName: row?.contactName ?? '', contactEmail: row?.contactEmail ?? null });
        }}
      />
      <TextField
        id={form.fieldId('contactName')}
        label={t.contactName}
        value={form.values.contactName ?? ''}
        error={form.errorFor('contactName')}
        onValue={(value) => form.set('contactName', value)}
      />
      <TextField
        id={form.fieldId('contactEmail')}
        label={t.contactEmail}
        type="email"
        autoComplete="off"
        value={form.values.contactEmail ?? ''}
        error={form.errorFor('contactEmail')}
        onValue={(value) => form.set('contactEmail', value === '' ? null : value)}
      />
      <Button type="submit" variant="secondary" disabled={!respondent || form.submitting}>
        {t.saveContact}
      </Button>
    </form>
  );
}

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
      const result = await api.post(
        `/api/v1/survey-rounds/${id}/reminders`,
        { respondentIds: reminders.data.reminders.map((r) => r.respondentId) },
        sendRemindersResponse,
      );
      setNotice({ variant: 'success', text: interpolate(t.remindersSent, result) });
      await round.reload();
    } catch (error) {
      setNotice({ variant: 'error', text: error instanceof ApiProblem ? (error.problem.detail ?? error.problem.title) : String(error) });
    }
  };
  const statusText = (row: RespondentRow) =>
    `${{ not_opened: t.notOpened, in_progress: t.inProgress, submitted: t.submitted }[row.status]}${row.late ? ` (${t.late})` : ''}`;

  if (round.loading && !round.data) return <Loading />;
  if (!round.data) {
    return (
      <MessageBox variant="error">
        <p>{t.loadFailed}</p>
      </MessageBox>
    );
  }
  const data = round.data;
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
      <ContactForm roundId={id} respondents={data.respondentList} onSaved={async () => void (await Promise.all([round.reload(), reminders.reload()]))} />
      <RoundSettings
        key={data.version}
        id={id}
        version={data.version}
        deadline={data.deadline}
        allowLate={data.allowLate}
        closed={data.closed}
        onSaved={round.reload}
      />
      <h2>{t.remindersTitle}</h2>
      {reminders.data && reminders.data.reminders.length > 0 ? (
        <>
          <p>{t.remindersLead}</p>
          <MessageBox variant="warning">
            <p>{t.reminderWarning}</p>
          </MessageBox>
          <ul className="survey-reminders">
            {reminders.data.reminders.map((reminder, index) => (
              <li key={reminder.respondentId}>
                <details>
                  <summary>
                    {interpolate(t.reminderFor, { name: reminder.name })}
                    {reminder.contactName ? ` (${reminder.contactName})` : ''}
                  </summary>
                  <div className="textarea-field">
                    <label className="label" htmlFor={`reminder-text-${index}`}>
                      {interpolate(t.reminderText, { name: reminder.name })}
                    </label>
                    <textarea id={`reminder-text-${index}`} className="textarea-field__textarea survey-reminder" readOnly rows={10} value={reminder.message} />
                  </div>
                  {reminder.contactEmail ? (
                    <p>
                      <a
                        href={`mailto:${encodeURIComponent(reminder.contactEmail)}?subject=${encodeURIComponent(reminders.data!.subject)}&body=${encodeURIComponent(reminder.message)}`}
                      >
                        {interpolate(t.reminderMailto, { name: reminder.name })}
                      </a>
                    </p>
                  ) : null}
                </details>
              </li>
            ))}
          </ul>
          {reminders.data.mailConfigured ? <Button onClick={() => void send()}>{t.sendReminders}</Button> : <p>{t.mailOff}</p>}
        </>
      ) : (
        <p>{t.remindersNone}</p>
      )}
    </Page>
  );
}
