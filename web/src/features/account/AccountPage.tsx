import { useState } from 'react';
import { Link } from 'react-router';
import { changePasswordRequest, sessionResponse } from '#shared/contracts/auth.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSession, useSignedInSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { accountMessages } from './messages.ts';

/** The signed-in user's own account: who they are, their roles, second factor and password. */
export default function AccountPage() {
  const t = useMessages(accountMessages).account;
  const app = useMessages(appMessages);
  const session = useSignedInSession();
  const { setSession } = useSession();
  const [changed, setChanged] = useState(false);
  const form = useForm(changePasswordRequest, { currentPassword: '', newPassword: '' }, { idPrefix: 'password' });
  return (
    <Page title={t.title} hasErrors={form.summary.length > 0}>
      <h2>{t.details}</h2>
      <SummaryList
        rows={[
          { key: t.name, value: session.user.displayName },
          { key: t.email, value: session.user.email },
          { key: t.organisation, value: session.organisation.name },
          {
            key: t.roles,
            value: (
              <ul className="plain-list">
                {session.memberships.map((m) => (
                  <li key={m.unitId}>{interpolate(t.rolesIn, { roles: m.roles.map((role) => app.roles[role]).join(', '), unit: m.unitName })}</li>
                ))}
              </ul>
            ),
          },
          {
            key: t.secondFactor,
            value: session.totpEnabled ? t.secondFactorOn : t.secondFactorOff,
            ...(session.totpEnabled ? {} : { action: <Link to="/tvastegsverifiering">{t.enrol}</Link> }),
          },
        ]}
      />
      <h2>{t.passwordHeading}</h2>
      <p>{t.passwordText}</p>
      {changed ? (
        <MessageBox variant="success" live>
          {t.changed}
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            setSession(await api.post('/api/v1/auth/password', data, sessionResponse));
            form.setValues({ currentPassword: '', newPassword: '' });
            setChanged(true);
          });
        }}
      >
        <TextField
          id={form.fieldId('currentPassword')}
          label={t.currentPassword}
          type="password"
          autoComplete="current-password"
          value={form.values.currentPassword}
          error={form.errorFor('currentPassword')}
          onValue={(value) => form.set('currentPassword', value)}
        />
        <TextField
          id={form.fieldId('newPassword')}
          label={t.newPassword}
          hint={t.newPasswordHint}
          type="password"
          autoComplete="new-password"
          value={form.values.newPassword}
          error={form.errorFor('newPassword')}
          onValue={(value) => form.set('newPassword', value)}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.change}
          </Button>
        </div>
      </form>
    </Page>
  );
}
