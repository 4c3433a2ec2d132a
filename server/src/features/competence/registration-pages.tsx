import type { ReactNode } from 'react';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ORGANISATION_KINDS, registrationInput } from '#shared/contracts/competence.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { issueMessage } from '#shared/validation.ts';
import { tokenAccess, tokenParams } from '../../platform/access/token-access.ts';
import { queryRows } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { LinkPageLayout, sendPage } from '../../platform/html/page-kit.tsx';
import type { FeatureContext } from '../../platform/feature.ts';
import * as events from './event-service.ts';
import { competenceMessages } from './messages.ts';

/**
 * The registration page behind an event's link (`/evenemang/<token>`): server-rendered, works
 * without JavaScript, sets no cookie, loads nothing from another origin (as the survey pages,
 * ADR 0052). It calls the same service as `/api/v1/public/event-registrations/:token`.
 */
type Fields = Record<string, string[]>;
type PageError = { fieldId: string; message: string };
type Ui = (typeof competenceMessages)['sv']['page'];

const FIELDS = ['name', 'email', 'organisationName', 'organisationKind', 'municipalityCode'] as const;

function localeOf(request: FastifyRequest): Locale {
  return (request.query as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'sv';
}

function Layout({ locale, title, path, assets, children }: { locale: Locale; title: string; path: string; assets: string[]; children: ReactNode }) {
  return (
    <LinkPageLayout locale={locale} title={title} siteName="Upptäck" path={path} stylesheets={assets}>
      {children}
    </LinkPageLayout>
  );
}

function TextInput({
  name,
  label,
  hint,
  error,
  value,
  autoComplete,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  autoComplete: string;
}) {
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`text-field${error ? ' text-field--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
        {hint ? (
          <span className="label__description" id={`${name}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="label__message label__message--error" id={`${name}-error`}>
            {error}
          </span>
        ) : null}
      </label>
      <div className="text-field__input-wrapper">
        <input
          id={name}
          name={name}
          className="text-field__input"
          type="text"
          autoComplete={autoComplete}
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
    </div>
  );
}

function Select({
  name,
  label,
  hint,
  error,
  value,
  options,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  options: Array<{ value: string; label: string }>;
}) {
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`select-field${error ? ' select-field--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
        {hint ? (
          <span className="label__description" id={`${name}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="label__message label__message--error" id={`${name}-error`}>
            {error}
          </span>
        ) : null}
      </label>
      <div className="select-field__icon-wrapper">
        <select
          id={name}
          name={name}
          className="select-field__select"
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function parseForm(body: string): Fields {
  const fields: Fields = {};
  for (const [key, value] of new URLSearchParams(body)) (fields[key] ??= []).push(value);
  return fields;
}

export function registerRegistrationPages(app: FastifyInstance, context: FeatureContext): void {
  // The survey pages register the same parser for plain HTML forms; whichever feature comes first does.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(String(body))));
  }
  const assets = () => context.webAssets().publicCss;
  const now = () => context.clock.now();
  const asLink = <T,>(token: string, work: Parameters<typeof context.database.transaction<T>>[1]) => context.database.transaction(tokenAccess(token), work);

  const invalid = (request: FastifyRequest, reply: FastifyReply) => {
    const locale = localeOf(request);
    const t = competenceMessages[locale].page;
    return sendPage(
      reply,
      <Layout locale={locale} title={t.invalidTitle} path="/" assets={assets()}>
        <h1>{t.invalidTitle}</h1>
        <p>{t.invalidText}</p>
      </Layout>,
      404,
    );
  };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    state: { fields: Fields; errors: PageError[]; done?: boolean },
    status = 200,
  ) {
    const locale = localeOf(request);
    const t: Ui = competenceMessages[locale].page;
    const { event, municipalities } = await asLink(token, async (tx) => ({
      event: await events.publicEvent(tx, now()),
      municipalities: await queryRows<{ code: string; name: string }>(tx, sql`select code, name from municipalities order by name`),
    }));
    const path = `/evenemang/${token}`;
    const value = (name: string) => state.fields[name]?.[0] ?? '';
    const errorFor = (name: string) => state.errors.find((error) => error.fieldId === name)?.message;
    const title = state.done ? t.done : `${state.errors.length > 0 ? t.errorTitlePrefix : ''}${interpolate(t.title, { title: event.title })}`;
    const facts = (
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t.when}</dt>
          <dd className="summary-list__value">
            {formatDateTime(event.startsAt, locale)} – {formatDateTime(event.endsAt, locale)}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t.where}</dt>
          <dd className="summary-list__value">{[event.place, event.digital ? t.digital : null].filter(Boolean).join(', ')}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t.organisers}</dt>
          <dd className="summary-list__value">{event.organisers}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t.audience}</dt>
          <dd className="summary-list__value">{event.audience}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t.closes}</dt>
          <dd className="summary-list__value">{formatDate(event.registrationClosesOn, locale)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t.placesLeft}</dt>
          <dd className="summary-list__value">{event.placesLeft === null ? t.noLimit : event.placesLeft}</dd>
        </div>
      </dl>
    );
    if (state.done) {
      return sendPage(
        reply,
        <Layout locale={locale} title={title} path={path} assets={assets()}>
          <h1>{t.done}</h1>
          <p>{interpolate(t.doneText, { title: event.title })}</p>
        </Layout>,
        201,
      );
    }
    return sendPage(
      reply,
      <Layout locale={locale} title={title} path={path} assets={assets()}>
        {state.errors.length > 0 ? (
          <div className="message-box message-box--error error-summary" role="alert" tabIndex={-1} autoFocus aria-labelledby="error-summary-heading">
            <div className="message-box__content">
              <h2 id="error-summary-heading" className="message-box__heading">
                {t.errorSummary}
              </h2>
              <ul className="error-list__list">
                {state.errors.map((error) => (
                  <li key={`${error.fieldId}-${error.message}`} className="error-list__link">
                    <a href={`#${error.fieldId}`}>{error.message}</a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        <h1>{interpolate(t.title, { title: event.title })}</h1>
        {facts}
        {event.open ? (
          <>
            <p>{t.lead}</p>
            <form method="post" action={locale === 'en' ? `${path}?lang=en` : path} noValidate>
              <TextInput name="name" label={t.name} value={value('name')} autoComplete="name" {...(errorFor('name') ? { error: errorFor('name')! } : {})} />
              <TextInput
                name="email"
                label={t.email}
                value={value('email')}
                autoComplete="email"
                {...(errorFor('email') ? { error: errorFor('email')! } : {})}
              />
              <TextInput
                name="organisationName"
                label={t.organisation}
                hint={t.organisationHint}
                value={value('organisationName')}
                autoComplete="organization"
                {...(errorFor('organisationName') ? { error: errorFor('organisationName')! } : {})}
              />
              <Select
                name="organisationKind"
                label={t.kind}
                value={value('organisationKind') || 'municipality'}
                options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t.kinds[kind] }))}
                {...(errorFor('organisationKind') ? { error: errorFor('organisationKind')! } : {})}
              />
              <Select
                name="municipalityCode"
                label={t.municipality}
                hint={t.municipalityHint}
                value={value('municipalityCode')}
                options={[
                  { value: '', label: t.noMunicipality },
                  ...municipalities.map((municipality) => ({ value: municipality.code, label: municipality.name })),
                ]}
                {...(errorFor('municipalityCode') ? { error: errorFor('municipalityCode')! } : {})}
              />
              <button type="submit" className="button button--primary">
                {t.submit}
              </button>
            </form>
          </>
        ) : (
          <>
            <h2>{t.closedTitle}</h2>
            <p>{interpolate(t.closedText, { title: event.title })}</p>
          </>
        )}
      </Layout>,
      status,
    );
  }

  const withToken = async (request: FastifyRequest, reply: FastifyReply, work: (token: string) => Promise<FastifyReply>) => {
    const parsed = tokenParams.safeParse(request.params);
    if (!parsed.success) return invalid(request, reply);
    try {
      return await work(parsed.data.token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return invalid(request, reply);
      throw error;
    }
  };

  app.get('/evenemang/:token', (request, reply) => withToken(request, reply, (token) => page(request, reply, token, { fields: {}, errors: [] })));

  app.post('/evenemang/:token', (request, reply) =>
    withToken(request, reply, async (token) => {
      const locale = localeOf(request);
      const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Fields;
      const input = Object.fromEntries(FIELDS.map((name) => [name, fields[name]?.[0] ?? '']));
      const parsed = registrationInput.safeParse(input);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({ fieldId: String(issue.path[0] ?? 'name'), message: issueMessage(issue, locale) }));
        return page(request, reply, token, { fields, errors }, 400);
      }
      try {
        await asLink(token, (tx) => events.register(tx, parsed.data, now()));
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'not_found') throw error;
        const errors = (error.options.errors ?? []).map((entry) => ({
          fieldId: FIELDS.includes(entry.field as (typeof FIELDS)[number]) ? entry.field : 'name',
          message: entry.message[locale],
        }));
        return page(request, reply, token, { fields, errors }, error.status);
      }
      return page(request, reply, token, { fields: {}, errors: [], done: true });
    }),
  );
}
