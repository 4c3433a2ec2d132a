import { useState } from 'react';
import { cadenceReport, supervisionInput, supervisionList, supervisionSession } from '#shared/contracts/competence.ts';
import { formatDate, stockholmDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/** Supervision per unit: the cadence of the manager's units, recording a session, and the sessions. */
export default function SupervisionPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.supervision;
  const { locale } = useLocale();
  const cadence = useResource(() => api.get('/api/v1/supervision/cadence', cadenceReport), []);
  const sessions = useResource(() => api.get('/api/v1/supervision', supervisionList), []);
  const form = useForm(supervisionInput, {
    unitId: undefined,
    heldOn: stockholmDate(new Date()),
    leader: '',
    participantCount: '',
    participantIds: [],
    topic: '',
  });
  const [recorded, setRecorded] = useState(false);
  const submit = () =>
    form.submit(async (values) => {
      setRecorded(false);
      await api.post('/api/v1/supervision', values, supervisionSession);
      setRecorded(true);
      await Promise.all([cadence.reload(), sessions.reload()]);
    });
  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      {cadence.error || sessions.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {cadence.data ? (
        <DataTable
          caption={t.cadenceCaption}
          rows={cadence.data.units}
          rowKey={(row) => row.unitId}
          columns={[
            { key: 'unit', header: messages.common.unit, render: (row) => row.unitName },
            { key: 'sessions', header: t.sessions, numeric: true, render: (row) => row.sessions },
            { key: 'last', header: t.last, render: (row) => (row.lastHeldOn ? formatDate(row.lastHeldOn, locale) : t.never) },
            { key: 'since', header: t.daysSince, numeric: true, render: (row) => row.daysSinceLast ?? '–' },
          ]}
        />
      ) : null}
      <h2>{t.record}</h2>
      {recorded ? (
        <MessageBox variant="success" live>
          <p>{t.recorded}</p>
        </MessageBox>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <SelectField
          id={form.fieldId('unitId')}
          label={t.unitLabel}
          options={(cadence.data?.units ?? []).map((unit) => ({ value: unit.unitId, label: unit.unitName }))}
          placeholder=""
          value={form.values.unitId ?? ''}
          error={form.errorFor('unitId')}
          onValue={(value) => form.set('unitId', value || undefined)}
        />
        <TextField
          id={form.fieldId('heldOn')}
          label={t.heldOn}
          hint={messages.common.dateHint}
          value={form.values.heldOn}
          error={form.errorFor('heldOn')}
          onValue={(value) => form.set('heldOn', value)}
        />
        <TextField
          id={form.fieldId('leader')}
          label={t.leader}
          value={form.values.leader}
          error={form.errorFor('leader')}
          onValue={(value) => form.set('leader', value)}
        />
        <TextField
          id={form.fieldId('participantCount')}
          label={t.participantCount}
          inputMode="numeric"
          value={String(form.values.participantCount ?? '')}
          error={form.errorFor('participantCount')}
          onValue={(value) => form.set('participantCount', value)}
        />
        <TextField
          id={form.fieldId('topic')}
          label={t.topic}
          value={String(form.values.topic ?? '')}
          error={form.errorFor('topic')}
          onValue={(value) => form.set('topic', value)}
        />
        <Button type="submit" disabled={form.submitting}>
          {t.submit}
        </Button>
      </form>
      {sessions.data ? (
        <DataTable
          caption={t.listCaption}
          rows={sessions.data.sessions}
          rowKey={(row) => row.id}
          emptyText={t.none}
          columns={[
            { key: 'date', header: t.heldOn, render: (row) => formatDate(row.heldOn, locale) },
            { key: 'unit', header: messages.common.unit, render: (row) => row.unitName },
            { key: 'leader', header: t.leader, render: (row) => row.leader },
            { key: 'count', header: t.participantCount, numeric: true, render: (row) => row.participantCount },
            { key: 'topic', header: t.topic, render: (row) => row.topic ?? '' },
          ]}
        />
      ) : null}
    </Page>
  );
}
