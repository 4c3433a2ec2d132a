import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { interpolate } from '#shared/i18n/messages.ts';
import { Button } from '../ui/Button.tsx';
import { useMessages } from './locale.tsx';
import { appMessages } from './messages.ts';
import { useSession } from './session.tsx';

/** Shown this long before the idle timeout (issue 3: warn before idle logout). */
const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Warns before the server ends an idle session. The deadline comes from each API response
 * (`X-Session-Idle-Expires`), so nothing polls the server and keeps the session alive by itself.
 */
export function IdleWarning() {
  const t = useMessages(appMessages);
  const { idleExpiresAt, refresh, setSession } = useSession();
  const navigate = useNavigate();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);
  const remaining = idleExpiresAt ? new Date(idleExpiresAt).getTime() - now : Number.POSITIVE_INFINITY;
  const expired = remaining <= 0;
  useEffect(() => {
    if (!expired) return;
    setSession(null);
    navigate('/logga-in?orsak=inaktiv');
  }, [expired, setSession, navigate]);
  if (expired || remaining > WARN_BEFORE_MS) return null;
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="idle-heading" aria-describedby="idle-text">
      <h2 id="idle-heading">{t.idle.heading}</h2>
      <p id="idle-text">{interpolate(t.idle.text, { minutes: Math.max(1, Math.ceil(remaining / 60_000)) })}</p>
      <Button autoFocus onClick={() => void refresh()}>
        {t.idle.stay}
      </Button>
    </div>
  );
}
