import { useState } from 'react';
import { Link } from 'react-router';
import { newPassword } from '#shared/contracts/auth.ts';
import { z } from 'zod';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { accountMessages } from './messages.ts';

/** The token is in the fragment, which browsers never send to a server or in a Referer. */
function tokenFromFragment(): string | null {
  return window.location.hash.slice(1) || null;
}

/** Once used, the token leaves the address bar (and the history entry); the router's state is kept. */
function forgetToken(): void {
  window.history.replaceState(window.history.state, '', window.location.pathname);
}

/** Choosing one's first password (or a new one after a reset) from an administrator's link. */
export default function PasswordSetupPage() {
  const t = useMessages(accountMessages).setup;
  const [token] = useState(tokenFromFragment);
  const [done, setDone] = useState(false);
  const form = useForm(z.object({ password: newPassword }), { password: '' }, { idPrefix: 'setup' });

  if (!token) {
    return (
      <Page title={t.title}>
        <MessageBox variant="warning">{t.missingLink}</MessageBox>
      </Page>
    );
  }
  if (done) {
    return (
      <Page title={t.title}>
        <MessageBox variant="success" live>
          {t.done}
        </MessageBox>
        <p>
          <Link to="/logga-in">{t.signIn}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t.title} hasErrors={form.summary.length > 0} lead={t.lead}>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async ({ password }) => {
            await api.post('/api/v1/auth/password-setup', { token, password });
            forgetToken();
            setDone(true);
          });
        }}
      >
        <TextField
          id={form.fieldId('password')}
          label={t.password}
          hint={t.passwordHint}
          type="password"
          autoComplete="new-password"
          value={form.values.password}
          error={form.errorFor('password')}
          onValue={(value) => form.set('password', value)}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.submit}
          </Button>
        </div>
      </form>
    </Page>
  );
}
