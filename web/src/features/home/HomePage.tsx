import { Link } from 'react-router';
import { PERMISSIONS, type Action } from '#shared/auth/permissions.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSignedInSession } from '../../app/session.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { CAPABILITY_AREAS } from './capabilities.ts';
import { homeMessages } from './messages.ts';

/** The staff start page: what the signed-in role can do, area by area. */
export function HomePage() {
  const t = useMessages(homeMessages);
  const app = useMessages(appMessages);
  const session = useSignedInSession();
  const { locale } = useLocale();
  const unit = session.memberships.find((m) => m.unitId === session.actingUnitId);
  const granted = Object.keys(session.permissions) as Action[];
  return (
    <Page title={t.title} lead={unit ? interpolate(t.lead, { unit: unit.unitName }) : t.noUnit}>
      {session.securityNotices.length > 0 ? (
        <MessageBox variant="warning" heading={t.securityHeading}>
          <ul>
            {session.securityNotices.map((notice) => (
              <li key={`${notice.kind}-${notice.at}`}>{interpolate(t.securityNotices[notice.kind], { at: formatDateTime(notice.at, locale) })}</li>
            ))}
          </ul>
          <p>{t.securityHelp}</p>
        </MessageBox>
      ) : null}
      {session.roles.length > 0 ? (
        <p>
          {t.yourRoles}: <strong>{session.roles.map((role) => app.roles[role]).join(', ')}</strong>
        </p>
      ) : null}
      <ul className="capability-list">
        {CAPABILITY_AREAS.map(({ area, path }) => {
          const text = t.areas[area];
          const actions = granted.filter((action) => PERMISSIONS[action].area === area);
          return (
            <li key={area}>
              <h2 className="capability-title">{text.title}</h2>
              <p>{text.text}</p>
              {actions.length > 0 ? (
                <p>
                  <Link to={path}>{interpolate(t.open, { title: text.title })}</Link>
                </p>
              ) : (
                <p>{t.noAccess}</p>
              )}
            </li>
          );
        })}
      </ul>
    </Page>
  );
}
