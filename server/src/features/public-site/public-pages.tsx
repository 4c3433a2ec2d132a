import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { AUDIENCES, LANGUAGES, PUBLIC_LANGUAGES, type ServiceResult } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { visibleStatuses, type Language } from '#shared/contracts/languages.ts';
import { ANONYMOUS, queryRows, type Tx } from '../../platform/db/database.ts';
import { chromeLanguage, findLanguage, listLanguages, SWEDISH } from '../../platform/languages/languages.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { searchDirectory } from '../directory/index.ts';
import { renderContent } from './content-markup.tsx';
import { Prose } from './prose.tsx';
import { sortSwedish } from '#shared/i18n/collation.ts';
import { publishedPage, publishedSnippet, publishedTitles, type ContentRow } from './content-repository.ts';
import { sendPage } from '../../platform/html/page-kit.tsx';
import { htmlLang, localHref, PublicLayout, type PublicLocale, type PublicPageSettings } from './public-layout.tsx';
import { CHROME_REVIEWED, LANGUAGE_NAMES, publicSiteMessages } from './messages.ts';

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

/**
 * The reader's language (ADR 0109): `?lang=` names any language the table holds. Its texts are
 * shown where their status may be shown (reviewed; in demo mode also machine drafts and
 * unreviewed translations, marked); the chrome is its built-in catalogue under the same rule, or
 * Swedish.
 */
export type ReaderLanguage = { language: Language; languages: Language[]; chrome: PublicLocale; visible: string[] };

export async function readerLanguage(tx: Tx, request: FastifyRequest, demoMode: boolean): Promise<ReaderLanguage> {
  const languages = await listLanguages(tx);
  const language = findLanguage(languages, single((request.query as Query | undefined)?.lang)) ?? findLanguage(languages, 'sv') ?? SWEDISH;
  const chrome = chromeLanguage(language.code, (code) => demoMode || CHROME_REVIEWED[code]);
  return { language, languages, chrome, visible: visibleStatuses(demoMode) };
}

/**
 * Where the reader's language has no text that may be shown, the line on how to get an
 * interpreter: in the language when that line may be shown, and in Swedish.
 */
function InterpreterNote({ own, swedish, language }: { own: ContentRow | undefined; swedish: ContentRow | undefined; language: Language }) {
  return (
    <div className="interpreter-note" role="note">
      {own ? (
        <p lang={language.tag} dir={language.direction}>
          <Prose text={own.body} rtl={language.direction === 'rtl'} />
        </p>
      ) : null}
      {swedish ? (
        <p lang="sv" dir="ltr">
          <Prose text={swedish.body} />
        </p>
      ) : null}
    </div>
  );
}

function ServiceCard({ service, locale, direction }: { service: ServiceResult; locale: PublicLocale; direction: 'ltr' | 'rtl' }) {
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
        service.descriptionLanguage === 'sv' ? (
          <p lang={contentLang} dir={contentLang ? 'auto' : undefined}>
            {service.description}
          </p>
        ) : (
          <p lang={service.descriptionLanguage} dir={direction}>
            <Prose text={service.description} rtl={direction === 'rtl'} />
            {service.descriptionStatus === 'reviewed' ? null : <span className="status-tag">{labels.unreviewedTranslation}</span>}
          </p>
        )
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
    const { reader, pages, interpreter } = await publicDb(async (tx) => {
      const reader = await readerLanguage(tx, request, context.config.demoMode);
      const pages = await publishedTitles(tx, reader.language.code, reader.visible);
      const interpreter = reader.chrome === reader.language.code ? undefined : await publishedSnippet(tx, 'tolk', reader.language.code, reader.visible);
      return { reader, pages, interpreter };
    });
    const locale = reader.chrome;
    const t = publicSiteMessages[locale];
    const rtl = locale === 'ar';
    return sendPage(
      reply,
      <PublicLayout
        {...settings()}
        locale={locale}
        language={reader.language}
        languages={reader.languages}
        title={t.titles.start}
        path="/"
        unreviewed={!CHROME_REVIEWED[locale] || (interpreter?.own !== undefined && interpreter.own.review_status !== 'reviewed')}
      >
        <h1>{t.start.heading}</h1>
        {interpreter ? <InterpreterNote own={interpreter.own} swedish={interpreter.swedish} language={reader.language} /> : null}
        <p className="lead">{t.start.lead}</p>
        <div className="message-box message-box--warning">
          <p className="message-box__content">
            <strong>
              <Prose text={t.start.emergency} rtl={rtl} />
            </strong>
          </p>
        </div>
        <p>
          <Prose text={t.start.kvinnofridslinjen} rtl={rtl} />
        </p>
        <ul className="page-links">
          {pages.map((page) => (
            <li key={page.slug}>
              <a
                href={localHref(`/information/${page.slug}`, reader.language.code)}
                lang={page.language === locale ? undefined : (findLanguage(reader.languages, page.language)?.tag ?? 'sv')}
              >
                {page.title}
              </a>
            </li>
          ))}
        </ul>
        <h2>{t.start.findTitle}</h2>
        <p>
          <a href={localHref('/stod', reader.language.code)}>{t.nav.search}</a>
        </p>
        <h2 id="sprak">{t.languages}</h2>
        <ul className="language-list">
          {reader.languages.map((option) => (
            <li key={option.code}>
              <a href={localHref('/', option.code)} lang={option.tag} hrefLang={option.tag} dir={option.direction}>
                {option.name}
              </a>{' '}
              <span className="language-list__swedish">({option.swedishName})</span>
            </li>
          ))}
        </ul>
        <h2>{t.start.staffTitle}</h2>
        <p>
          {t.start.staffText} <a href="/personal/">{t.start.staffLink}</a>
        </p>
      </PublicLayout>,
    );
  });

  app.get<{ Params: { slug: string } }>('/information/:slug', async (request, reply) => {
    const slug = request.params.slug;
    const { reader, page, titles, interpreter } = await publicDb(async (tx) => {
      const reader = await readerLanguage(tx, request, context.config.demoMode);
      const page = await publishedPage(tx, slug, reader.language.code, reader.visible);
      const titles = await publishedTitles(tx, reader.language.code, reader.visible);
      const interpreter = page && page.language !== reader.language.code ? await publishedSnippet(tx, 'tolk', reader.language.code, reader.visible) : undefined;
      return { reader, page, titles, interpreter };
    });
    if (!page) return sendPage(reply, renderNotFoundPage(request, settings()), 404);
    const locale = reader.chrome;
    const t = publicSiteMessages[locale];
    const number = titles.findIndex((candidate) => candidate.slug === slug) + 1;
    const textLanguage = page.language === reader.language.code ? reader.language : SWEDISH;
    const inChrome = textLanguage.tag === htmlLang(locale) && textLanguage.direction === (locale === 'ar' ? 'rtl' : 'ltr');
    const ownInterpreter = interpreter?.own;
    return sendPage(
      reply,
      <PublicLayout
        {...settings()}
        locale={locale}
        language={reader.language}
        languages={reader.languages}
        title={interpolate(t.titles.page, { number })}
        path={`/information/${slug}`}
        unreviewed={page.review_status !== 'reviewed' || (ownInterpreter !== undefined && ownInterpreter.review_status !== 'reviewed')}
      >
        {interpreter ? <InterpreterNote own={ownInterpreter} swedish={interpreter.swedish} language={reader.language} /> : null}
        <article lang={inChrome ? undefined : textLanguage.tag} dir={inChrome ? undefined : textLanguage.direction}>
          <h1>{page.title}</h1>
          {renderContent(page.body, textLanguage.direction === 'rtl')}
        </article>
        {slug === 'stod-och-skydd' ? (
          <p>
            <a href={localHref('/stod', reader.language.code)}>{t.nav.search}</a>
          </p>
        ) : null}
      </PublicLayout>,
    );
  });

  app.get('/stod', async (request, reply) => {
    const query = request.query as Query;
    const municipality = single(query.kommun) ?? '';
    const audience = single(query.malgrupp) ?? '';
    const language = single(query.sprak) ?? '';
    const search = await publicDb(async (tx) => {
      const reader = await readerLanguage(tx, request, context.config.demoMode);
      const municipalities = sortSwedish(await queryRows<{ code: string; name: string }>(tx, sql`select code, name from municipalities`), (row) => row.name);
      const interpreter = reader.chrome === reader.language.code ? undefined : await publishedSnippet(tx, 'tolk', reader.language.code, reader.visible);
      if (!municipality) return { reader, interpreter, municipalities, result: undefined, error: undefined };
      try {
        const result = await searchDirectory(
          tx,
          { municipality, audiences: audience ? [audience] : [], languages: language ? [language] : [] },
          {
            now: context.clock.now(),
            language: reader.chrome,
            audience: 'public',
            textLanguage: reader.language.code,
            textStatuses: reader.visible,
          },
        );
        return { reader, interpreter, municipalities, result, error: undefined };
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation_failed')
          return { reader, interpreter, municipalities, result: undefined, error: publicSiteMessages[reader.chrome].search.missingMunicipality };
        throw error;
      }
    });
    const { reader } = search;
    const locale = reader.chrome;
    const t = publicSiteMessages[locale];
    const labels = directoryLabels[locale];
    const path = `/stod${municipality ? `?kommun=${encodeURIComponent(municipality)}${audience ? `&malgrupp=${encodeURIComponent(audience)}` : ''}${language ? `&sprak=${encodeURIComponent(language)}` : ''}` : ''}`;
    const place = search.result?.municipality?.name ?? '';
    const groups = (['municipality', 'county', 'national'] as const).map((level) => ({
      level,
      services: search.result?.services.filter((service) => service.level === level) ?? [],
    }));
    return sendPage(
      reply,
      <PublicLayout
        {...settings()}
        locale={locale}
        language={reader.language}
        languages={reader.languages}
        title={t.titles.search}
        path={path}
        unreviewed={!CHROME_REVIEWED[locale] || (search.interpreter?.own !== undefined && search.interpreter.own.review_status !== 'reviewed')}
      >
        <h1>{t.search.heading}</h1>
        {search.interpreter ? <InterpreterNote own={search.interpreter.own} swedish={search.interpreter.swedish} language={reader.language} /> : null}
        <p className="lead">{t.search.lead}</p>
        <form method="get" action="/stod" className="search-form">
          {reader.language.code === 'sv' ? null : <input type="hidden" name="lang" value={reader.language.code} />}
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
                      <ServiceCard key={service.id} service={service} locale={locale} direction={reader.language.direction} />
                    ))}
                  </ul>
                </div>
              ))}
            <p>
              <a href={`/api/v1/directory/handout.pdf?municipality=${encodeURIComponent(municipality)}&language=${reader.language.code}`} download>
                {interpolate(t.search.handout, { language: reader.language.code === locale ? LANGUAGE_NAMES[locale].name : reader.language.name })}
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
