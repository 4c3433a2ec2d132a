import { Link, NavLink, Outlet } from 'react-router';
import { interpolate } from '#shared/i18n/messages.ts';
import { useLocale, useMessages } from './locale.tsx';
import { appMessages } from './messages.ts';
import { useSession } from './session.tsx';
import { IdleWarning } from './IdleWarning.tsx';
import { staffNavigation } from './staff-navigation.ts';

const demoMode = document.querySelector('meta[name="upptack-mode"]')?.getAttribute('content') !== 'production';

/** The frame of every staff page: skip link, DEMO banner, header, navigation, footer. */
export function StaffLayout() {
  const t = useMessages(appMessages);
  const { locale, setLocale } = useLocale();
  const { session, logout } = useSession();
  const actingUnit = session?.memberships.find((m) => m.unitId === session.actingUnitId);
  const navigation = session ? staffNavigation.filter((item) => !item.action || session.permissions[item.action] !== undefined) : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      {demoMode ? (
        <div className="demo-banner" role="note">
          {t.demoBanner}
        </div>
      ) : null}
      <header className="staff-header">
        <div className="page-width staff-header__bar">
          <Link className="staff-header__name" to="/">
            {t.appName}
          </Link>
          <div className="staff-header__meta">
            <button
              type="button"
              className="button button--tertiary button--small staff-header__language"
              lang={t.header.languageCode}
              onClick={() => setLocale(locale === 'sv' ? 'en' : 'sv')}
            >
              {t.header.language}
            </button>
            {session ? (
              <>
                <span className="staff-header__who">{interpolate(t.header.signedInAs, { name: session.user.displayName })}</span>
                {actingUnit ? (
                  <span className="staff-header__who">
                    {t.header.actingUnit}: <strong>{actingUnit.unitName}</strong>
                    {session.memberships.length > 1 ? (
                      <>
                        {' '}
                        <Link to="/valj-enhet">{t.header.changeUnit}</Link>
                      </>
                    ) : null}
                  </span>
                ) : null}
                <button type="button" className="button button--tertiary button--small staff-header__logout" onClick={() => void logout()}>
                  {t.header.logout}
                </button>
              </>
            ) : null}
          </div>
        </div>
      </header>
      {session && session.stage === 'full' ? (
        <nav className="staff-nav" aria-label={t.nav.label}>
          <ul className="page-width">
            <li>
              <NavLink to="/" end>
                {t.nav.home}
              </NavLink>
            </li>
            {navigation.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path}>{item.label[locale]}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {/* Until the session is known the header's height is not: the page and the footer wait for it
          rather than be pushed down when the navigation appears (layout shift, docs/benchmarks.md). */}
      {session === undefined ? null : (
        <main id="main" className="page-width staff-main" tabIndex={-1}>
          <Outlet />
        </main>
      )}
      {session === undefined ? null : (
        <footer className="page-width staff-footer">
          <ul className="inline-list">
            <li>
              <a href="/tillganglighet">{t.footer.accessibility}</a>
            </li>
            {session ? (
              <li>
                <Link to="/behorigheter">{t.footer.permissions}</Link>
              </li>
            ) : null}
            <li>
              <a href="/">{t.footer.publicSite}</a>
            </li>
          </ul>
        </footer>
      )}
      {session ? <IdleWarning /> : null}
    </>
  );
}
