import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatDate } from '#shared/time/stockholm.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import type { FeatureContext } from '../feature.ts';
import { PublicLayout, sendPublicPage, type PublicLocale, type PublicPageSettings } from './public-layout.tsx';
import { publicSiteMessages } from './messages.ts';

/** The date the accessibility statement was last checked against the pages it describes. */
export const ACCESSIBILITY_STATEMENT_UPDATED = '2026-11-22';

export function publicLocale(request: FastifyRequest): PublicLocale {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  return lang === 'en' ? 'en' : 'sv';
}

export function publicPageSettings(context: FeatureContext): PublicPageSettings {
  return { assets: context.webAssets(), quickExitUrl: context.config.quickExitUrl, demoMode: context.config.demoMode };
}

export function registerPublicSitePages(app: FastifyInstance, context: FeatureContext): void {
  const settings = () => publicPageSettings(context);
  app.get('/', async (request, reply) => {
    const locale = publicLocale(request);
    const t = publicSiteMessages[locale].start;
    return sendPublicPage(
      reply,
      <PublicLayout {...settings()} locale={locale} title={t.title}>
        <h1>{t.heading}</h1>
        <p className="lead">{t.lead}</p>
        <div className="message-box message-box--warning">
          <p className="message-box__content">
            <strong>{t.emergency}</strong>
          </p>
        </div>
        <p>{t.kvinnofridslinjen}</p>
        <h2>{t.comingTitle}</h2>
        <p>{t.coming}</p>
        <h2>{t.staffTitle}</h2>
        <p>
          {t.staffText} <a href="/personal/">{t.staffLink}</a>
        </p>
      </PublicLayout>,
    );
  });

  app.get('/tillganglighet', async (request, reply) => {
    const locale = publicLocale(request);
    const t = publicSiteMessages[locale].accessibility;
    return sendPublicPage(
      reply,
      <PublicLayout {...settings()} locale={locale} title={t.title}>
        <h1>{t.heading}</h1>
        <p className="lead">{t.intro}</p>
        <h2>{t.statusHeading}</h2>
        <p>{t.status}</p>
        <h2>{t.testingHeading}</h2>
        <p>{t.testing}</p>
        <h2>{t.knownHeading}</h2>
        <p>{t.known}</p>
        <h2>{t.reportHeading}</h2>
        <p>{t.report}</p>
        <p>{interpolate(t.updated, { date: formatDate(ACCESSIBILITY_STATEMENT_UPDATED, locale) })}</p>
      </PublicLayout>,
    );
  });
}

/** The not-found page for browser navigation outside the API. */
export function renderNotFoundPage(request: FastifyRequest, settings: PublicPageSettings) {
  const locale = publicLocale(request);
  const t = publicSiteMessages[locale].notFound;
  return (
    <PublicLayout {...settings} locale={locale} title={t.title}>
      <h1>{t.heading}</h1>
      <p>{t.text}</p>
      <p>
        <a href="/">{t.home}</a>
      </p>
    </PublicLayout>
  );
}
