import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { z } from 'zod';
import { totpEnrolmentConfirm, totpEnrolmentDone, totpEnrolmentStart } from '#shared/contracts/auth.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { accountMessages } from './messages.ts';

type Started = z.infer<typeof totpEnrolmentStart>;

/**
 * Enrolling an authenticator app (ADR 0005), in three steps: start, scan and confirm with a
 * first code, save the recovery codes (shown once). Reached right after sign-in when a role
 * requires a second factor, or from "My account".
 */
export default function EnrolmentPage() {
  const t = useMessages(accountMessages).enrolment;
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const [started, setStarted] = useState<Started | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const form = useForm(totpEnrolmentConfirm, { totp: '' }, { idPrefix: 'enrol' });
  const startForm = useForm(z.object({}), {}, { idPrefix: 'start' });

  if (session === undefined) return <Loading />;
  if (session === null) return <Navigate to="/logga-in" replace />;
  if (session.totpEnabled && !recoveryCodes) {
    return (
      <Page title={t.title}>
        <MessageBox variant="info">{t.alreadyEnabled}</MessageBox>
      </Page>
    );
  }

  if (recoveryCodes) {
    return (
      <Page title={t.recoveryHeading} lead={t.recoveryText}>
        <ul className="recovery-codes" aria-label={t.recoveryListLabel}>
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <Button
            onClick={async () => {
              await refresh();
              navigate('/', { replace: true });
            }}
          >
            {t.done}
          </Button>
        </div>
      </Page>
    );
  }

  if (!started) {
    return (
      <Page title={t.title} hasErrors={startForm.summary.length > 0} lead={t.lead}>
        <ErrorSummary errors={startForm.summary} />
        <p>{t.intro}</p>
        <div className="form-actions">
          <Button
            id={startForm.fieldId('form')}
            disabled={startForm.submitting}
            onClick={() => void startForm.submit(async () => setStarted(await api.post('/api/v1/auth/totp/enrolment', {}, totpEnrolmentStart)))}
          >
            {t.start}
          </Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t.scanHeading} hasErrors={form.summary.length > 0} lead={t.scanText}>
      <ErrorSummary errors={form.summary} />
      <img className="totp-qr" src={started.qrDataUrl} alt={t.qrAlt} width={220} height={220} />
      <p>
        {t.manualLabel} <code className="totp-secret">{started.secret.match(/.{1,4}/g)?.join(' ')}</code>
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const done = await api.post('/api/v1/auth/totp/enrolment/confirm', data, totpEnrolmentDone);
            setRecoveryCodes(done.recoveryCodes);
          });
        }}
      >
        <TextField
          id={form.fieldId('totp')}
          label={t.code}
          hint={t.codeHint}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={form.values.totp}
          error={form.errorFor('totp')}
          onValue={(value) => form.set('totp', value)}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.confirm}
          </Button>
        </div>
      </form>
    </Page>
  );
}
