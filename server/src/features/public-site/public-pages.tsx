import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { AUDIENCES, LANGUAGES, PUBLIC_LANGUAGES, type ServiceResult } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { ANONYMOUS, queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { searchDirectory } from '../directory/index.ts';
import { renderContent } from './content-markup.tsx';
import { Prose } from './prose.tsx';
import { sortSwedish } from '#shared/i18n/collation.ts';
import { publishedPage, publishedTitles } from './content-repository.ts';
import { sendPage } from '../../platform/html/page-kit.tsx';
import { htmlLang, localHref, PublicLayout, type PublicLocale, type PublicPageSettings } from './public-layout.tsx';
import { LANGUAGE_NAMES, publicSiteMessages } from './messages.ts';

/** The date the accessibility statement was last checked against the pages it describes. */
export const ACCESSIBILITY_STATEMENT_UPDATED = '2026-11-22';

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export function publicLocale(request: FastifyRequest): PublicLocale {
  const lang = single((request.query as Query | undefined)?.lang);
  return (PUBLIC_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as PublicLocale) : 'sv';
}

export function publicPageSettings(context: FeatureContext): PublicPageSettings {
  return { assets: context.webAssets(), quickExitUrl: context.config.quickExitUrl, demoMode: context.config.demoMode };
}

function ServiceCard({ service, locale }: { service: ServiceResult; locale: PublicLocale }) {
  const t = publicSiteMessages[locale].search;
  const labels = directoryLabels[locale];
  // Names and descriptions are kept in Swedish by the editors; mark them so screen readers switch voice.
  const contentLang = locale === 'sv' || locale === 'lattlast' ? undefined : 'sv';
  return (
    <li className="service-card">
      <h3 className="service-card__name" lang={contentLang} dir={contentLang ? 'auto' : undefined}>
        {service.name}
        {service.demo ? <span className="status-tag">{labels.demo}</span> : null}
      </h3>
      <p className="service-card__kinds">{service.kinds.map((kind) => labels.kinds[kind]).join(', ')}</p>
      {service.phones.length > 0 ? (
        <p>
          {t.phone}:{' '}
          {service.phones.map((phone, index) => (
            <span key={phone.number}>
              {index > 0 ? ', ' : null}
              <a href={`tel:${phone.number.replace(/[^\d+]/g, '')}`} dir="ltr">
                {phone.number}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      {service.url ? (
        <p>
          {t.web}: <span dir="ltr">{service.url}</span>
        </p>
      ) : null}
      {service.description ? (
        <p lang={contentLang} dir={contentLang ? 'auto' : undefined}>
          {service.description}
        </p>
      ) : null}
      {service.confidentialLocation ? <p>{labels.confidentialLocation}</p> : null}
      <p className="service-card__hours">{service.openingHours.text}</p>
      <div className="service-card__reasons">
        <p className="service-card__why">{t.why}:</p>
        <ul>
          {service.reasons.map((reason) => (
            <li key={`${reason.code}-${reason.value ?? ''}`}>{reason.text}</li>
          ))}
        </ul>
      </div>
    </li>
  );
}

export function registerPublicSitePages(app: FastifyInstance, context: FeatureContext): void {
  const settings = () => publicPageSettings(context);
  const publicDb = <T,>(work: (tx: Tx) => Promise<T>) => context.database.transaction(ANONYMOUS, work);

  app.get('/', async (request, reply) => {
    const locale = publicLocale(request);
    const t = publicSiteMessages[locale];
    const pages = await publicDb((tx) => publishedTitles(tx, locale));
    return sendPage(
      reply,
      <PublicLayout {...settings()} locale={locale} title={t.titles.start} path="/">
        <h1>{t.start.heading}</h1>
        <p className="lead">{t.start.lead}</p>
        <div className="message-box message-box--warning">
          <p className="message-box__content">
            <strong>
              <Prose text={t.start.emergency} rtl={locale === 'ar'} />
            </strong>
          </p>
        </div>
        <p>
          <Prose text={t.start.kvinnofridslinjen} rtl={locale === 'ar'} />
        </p>
        <ul className="page-links">
          {pages.map((page) => (
            <li key={page.slug}>
              <a href={localHref(`/information/${page.slug}`, locale)} lang={page.language === locale ? undefined : htmlLang(page.language)}>
                {page.title}
              </a>
            </li>
          ))}
        </ul>
        <h2>{t.start.findTitle}</h2>
        <p>
          <a href={localHref('/stod', locale)}>{t.nav.search}</a>
        </p>
        <h2>{t.start.staffTitle}</h2>
        <p>
          {t.start.staffText} <a href="/personal/">{t.start.staffLink}</a>
        </p>
      </PublicLayout>,
    );
  });

  app.get<{ Params: { slug: string } }>('/information/:slug', async (request, reply) => {
    const locale = publicLocale(request);
    const t = publicSiteMessages[locale];
    const slug = request.params.slug;
    const [page, titles] = await publicDb(async (tx) => [await publishedPage(tx, slug, locale), await publishedTitles(tx, locale)] as const);
    if (!page) return sendPage(reply, renderNotFoundPage(request, settings()), 404);
    const number = titles.findIndex((candidate) => candidate.slug === slug) + 1;
    const fallback = page.language !== locale;
    return sendPage(
      reply,
      <PublicLayout
        {...settings()}
        locale={locale}
        title={interpolate(t.titles.page, { number })}
        path={`/information/${slug}`}
        unreviewed={page.review_status !== 'reviewed'}
      >
        <article lang={fallback ? htmlLang(page.language) : undefined} dir={fallback ? 'ltr' : undefined}>
          <h1>{page.title}</h1>
          {renderContent(page.body, !fallback && locale === 'ar')}
        </article>
        {slug === 'stod-och-skydd' ? (
          <p>
            <a href={localHref('/stod', locale)}>{t.nav.search}</a>
          </p>
        ) : null}
      </PublicLayout>,
    );
  });

  app.get('/stod', async (request, reply) => {
    const locale = publicLocale(request);
    const t = publicSiteMessages[locale];
    const labels = directoryLabels[locale];
    const query = request.query as Query;
    const municipality = single(query.kommun) ?? '';
    const audience = single(query.malgrupp) ?? '';
    const language = single(query.sprak) ?? '';
    const search = await publicDb(async (tx) => {
      const municipalities = sortSwedish(await queryRows<{ code: string; name: string }>(tx, sql`select code, name from municipalities`), (row) => row.name);
      if (!municipality) return { municipalities, result: undefined, error: undefined };
      try {
        const result = await searchDirectory(
          tx,
          { municipality, audiences: audience ? [audience] : [], languages: language ? [language] : [] },
          { now: context.clock.now(), language: locale, audience: 'public' },
        );
        return { municipalities, result, error: undefined };
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation_failed') return { municipalities, result: undefined, error: t.search.missingMunicipality };
        throw error;
      }
    });
    const path = `/stod${municipality ? `?kommun=${encodeURIComponent(municipality)}${audience ? `&malgrupp=${encodeURIComponent(audience)}` : ''}${language ? `&sprak=${encodeURIComponent(language)}` : ''}` : ''}`;
    const place = search.result?.municipality?.name ?? '';
    const groups = (['municipality', 'county', 'national'] as const).map((level) => ({
      level,
      services: search.result?.services.filter((service) => service.level === level) ?? [],
    }));
    return sendPage(
      reply,
      <PublicLayout {...settings()} locale={locale} title={t.titles.search} path={path}>
        <h1>{t.search.heading}</h1>
        <p className="lead">{t.search.lead}</p>
        <form method="get" action="/stod" className="search-form">
          {locale === 'sv' ? null : <input type="hidden" name="lang" value={locale} />}
          <div className="select-field">
            <label className="label" htmlFor="kommun">
              {t.search.municipality}
            </label>
            <div className="select-field__icon-wrapper">
              <select id="kommun" name="kommun" className="select-field__select" defaultValue={municipality} required>
                <option value="">{t.search.chooseMunicipality}</option>
                {search.municipalities.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="select-field">
            <label className="label" htmlFor="malgrupp">
              {t.search.audience}
            </label>
            <div className="select-field__icon-wrapper">
              <select id="malgrupp" name="malgrupp" className="select-field__select" defaultValue={audience}>
                <option value="">{t.search.anyAudience}</option>
                {AUDIENCES.filter((code) => code !== 'everyone' && code !== 'professionals').map((code) => (
                  <option key={code} value={code}>
                    {labels.audiences[code]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="select-field">
            <label className="label" htmlFor="sprak">
              {t.search.language}
            </label>
            <div className="select-field__icon-wrapper">
              <select id="sprak" name="sprak" className="select-field__select" defaultValue={language}>
                <option value="">{t.search.anyLanguage}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {labels.languages[code]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="button button--primary">
            {t.search.submit}
          </button>
        </form>
        {search.error ? (
          <p className="message-box message-box--error" role="alert">
            {search.error}
          </p>
        ) : null}
        {search.result ? (
          <section aria-labelledby="results-heading">
            <h2 id="results-heading">{interpolate(t.search.results, { count: search.result.services.length, place })}</h2>
            {search.result.services.length === 0 ? (
              <p>
                <Prose text={t.search.noResults} rtl={locale === 'ar'} />
              </p>
            ) : null}
            {groups
              .filter((group) => group.services.length > 0)
              .map((group) => (
                <div key={group.level}>
                  <h2>{labels.level[group.level]}</h2>
                  <ul className="service-list">
                    {group.services.map((service) => (
                      <ServiceCard key={service.id} service={service} locale={locale} />
                    ))}
                  </ul>
                </div>
              ))}
            <p>
              <a href={`/api/v1/directory/handout.pdf?municipality=${encodeURIComponent(municipality)}&language=${locale}`} download>
                {interpolate(t.search.handout, { language: LANGUAGE_NAMES[locale].name })}
              </a>
            </p>
          </section>
        ) : null}
      </PublicLayout>,
    );
  });

  app.get('/tillganglighet', async (request, reply) => {
    const locale = publicLocale(request);
    const t = publicSiteMessages[locale];
    const a = t.accessibility;
    return sendPage(
      reply,
      <PublicLayout {...settings()} locale={locale} title={t.titles.accessibility} path="/tillganglighet">
        <h1>{a.heading}</h1>
        <p className="lead">{a.intro}</p>
        <h2>{a.statusHeading}</h2>
        <p>{a.status}</p>
        <h2>{a.testingHeading}</h2>
        <p>{a.testing}</p>
        <h2>{a.knownHeading}</h2>
        <p>{a.known}</p>
        <h2>{a.reportHeading}</h2>
        <p>{a.report}</p>
        <p>
          {interpolate(a.updated, {
            date: locale === 'ar' ? ACCESSIBILITY_STATEMENT_UPDATED : formatDate(ACCESSIBILITY_STATEMENT_UPDATED, locale === 'en' ? 'en' : 'sv'),
          })}
        </p>
      </PublicLayout>,
    );
  });
}

/** The not-found page for browser navigation outside the API. */
export function renderNotFoundPage(request: FastifyRequest, settings: PublicPageSettings) {
  const locale = publicLocale(request);
  const t = publicSiteMessages[locale];
  return (
    <PublicLayout {...settings} locale={locale} title={t.titles.notFound} path="/">
      <h1>{t.notFound.heading}</h1>
      <p>{t.notFound.text}</p>
      <p>
        <a href={localHref('/', locale)}>{t.notFound.home}</a>
      </p>
    </PublicLayout>
  );
}

/** Anonymous writes over the ceiling (`platform/http/public-write-limit.ts`): wait, nothing saved is lost. */
export function renderTooManyWritesPage(request: FastifyRequest, settings: PublicPageSettings, retryAfterSeconds: number) {
  const locale = publicLocale(request);
  const t = publicSiteMessages[locale];
  return (
    <PublicLayout {...settings} locale={locale} title={t.titles.tooManyWrites} path="/">
      <h1>{t.tooManyWrites.heading}</h1>
      <p>{interpolate(t.tooManyWrites.text, { minutes: Math.ceil(retryAfterSeconds / 60) })}</p>
    </PublicLayout>
  );
}
