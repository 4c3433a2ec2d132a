import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import type { SetupLink } from '#shared/contracts/administration.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { administrationMessages } from './messages.ts';

/** A one-time password link, shown once: the server keeps only its hash. */
export function SetupLinkBox({ link, lead }: { link: SetupLink; lead?: string }) {
  const t = useMessages(administrationMessages);
  const { locale } = useLocale();
  return (
    <MessageBox variant="success" heading={t.users.linkHeading} live>
      {lead ? <p>{lead}</p> : null}
      <p>{interpolate(t.users.linkText, { expires: formatDateTime(link.expiresAt, locale) })}</p>
      <p>
        <code className="secret-value">{link.url}</code>
      </p>
      <p>
        <strong>{t.common.shownOnce}.</strong> {t.common.copyHint}
      </p>
    </MessageBox>
  );
}
