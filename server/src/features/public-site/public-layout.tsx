import type { ReactNode } from 'react';
import { PUBLIC_LANGUAGES, type PublicLanguage } from '#shared/contracts/directory.ts';
import type { Language } from '#shared/contracts/languages.ts';
import { HtmlDocument } from '../../platform/html/page-kit.tsx';
import type { WebAssets } from '../../platform/http/web-assets.ts';
import { CHROME_REVIEWED, LANGUAGE_NAMES, publicSiteMessages } from './messages.ts';

/** Languages the public pages are written in (issue 4): chrome and managed content. */
export type PublicLocale = PublicLanguage;

export type PublicPageSettings = {
  assets: WebAssets;
  quickExitUrl: string;
  demoMode: boolean;
};

type LayoutProps = PublicPageSettings & {
  /** The catalogue the page's chrome is shown in (Swedish where the language has none that may be shown). */
  locale: PublicLocale;
  /** The language the reader chose (`?lang=`), when it differs from the chrome's. */
  language?: Language;
  /** Every language the table holds (the start page lists them all; the header offers the built-in ones and the reader's). */
  languages?: readonly Language[];
  title: string;
  /** The page's path and query without `lang`, so the language switcher keeps the place. */
  path: string;
  /** The page's own text was not reviewed by a person (managed content or chrome). */
  unreviewed?: boolean;
  children: ReactNode;
};

/** A link to a public page in a language: Swedish has no `lang` parameter. */
export function localHref(path: string, locale: string): string {
  if (locale === 'sv') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}

export function htmlLang(locale: PublicLocale): string {
  return LANGUAGE_NAMES[locale].lang;
}

/**
 * The frame of every public page. The quick exit comes first in the tab order, the skip link
 * second (GOV.UK "Exit this page" pattern). Without JavaScript the quick exit is a plain link;
 * with it, the page is blanked and replaced so Back does not return here. Arabic pages are laid
 * out right to left (`dir="rtl"`; the styles use logical properties).
 */
export function PublicLayout({ locale, language, title, path, unreviewed, children, assets, quickExitUrl, demoMode }: LayoutProps) {
  const t = publicSiteMessages[locale];
  const showUnreviewed = unreviewed ?? !CHROME_REVIEWED[locale];
  const current = language?.code ?? locale;
  // The header offers the languages with their own pages and the reader's own; the start page lists every language (`#sprak`).
  const builtIn = PUBLIC_LANGUAGES.map((code) => ({
    code,
    tag: LANGUAGE_NAMES[code].lang,
    name: LANGUAGE_NAMES[code].name,
    direction: code === 'ar' ? 'rtl' : 'ltr',
  }));
  const switcher = [...builtIn, ...(language && !builtIn.some((option) => option.code === language.code) ? [language] : [])];
  return (
    <HtmlDocument lang={htmlLang(locale)} dir={locale === 'ar' ? 'rtl' : 'ltr'} title={title} stylesheets={assets.publicCss} script={assets.publicJs}>
      <div className="quick-exit">
        <a className="button button--primary quick-exit__button" href={quickExitUrl} rel="noreferrer" data-quick-exit="">
          {t.quickExit}
        </a>
        <span className="quick-exit__hint">{t.quickExitHint}</span>
      </div>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      {demoMode ? (
        <div className="demo-banner" role="note">
          {t.demoBanner}
        </div>
      ) : null}
      <header className="site-header">
        <a className="site-header__name" href={localHref('/', locale)}>
          {t.siteName}
        </a>
        <nav className="site-nav" aria-label={t.nav.label}>
          <ul className="site-nav__list">
            <li>
              <a href={localHref('/', locale)}>{t.nav.start}</a>
            </li>
            <li>
              <a href={localHref('/stod', locale)}>{t.nav.search}</a>
            </li>
            <li>
              <a href={localHref('/information/dolj-ditt-besok', locale)}>{t.nav.hide}</a>
            </li>
          </ul>
        </nav>
        <nav className="language-switch" aria-label={t.languages}>
          <ul className="language-switch__list">
            {switcher.map((option) => (
              <li key={option.code}>
                <a
                  href={localHref(path, option.code)}
                  lang={option.tag}
                  hrefLang={option.tag}
                  dir={option.direction}
                  aria-current={option.code === current ? 'true' : undefined}
                >
                  {option.name}
                </a>
              </li>
            ))}
            <li>
              <a href={`${localHref('/', current)}#sprak`}>{t.moreLanguages}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {showUnreviewed ? (
          <p className="unreviewed-note" role="note">
            {t.unreviewed}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <ul className="site-footer__links">
          <li>
            <a href={localHref('/tillganglighet', locale)}>{t.footer.accessibility}</a>
          </li>
          <li>
            <a href="/personal/">{t.footer.staff}</a>
          </li>
        </ul>
        <p>{t.footer.privacy}</p>
      </footer>
    </HtmlDocument>
  );
}
