import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FastifyReply } from 'fastify';
import type { WebAssets } from '../../platform/http/web-assets.ts';
import { publicSiteMessages } from './messages.ts';

/** Languages the public chrome is written in; content languages may be more (issue 4). */
export type PublicLocale = 'sv' | 'en';

export type PublicPageSettings = {
  assets: WebAssets;
  quickExitUrl: string;
  demoMode: boolean;
};

type LayoutProps = PublicPageSettings & {
  locale: PublicLocale;
  title: string;
  children: ReactNode;
};

/**
 * The frame of every public page. The quick exit comes first in the tab order, the skip link
 * second (GOV.UK "Exit this page" pattern). Without JavaScript the quick exit is a plain link;
 * with it, the page is blanked and replaced so Back does not return here.
 */
export function PublicLayout({ locale, title, children, assets, quickExitUrl, demoMode }: LayoutProps) {
  const t = publicSiteMessages[locale];
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        {assets.publicCss.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <script type="module" src={assets.publicJs} />
      </head>
      <body className="public-page">
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
          <a className="site-header__name" href={locale === 'sv' ? '/' : `/?lang=${locale}`} data-replace="">
            {t.siteName}
          </a>
        </header>
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <ul className="site-footer__links">
            <li>
              <a href={`/tillganglighet${locale === 'sv' ? '' : `?lang=${locale}`}`} data-replace="">
                {t.footer.accessibility}
              </a>
            </li>
            <li>
              <a href="/personal/">{t.footer.staff}</a>
            </li>
          </ul>
          <p>{t.footer.privacy}</p>
        </footer>
      </body>
    </html>
  );
}

/** Sends a server-rendered public page: no cookie, not cached, not indexed. */
export function sendPublicPage(reply: FastifyReply, page: ReactNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToStaticMarkup(page)}`);
}
