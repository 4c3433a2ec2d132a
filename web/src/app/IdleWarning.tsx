import { useEffect, useState } from 'react';
import { interpolate } from '#shared/i18n/messages.ts';
import { Button } from '../ui/Button.tsx';
import { useMessages } from './locale.tsx';
import { appMessages } from './messages.ts';
import { useSession } from './session.tsx';

/** Shown this long before the idle timeout (issue 3: warn before idle logout). */
const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Warns before the server ends an idle session, and signs out when it has. The deadline comes
 * from the server with each API response (`X-Session-Idle-Seconds`), so nothing polls the server
 * and keeps the session alive by itself; "stay signed in" is one deliberate request.
 */
export function IdleWarning() {
  const t = useMessages(appMessages);
  const { idleDeadline, refresh, logout } = useSession();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);
  const remaining = idleDeadline === null ? Number.POSITIVE_INFINITY : idleDeadline - now;
  const expired = remaining <= 0;
  useEffect(() => {
    if (!expired) return;
    // The server has ended (or is about to end) the session; ending it here too leaves nothing
    // behind. The session guard then shows the login page, which says why.
    void logout('idle');
  }, [expired, logout]);
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
