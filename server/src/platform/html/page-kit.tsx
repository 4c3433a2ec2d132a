import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FastifyReply } from 'fastify';
import type { Locale } from '#shared/i18n/messages.ts';
import { pageKitMessages } from './messages.ts';

/**
 * The kernel's kit for server-rendered pages (issue 17): the public site, the survey respondent
 * pages and the event registration pages share the document frame and how a page is sent; the
 * link pages (respondent, registration) share their whole frame.
 */

/** The document: no referrer, not indexed; the page's body goes in `children`. */
export function HtmlDocument({
  lang,
  dir,
  title,
  stylesheets,
  script,
  children,
}: {
  lang: string;
  dir?: 'ltr' | 'rtl';
  title: string;
  stylesheets: string[];
  script?: string;
  children: ReactNode;
}) {
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {script ? <script type="module" src={script} /> : null}
      </head>
      <body className="public-page">{children}</body>
    </html>
  );
}

/** The frame of a page reached by a link (a survey, an event registration): Swedish or English. */
export function LinkPageLayout({
  locale,
  title,
  siteName,
  path,
  stylesheets,
  children,
}: {
  locale: Locale;
  title: string;
  siteName: string;
  path: string;
  stylesheets: string[];
  children: ReactNode;
}) {
  const t = pageKitMessages[locale];
  return (
    <HtmlDocument lang={locale} title={title} stylesheets={stylesheets}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <span className="site-header__name">{siteName}</span>
        <nav className="language-switch" aria-label={t.languageNav}>
          <a href={locale === 'en' ? path : `${path}?lang=en`} lang={locale === 'en' ? 'sv' : 'en'}>
            {t.otherLanguage}
          </a>
        </nav>
      </header>
      <main id="main" className="site-main survey-page" tabIndex={-1}>
        {children}
      </main>
    </HtmlDocument>
  );
}

/** Sends a server-rendered page: no cookie, not cached. */
export function sendPage(reply: FastifyReply, page: ReactNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToStaticMarkup(page)}`);
}
