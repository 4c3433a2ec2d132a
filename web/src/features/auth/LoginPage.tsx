import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginRequest, sessionResponse } from '#shared/contracts/auth.ts';
import { OIDC_REFUSALS, oidcRefusalMessages, oidcTotpRequest, signInMethodRequest, type OidcRefusal } from '#shared/contracts/identity.ts';
import { z } from 'zod';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { loginMessages } from './messages.ts';

const demoMode = document.querySelector('meta[name="upptack-mode"]')?.getAttribute('content') !== 'production';

/** Only paths inside the staff app may be returned to (no open redirect). */
function safeReturnTo(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

const redirectResponse = z.object({ redirectUrl: z.string() });
const isRefusal = (value: string | null): value is OidcRefusal => (OIDC_REFUSALS as readonly string[]).includes(value ?? '');

export function LoginPage() {
  const t = useMessages(loginMessages);
  const refusals = useMessages(oidcRefusalMessages);
  const { session, setSession, signedOutReason } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [needsTotp, setNeedsTotp] = useState(false);
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const form = useForm(loginRequest, { email: '', password: '', totp: undefined, recoveryCode: undefined }, { idPrefix: 'login' });
  const returnTo = safeReturnTo(params.get('returnTo'));
  const organisationForm = useForm(signInMethodRequest, { email: '' }, { idPrefix: 'organisation' });
  const codeForm = useForm(oidcTotpRequest, { totp: '' }, { idPrefix: 'provider-code' });
  const outcome = params.get('inloggning');

  if (session && session.stage === 'full') return <Navigate to={returnTo} replace />;
  if (session && session.stage === 'totp_enrolment') return <Navigate to="/tvastegsverifiering" replace />;
  const idle = signedOutReason === 'idle';

  if (outcome === 'engangskod') {
    return (
      <Page title={t.providerCode.title} hasErrors={codeForm.summary.length > 0} lead={t.providerCode.lead}>
        <ErrorSummary errors={codeForm.summary} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void codeForm.submit(async (data) => {
              const next = await api.post('/api/v1/auth/oidc/totp', data, sessionResponse);
              setSession(next);
              navigate('/', { replace: true });
            });
          }}
        >
          <TextField
            id={codeForm.fieldId('totp')}
            label={t.totp}
            hint={t.totpHint}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={codeForm.values.totp}
            error={codeForm.errorFor('totp')}
            onValue={(value) => codeForm.set('totp', value)}
          />
          <div className="form-actions">
            <Button type="submit" disabled={codeForm.submitting}>
              {t.submit}
            </Button>
          </div>
        </form>
      </Page>
    );
  }

  return (
    <Page title={t.title} hasErrors={form.summary.length > 0 || organisationForm.summary.length > 0} lead={t.lead}>
      {isRefusal(outcome) ? (
        <MessageBox variant="error" heading={t.providerRefused} live>
          <p>{refusals[outcome]}</p>
        </MessageBox>
      ) : null}
      {idle ? <MessageBox variant="info">{t.idleSignedOut}</MessageBox> : null}
      {!idle && signedOutReason === 'expired' ? <MessageBox variant="info">{t.sessionExpired}</MessageBox> : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            try {
              const next = await api.post('/api/v1/auth/login', data, sessionResponse);
              setSession(next);
              navigate(next.stage === 'full' ? returnTo : '/tvastegsverifiering', { replace: true });
            } catch (error) {
              if (error instanceof ApiProblem && error.problem.code === 'second_factor_required') {
                setNeedsTotp(true);
                return;
              }
              throw error;
            }
          });
        }}
      >
        <TextField
          id={form.fieldId('email')}
          label={t.email}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={form.values.email}
          error={form.errorFor('email')}
          onValue={(value) => form.set('email', value)}
        />
        <TextField
          id={form.fieldId('password')}
          label={t.password}
          type="password"
          autoComplete="current-password"
          value={form.values.password}
          error={form.errorFor('password')}
          onValue={(value) => form.set('password', value)}
        />
        {needsTotp && !useRecoveryCode ? (
          <TextField
            id={form.fieldId('totp')}
            label={t.totp}
            hint={t.totpHint}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={form.values.totp ?? ''}
            error={form.errorFor('totp')}
            onValue={(value) => form.set('totp', value || undefined)}
          />
        ) : null}
        {needsTotp && useRecoveryCode ? (
          <TextField
            id={form.fieldId('recoveryCode')}
            label={t.recoveryCode}
            hint={t.recoveryCodeHint}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={form.values.recoveryCode ?? ''}
            error={form.errorFor('recoveryCode')}
            onValue={(value) => form.set('recoveryCode', value || undefined)}
          />
        ) : null}
        {needsTotp ? (
          <p>
            <Button
              variant="tertiary"
              onClick={() => {
                form.setValues((current) => ({ ...current, totp: undefined, recoveryCode: undefined }));
                setUseRecoveryCode(!useRecoveryCode);
              }}
            >
              {useRecoveryCode ? t.useTotp : t.useRecoveryCode}
            </Button>
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.submit}
          </Button>
        </div>
      </form>
      <section aria-labelledby="organisation-sign-in">
        <h2 id="organisation-sign-in">{t.organisation.heading}</h2>
        <p>{t.organisation.lead}</p>
        <ErrorSummary errors={organisationForm.summary} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void organisationForm.submit(async (data) => {
              const { redirectUrl } = await api.post('/api/v1/auth/oidc/start', { ...data, returnTo }, redirectResponse);
              window.location.assign(redirectUrl);
            });
          }}
        >
          <TextField
            id={organisationForm.fieldId('email')}
            label={t.organisation.email}
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={organisationForm.values.email}
            error={organisationForm.errorFor('email')}
            onValue={(value) => organisationForm.set('email', value)}
          />
          <div className="form-actions">
            <Button type="submit" variant="secondary" disabled={organisationForm.submitting}>
              {t.organisation.submit}
            </Button>
          </div>
        </form>
      </section>
      {demoMode ? (
        <MessageBox variant="info" heading={t.demoHeading}>
          <p>{interpolate(t.demoText, { password: 'upptack-demo-2026' })}</p>
        </MessageBox>
      ) : null}
    </Page>
  );
}
