import { useState } from 'react';
import { Link } from 'react-router';
import { RETENTION_ACTIONS, settingsRequest, settingsSchema, type ScreeningSettings } from '#shared/contracts/screening.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { screeningMessages } from './messages.ts';

/** The agency's choices: free-text notes (off by default) and how long encounters are kept. */
export default function SettingsPage() {
  const settings = useResource(() => api.get('/api/v1/routines/settings', settingsSchema), []);
  if (settings.error) return <ProblemPage error={settings.error} />;
  if (!settings.data) return <Loading />;
  return <SettingsForm settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: ScreeningSettings }) {
  const t = useMessages(screeningMessages);
  const form = useForm(settingsRequest, settings, { idPrefix: 'settings' });
  const [saved, setSaved] = useState(false);
  return (
    <Page title={t.settings.title} hasErrors={form.summary.length > 0}>
      {saved ? (
        <MessageBox variant="success" live>
          {t.settings.saved}
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const next = await api.put('/api/v1/routines/settings', data, settingsSchema);
            form.setValues(next);
            setSaved(true);
          });
        }}
      >
        <ChoiceGroup
          id={form.fieldId('notesEnabled')}
          type="checkbox"
          name="notes"
          label={t.settings.notes}
          options={[{ value: 'on', label: t.settings.notesOn }]}
          value={form.values.notesEnabled ? ['on'] : []}
          onValue={(values) => form.set('notesEnabled', values.includes('on'))}
        />
        <TextField
          id={form.fieldId('retentionMonths')}
          label={t.settings.retentionMonths}
          hint={t.settings.retentionHint}
          inputMode="numeric"
          value={String(form.values.retentionMonths)}
          error={form.errorFor('retentionMonths')}
          onValue={(value) => form.set('retentionMonths', Number(value))}
        />
        <ChoiceGroup
          id={form.fieldId('retentionAction')}
          type="radio"
          name="retention"
          label={t.settings.retentionAction}
          value={[form.values.retentionAction]}
          options={RETENTION_ACTIONS.map((action) => ({ value: action, label: t.codes.retentionAction[action] }))}
          onValue={([action]) => form.set('retentionAction', action === 'delete' ? 'delete' : 'anonymise')}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.settings.save}
          </Button>
        </div>
      </form>
      <p>
        <Link to="/rutiner">{t.routines.title}</Link>
      </p>
    </Page>
  );
}
