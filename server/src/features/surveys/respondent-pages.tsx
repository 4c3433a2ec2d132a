import type { ReactNode } from 'react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerValue, Question, RespondentView, SurveyDefinition } from '#shared/contracts/surveys.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { tokenAccess, tokenParams } from '../../platform/access/token-access.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { LinkPageLayout, sendPage } from '../../platform/html/page-kit.tsx';
import type { FeatureContext } from '../../platform/feature.ts';
import { surveyMessages } from './messages.ts';
import {
  allQuestions,
  answerText,
  fieldName,
  formFieldsOf,
  labelsFor,
  problemText,
  readFormAnswer,
  versionField,
  visibleQuestions,
  type AnswerProblem,
  type FormFields,
} from './survey-answers.ts';
import * as service from './survey-service.ts';

/**
 * The respondent's pages (ADR 0052): server-rendered HTML forms that work without JavaScript, on a
 * phone, without an account. No cookie, no storage, nothing from another origin; the token is in
 * the path, which the logger never writes (route patterns only), and `Referrer-Policy:
 * no-referrer` keeps it from other sites. One part of the survey per page with progress, a
 * check-answers page, the error summary pattern, and what was typed kept on every error.
 */

type Ui = (typeof surveyMessages)['sv'];
type Fields = Record<string, string[]>;
type PageError = { fieldId: string; message: string };

function localeOf(request: FastifyRequest): Locale {
  return (request.query as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'sv';
}
const withLang = (path: string, locale: Locale) => (locale === 'en' ? `${path}?lang=en` : path);
const fieldId = (name: string) => name.replaceAll('.', '-');

function Layout({ locale, title, children, assets, path }: { locale: Locale; title: string; children: ReactNode; assets: string[]; path: string }) {
  return (
    <LinkPageLayout locale={locale} title={title} siteName={surveyMessages[locale].respondent.siteName} path={path} stylesheets={assets}>
      {children}
    </LinkPageLayout>
  );
}

function ErrorSummary({ errors, t }: { errors: PageError[]; t: Ui['respondent'] }) {
  if (errors.length === 0) return null;
  return (
    // Focused on load (autofocus, no script needed) so screen readers announce it (GOV.UK pattern).
    <div className="message-box message-box--error error-summary" role="alert" tabIndex={-1} autoFocus aria-labelledby="error-summary-heading">
      <div className="message-box__content">
        <h2 id="error-summary-heading" className="message-box__heading">
          {t.errorTitle}
        </h2>
        <ul className="error-list__list">
          {errors.map((error) => (
            <li key={`${error.fieldId}-${error.message}`} className="error-list__link">
              <a href={`#${error.fieldId}`}>{error.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span className="label__description" id={`${id}-hint`}>
      {text}
    </span>
  ) : null;
}

function FieldError({ id, message, t }: { id: string; message: string | undefined; t: Ui['respondent'] }) {
  return message ? (
    <span className="label__message label__message--error" id={`${id}-error`}>
      <span className="visually-hidden">{t.errorPrefix}</span>
      {message}
    </span>
  ) : null;
}

function numberHint(question: Extract<Question, { kind: 'number' | 'matrix' }>, t: Ui['respondent']): string | undefined {
  const parts = [question.unit ? interpolate(t.unit, { unit: question.unit }) : ''];
  if (question.min !== undefined && question.max !== undefined) parts.push(interpolate(t.range, { min: question.min, max: question.max }));
  else if (question.min !== undefined) parts.push(interpolate(t.rangeMin, { min: question.min }));
  else if (question.max !== undefined) parts.push(interpolate(t.rangeMax, { max: question.max }));
  const text = parts.filter(Boolean).join('. ');
  return text || undefined;
}

function Choices({
  name,
  type,
  options,
  values,
  id,
}: {
  name: string;
  type: 'radio' | 'checkbox';
  options: Array<{ value: string; label: string }>;
  values: string[];
  id: string;
}) {
  const kind = type === 'radio' ? 'radio-button' : 'checkbox';
  return (
    <div className="fieldset__content">
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index}`;
        return (
          <div key={option.value} className={kind}>
            <input id={optionId} className={`${kind}__input`} type={type} name={name} value={option.value} defaultChecked={values.includes(option.value)} />
            <label className={`${kind}__label`} htmlFor={optionId}>
              {option.label}
            </label>
          </div>
        );
      })}
    </div>
  );
}

/** One question as form fields; `fields` holds what the respondent typed or what is saved. */
function QuestionFields({
  question,
  fields,
  error,
  conflictNote,
  locale,
  number,
}: {
  question: Question;
  fields: FormFields;
  error?: string;
  conflictNote?: string;
  locale: Locale;
  number: number;
}) {
  const ui = surveyMessages[locale];
  const t = ui.respondent;
  const labels = labelsFor(locale);
  const name = fieldName(question.id);
  const id = fieldId(name);
  const label = (
    <>
      {number}. {question.text} {question.required ? null : <span className="survey-optional">{t.optional}</span>}
    </>
  );
  const hint =
    [question.help, question.kind === 'number' || question.kind === 'matrix' ? numberHint(question, t) : undefined].filter(Boolean).join(' ') || undefined;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const value = (n: string) => fields[n]?.[0] ?? '';
  const values = (n: string) => [...(fields[n] ?? [])];
  const note = conflictNote ? <p className="survey-conflict">{conflictNote}</p> : null;
  const yesNo = [
    { value: 'yes', label: labels.yes },
    { value: 'partly', label: labels.partly },
    { value: 'no', label: labels.no },
  ];
  switch (question.kind) {
    case 'short_text':
    case 'date':
    case 'number':
      return (
        <div className={`text-field${error ? ' text-field--error' : ''}`}>
          <label className="label" htmlFor={id}>
            {label}
            <Hint id={id} text={hint} />
            <FieldError id={id} message={error} t={t} />
          </label>
          {note}
          <div className="text-field__input-wrapper">
            <input
              id={id}
              name={name}
              className="text-field__input"
              type="text"
              inputMode={question.kind === 'number' ? 'decimal' : undefined}
              autoComplete="off"
              defaultValue={value(name)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              maxLength={question.kind === 'short_text' ? question.maxLength : undefined}
            />
          </div>
        </div>
      );
    case 'long_text':
      return (
        <div className={`textarea-field${error ? ' textarea-field--error' : ''}`}>
          <label className="label" htmlFor={id}>
            {label}
            <Hint id={id} text={hint} />
            <FieldError id={id} message={error} t={t} />
          </label>
          {note}
          <textarea
            id={id}
            name={name}
            className="textarea-field__textarea"
            rows={5}
            maxLength={question.maxLength}
            defaultValue={value(name)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
        </div>
      );
    case 'yes_no_partly':
    case 'single_choice':
    case 'multiple_choice': {
      const options = question.kind === 'yes_no_partly' ? yesNo : [...question.options, ...(question.other ? [{ value: 'other', label: labels.other }] : [])];
      const otherName = fieldName(question.id, 'other');
      return (
        <fieldset className={`fieldset${error ? ' fieldset--error' : ''}`} aria-describedby={describedBy}>
          <legend className="fieldset__label label">
            {label}
            <Hint id={id} text={hint} />
            <FieldError id={id} message={error} t={t} />
          </legend>
          {note}
          <Choices name={name} type={question.kind === 'multiple_choice' ? 'checkbox' : 'radio'} options={options} values={values(name)} id={id} />
          {question.kind !== 'yes_no_partly' && question.other ? (
            <div className="text-field survey-other">
              <label className="label" htmlFor={fieldId(otherName)}>
                {t.otherText}
              </label>
              <div className="text-field__input-wrapper">
                <input id={fieldId(otherName)} name={otherName} className="text-field__input" type="text" maxLength={500} defaultValue={value(otherName)} />
              </div>
            </div>
          ) : null}
        </fieldset>
      );
    }
    case 'matrix': {
      const cellOptions = question.cell === 'yes_no_partly' ? yesNo : (question.options ?? []);
      return (
        <fieldset className={`fieldset${error ? ' fieldset--error' : ''}`} aria-describedby={describedBy}>
          <legend className="fieldset__label label">
            {label}
            <Hint id={id} text={hint} />
            <FieldError id={id} message={error} t={t} />
          </legend>
          {note}
          {question.areas.map((area, index) => {
            const cellName = fieldName(question.id, area);
            // The first field carries the question's id, so the error summary's link lands here.
            const cellId = index === 0 ? id : fieldId(cellName);
            return question.cell === 'number' ? (
              <div key={area} className="text-field survey-matrix-cell">
                <label className="label" htmlFor={cellId}>
                  {labels.areas[area]}
                </label>
                <div className="text-field__input-wrapper">
                  <input
                    id={cellId}
                    name={cellName}
                    className="text-field__input"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    defaultValue={value(cellName)}
                    aria-invalid={error ? true : undefined}
                  />
                </div>
              </div>
            ) : (
              <fieldset key={area} className="fieldset survey-matrix-cell">
                <legend className="fieldset__label label">{labels.areas[area]}</legend>
                <Choices name={cellName} type="radio" options={cellOptions} values={values(cellName)} id={cellId} />
              </fieldset>
            );
          })}
        </fieldset>
      );
    }
  }
}

function answeredCount(definition: SurveyDefinition, answers: ReadonlyMap<string, AnswerValue>, questions: Question[]): { answered: number; total: number } {
  const visible = visibleQuestions(definition, answers);
  const shown = questions.filter((question) => visible.has(question.id));
  return { answered: shown.filter((question) => answers.has(question.id)).length, total: shown.length };
}

function InvalidLink({ locale, assets, path }: { locale: Locale; assets: string[]; path: string }) {
  const t = surveyMessages[locale].respondent;
  return (
    <Layout locale={locale} title={t.invalidTitle} assets={assets} path={path}>
      <h1>{t.invalidTitle}</h1>
      <p>{t.invalidText}</p>
    </Layout>
  );
}

function parseForm(body: string): Fields {
  const fields: Fields = {};
  for (const [key, value] of new URLSearchParams(body)) (fields[key] ??= []).push(value);
  return fields;
}

function Progress({ answered, total, t }: { answered: number; total: number; t: Ui['respondent'] }) {
  return (
    <p className="survey-progress">
      <progress max={total} value={answered} aria-hidden="true" /> {interpolate(t.progress, { answered, total })}
    </p>
  );
}

export function registerRespondentPages(app: FastifyInstance, context: FeatureContext): void {
  // Plain HTML forms post URL-encoded bodies; the JSON API refuses them (415) as before.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(String(body))));
  const assets = () => context.webAssets().publicCss;
  const now = () => context.clock.now();

  const invalid = (request: FastifyRequest, reply: FastifyReply) => {
    const locale = localeOf(request);
    return sendPage(reply, <InvalidLink locale={locale} assets={assets()} path="/" />, 404);
  };
  const tokenOf = (request: FastifyRequest): string | undefined => {
    const parsed = tokenParams.safeParse(request.params);
    return parsed.success ? parsed.data.token : undefined;
  };
  /** Runs `work` as the link; an unknown, closed or expired link becomes the neutral page. */
  const asLink = async (request: FastifyRequest, reply: FastifyReply, work: (token: string) => Promise<FastifyReply>) => {
    const token = tokenOf(request);
    if (!token) return invalid(request, reply);
    try {
      return await work(token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return invalid(request, reply);
      throw error;
    }
  };
  const load = (token: string) => context.database.transaction(tokenAccess(token), (tx) => service.openByToken(tx, context.cipher, now()));

  function overview(request: FastifyRequest, reply: FastifyReply, view: RespondentView, token: string, options: { saved?: boolean } = {}) {
    const locale = localeOf(request);
    const ui = surveyMessages[locale];
    const t = ui.respondent;
    const base = `/enkat/${token}`;
    const answers = service.presentAnswers(new Map(Object.entries(view.answers)));
    const all = answeredCount(view.definition, answers, allQuestions(view.definition));
    const submitted = view.status === 'submitted';
    return sendPage(
      reply,
      <Layout locale={locale} title={view.definition.title} assets={assets()} path={base}>
        <h1>{view.definition.title}</h1>
        <p className="lead">{interpolate(t.forRespondent, { name: view.respondentName })}</p>
        {submitted ? (
          <div className="message-box message-box--success" role="status">
            <div className="message-box__content">
              <h2 className="message-box__heading">{t.submittedTitle}</h2>
              <p>{interpolate(t.submittedText, { date: view.submittedAt ? formatDateTime(view.submittedAt, locale) : '' })}</p>
            </div>
          </div>
        ) : (
          <>
            {options.saved ? (
              <div className="message-box message-box--success" role="status">
                <p className="message-box__content">{t.saved}</p>
              </div>
            ) : null}
            <p>{view.late ? t.lateAllowed : interpolate(t.deadline, { date: formatDate(view.deadline, locale) })}</p>
            {view.definition.intro ? <p>{view.definition.intro}</p> : null}
            <p>{t.shareNote}</p>
            <Progress answered={all.answered} total={all.total} t={t} />
            <h2>{t.sections}</h2>
            <ol className="survey-sections">
              {view.definition.sections.map((section, index) => {
                const count = answeredCount(view.definition, answers, section.questions);
                return (
                  <li key={section.id}>
                    <a href={withLang(`${base}/del/${index + 1}`, locale)}>{section.title}</a>{' '}
                    <span className="survey-section-status">({interpolate(t.sectionStatus, count)})</span>
                  </li>
                );
              })}
            </ol>
            <p>
              <a className="button button--primary" href={withLang(`${base}/granska`, locale)}>
                {t.review}
              </a>
            </p>
          </>
        )}
      </Layout>,
    );
  }

  function sectionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: RespondentView,
    token: string,
    index: number,
    state: { fields: Fields; versions: Record<string, number>; errors: PageError[]; fieldErrors: Map<string, string>; conflicts: Map<string, string> },
    status = 200,
  ) {
    const locale = localeOf(request);
    const t = surveyMessages[locale].respondent;
    const section = view.definition.sections[index]!;
    const base = `/enkat/${token}`;
    const answers = service.presentAnswers(new Map(Object.entries(view.answers)));
    const all = answeredCount(view.definition, answers, allQuestions(view.definition));
    const visible = visibleQuestions(view.definition, answers);
    const offset = view.definition.sections.slice(0, index).reduce((sum, s) => sum + s.questions.length, 0);
    const title = `${state.errors.length > 0 ? t.errorPrefix : ''}${section.title} – ${view.definition.title}`;
    const last = index === view.definition.sections.length - 1;
    return sendPage(
      reply,
      <Layout locale={locale} title={title} assets={assets()} path={`${base}/del/${index + 1}`}>
        <p>
          <a href={withLang(base, locale)}>{t.backToOverview}</a>
        </p>
        <ErrorSummary errors={state.errors} t={t} />
        <span className="survey-caption">{interpolate(t.partOf, { number: index + 1, count: view.definition.sections.length })}</span>
        <h1>{section.title}</h1>
        {section.intro ? <p>{section.intro}</p> : null}
        <Progress answered={all.answered} total={all.total} t={t} />
        <form method="post" action={withLang(`${base}/del/${index + 1}`, locale)} noValidate>
          {section.questions.map((question, q) => {
            // A conditional question shows when its condition holds in what is saved or was just typed.
            if (question.condition && !visible.has(question.id) && !state.fields[fieldName(question.id)]) return null;
            return (
              <div key={question.id} className="survey-question">
                <input type="hidden" name={versionField(question.id)} value={String(state.versions[question.id] ?? 0)} />
                <QuestionFields
                  question={question}
                  fields={state.fields}
                  locale={locale}
                  number={offset + q + 1}
                  {...(state.fieldErrors.get(question.id) ? { error: state.fieldErrors.get(question.id)! } : {})}
                  {...(state.conflicts.get(question.id) ? { conflictNote: state.conflicts.get(question.id)! } : {})}
                />
              </div>
            );
          })}
          <div className="survey-actions">
            <button type="submit" className="button button--primary" name="next" value={last ? 'review' : 'next'}>
              {t.save}
            </button>
            <button type="submit" className="button button--secondary" name="next" value="overview">
              {t.saveAndBack}
            </button>
          </div>
        </form>
      </Layout>,
      status,
    );
  }

  const savedState = (view: RespondentView) => {
    const fields: Fields = {};
    const versions: Record<string, number> = {};
    for (const question of allQuestions(view.definition)) {
      const saved = view.answers[question.id];
      if (!saved) continue;
      versions[question.id] = saved.version;
      if (saved.value !== '') Object.assign(fields, formFieldsOf(question, saved.value));
    }
    return { fields, versions, errors: [], fieldErrors: new Map<string, string>(), conflicts: new Map<string, string>() };
  };

  app.get('/enkat/:token', async (request, reply) =>
    asLink(request, reply, async (token) =>
      overview(request, reply, await load(token), token, { saved: (request.query as { sparat?: string }).sparat === '1' }),
    ),
  );

  app.get<{ Params: { token: string; part: string } }>('/enkat/:token/del/:part', async (request, reply) =>
    asLink(request, reply, async (token) => {
      const view = await load(token);
      const index = Number(request.params.part) - 1;
      if (!Number.isInteger(index) || !view.definition.sections[index] || view.status === 'submitted')
        return reply.redirect(withLang(`/enkat/${token}`, localeOf(request)), 303);
      return sectionPage(request, reply, view, token, index, savedState(view));
    }),
  );

  app.post<{ Params: { token: string; part: string }; Body: Fields }>('/enkat/:token/del/:part', async (request, reply) =>
    asLink(request, reply, async (token) => {
      const locale = localeOf(request);
      const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Fields;
      const view = await load(token);
      const index = Number(request.params.part) - 1;
      const section = view.definition.sections[index];
      if (!section || view.status === 'submitted') return reply.redirect(withLang(`/enkat/${token}`, locale), 303);
      const problems: AnswerProblem[] = [];
      const answers: Array<{ question: string; value: AnswerValue | null; version: number }> = [];
      for (const question of section.questions) {
        const version = Number(fields[versionField(question.id)]?.[0] ?? '0');
        const read = readFormAnswer(question, fields);
        if ('problem' in read) problems.push(read.problem);
        else if (read.value !== null || view.answers[question.id])
          answers.push({ question: question.id, value: read.value, version: Number.isInteger(version) && version >= 0 ? version : 0 });
      }
      const texts = new Map(allQuestions(view.definition).map((question) => [question.id, question.text]));
      const result = await context.database.transaction(tokenAccess(token), (tx) =>
        service.saveAnswers(
          tx,
          context.cipher,
          answers.filter((answer) => !problems.some((p) => p.question === answer.question)),
          now(),
        ),
      );
      problems.push(...result.problems);
      if (problems.length === 0 && result.conflicts.length === 0) {
        // Without script a follow-up question appears only when the page is drawn again: stay on
        // the part when an answer just made an unanswered one of its questions show.
        const after = service.presentAnswers(new Map(Object.entries((await load(token)).answers)));
        const shownNow = visibleQuestions(view.definition, after);
        const appeared = section.questions.find(
          (question) => question.condition && shownNow.has(question.id) && !after.has(question.id) && !(fieldName(question.id) in fields),
        );
        if (appeared) return reply.redirect(`${withLang(`/enkat/${token}/del/${index + 1}`, locale)}#${fieldId(fieldName(appeared.id))}`, 303);
        const next =
          (fields.next?.[0] ?? 'next') === 'overview'
            ? `/enkat/${token}?sparat=1`
            : index + 1 < view.definition.sections.length
              ? `/enkat/${token}/del/${index + 2}`
              : `/enkat/${token}/granska`;
        return reply.redirect(locale === 'en' ? `${next}${next.includes('?') ? '&' : '?'}lang=en` : next, 303);
      }
      // Keep what was typed; tell about each problem and each conflict; show what others saved.
      const fresh = await load(token);
      const state = savedState(fresh);
      const labels = labelsFor(locale);
      const byQuestion = new Map(section.questions.map((question) => [question.id, question]));
      const fieldErrors = new Map<string, string>();
      const errors: PageError[] = [];
      for (const problem of problems) {
        const message = problemText(problem, texts.get(problem.question) ?? problem.question, locale);
        fieldErrors.set(problem.question, message);
        errors.push({ fieldId: fieldId(fieldName(problem.question)), message });
      }
      const conflicts = new Map<string, string>();
      for (const conflict of result.conflicts) {
        const question = byQuestion.get(conflict.question);
        const message = interpolate(surveyMessages[locale].problems.conflict, { question: texts.get(conflict.question) ?? conflict.question });
        errors.push({ fieldId: fieldId(fieldName(conflict.question)), message });
        fieldErrors.set(conflict.question, message);
        conflicts.set(
          conflict.question,
          interpolate(surveyMessages[locale].respondent.savedByOther, {
            value:
              question && conflict.current !== null && conflict.current !== ''
                ? answerText(question, conflict.current, labels)
                : surveyMessages[locale].respondent.empty,
          }),
        );
      }
      // Versions: the current one for conflicting answers (saving again is a deliberate overwrite).
      const versions = { ...state.versions };
      return sectionPage(request, reply, fresh, token, index, { fields, versions, errors, fieldErrors, conflicts }, result.conflicts.length > 0 ? 409 : 400);
    }),
  );

  function reviewPage(request: FastifyRequest, reply: FastifyReply, view: RespondentView, token: string, missing: AnswerProblem[], status = 200) {
    const locale = localeOf(request);
    const t = surveyMessages[locale].respondent;
    const labels = labelsFor(locale);
    const base = `/enkat/${token}`;
    const answers = service.presentAnswers(new Map(Object.entries(view.answers)));
    const visible = visibleQuestions(view.definition, answers);
    const texts = new Map(allQuestions(view.definition).map((question) => [question.id, question.text]));
    const sectionOf = new Map(view.definition.sections.flatMap((section, index) => section.questions.map((question) => [question.id, index + 1] as const)));
    const errors = missing.map((problem) => ({
      fieldId: `answer-${problem.question}`,
      message: problemText(problem, texts.get(problem.question) ?? '', locale),
    }));
    return sendPage(
      reply,
      <Layout
        locale={locale}
        title={`${errors.length > 0 ? t.errorPrefix : ''}${t.reviewTitle} – ${view.definition.title}`}
        assets={assets()}
        path={`${base}/granska`}
      >
        <p>
          <a href={withLang(base, locale)}>{t.backToOverview}</a>
        </p>
        <ErrorSummary errors={errors} t={t} />
        <h1>{t.reviewTitle}</h1>
        <p>{t.reviewLead}</p>
        {view.definition.sections.map((section, index) => (
          <section key={section.id} aria-labelledby={`review-${section.id}`}>
            <h2 id={`review-${section.id}`}>{section.title}</h2>
            <dl className="summary-list">
              {section.questions
                .filter((question) => visible.has(question.id))
                .map((question) => (
                  <div key={question.id} className="summary-list__row">
                    <dt className="summary-list__key">{question.text}</dt>
                    <dd className="summary-list__value">{answers.has(question.id) ? answerText(question, answers.get(question.id), labels) : t.notAnswered}</dd>
                    <dd className="summary-list__actions">
                      <a
                        id={`answer-${question.id}`}
                        href={withLang(`${base}/del/${sectionOf.get(question.id) ?? index + 1}#${fieldId(fieldName(question.id))}`, locale)}
                      >
                        {t.change}
                        <span className="visually-hidden"> {question.text}</span>
                      </a>
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
        <form method="post" action={withLang(`${base}/skicka`, locale)}>
          <button type="submit" className="button button--primary">
            {t.submit}
          </button>
        </form>
      </Layout>,
      status,
    );
  }

  app.get('/enkat/:token/granska', async (request, reply) =>
    asLink(request, reply, async (token) => {
      const view = await load(token);
      if (view.status === 'submitted') return reply.redirect(withLang(`/enkat/${token}`, localeOf(request)), 303);
      return reviewPage(request, reply, view, token, []);
    }),
  );

  app.post('/enkat/:token/skicka', async (request, reply) =>
    asLink(request, reply, async (token) => {
      const outcome = await context.database.transaction(tokenAccess(token), async (tx) => {
        const view = await service.openByToken(tx, context.cipher, now());
        if (view.status === 'submitted') return { view, missing: [] };
        const result = await service.submitByToken(tx, context.cipher, now());
        return { view, missing: 'missing' in result ? result.missing : [] };
      });
      if (outcome.missing.length > 0) return reviewPage(request, reply, outcome.view, token, outcome.missing, 400);
      return reply.redirect(withLang(`/enkat/${token}`, localeOf(request)), 303);
    }),
  );

  // ---- The anonymous open link: the whole survey on one page, each submission a separate response.
  function openPage(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    found: Awaited<ReturnType<typeof service.openLinkSurvey>>,
    state: { fields: Fields; errors: PageError[]; fieldErrors: Map<string, string> },
    status = 200,
  ) {
    const locale = localeOf(request);
    const t = surveyMessages[locale].respondent;
    const path = `/enkat/oppen/${token}`;
    let number = 0;
    return sendPage(
      reply,
      <Layout locale={locale} title={`${state.errors.length > 0 ? t.errorPrefix : ''}${found.definition.title}`} assets={assets()} path={path}>
        <ErrorSummary errors={state.errors} t={t} />
        <h1>{found.definition.title}</h1>
        {found.definition.intro ? <p>{found.definition.intro}</p> : null}
        <p>{t.anonymousNote}</p>
        <form method="post" action={withLang(path, locale)} noValidate>
          {found.definition.sections.map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`}>
              <h2 id={`section-${section.id}`}>{section.title}</h2>
              {section.questions.map((question) => {
                number++;
                return (
                  <div key={question.id} className="survey-question">
                    <QuestionFields
                      question={question}
                      fields={state.fields}
                      locale={locale}
                      number={number}
                      {...(state.fieldErrors.get(question.id) ? { error: state.fieldErrors.get(question.id)! } : {})}
                    />
                  </div>
                );
              })}
            </section>
          ))}
          <button type="submit" className="button button--primary">
            {t.sendAnonymous}
          </button>
        </form>
      </Layout>,
      status,
    );
  }

  const openLinkLoad = (token: string) => context.database.transaction(tokenAccess(token), (tx) => service.openLinkSurvey(tx, now()));

  app.get('/enkat/oppen/:token', async (request, reply) =>
    asLink(request, reply, async (token) => openPage(request, reply, token, await openLinkLoad(token), { fields: {}, errors: [], fieldErrors: new Map() })),
  );

  app.post<{ Body: Fields }>('/enkat/oppen/:token', async (request, reply) =>
    asLink(request, reply, async (token) => {
      const locale = localeOf(request);
      const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Fields;
      const found = await openLinkLoad(token);
      const answers = new Map<string, AnswerValue>();
      const problems: AnswerProblem[] = [];
      for (const question of allQuestions(found.definition)) {
        const read = readFormAnswer(question, fields);
        if ('problem' in read) problems.push(read.problem);
        else if (read.value !== null) answers.set(question.id, read.value);
      }
      if (problems.length === 0) {
        const outcome = await context.database.transaction(tokenAccess(token), (tx) => service.submitOpenLink(tx, context.cipher, answers, now()));
        if ('responseId' in outcome) {
          const t = surveyMessages[locale].respondent;
          return sendPage(
            reply,
            <Layout locale={locale} title={t.openSubmitted} assets={assets()} path={`/enkat/oppen/${token}`}>
              <h1>{t.openSubmitted}</h1>
            </Layout>,
          );
        }
        problems.push(...outcome.problems);
      }
      const texts = new Map(allQuestions(found.definition).map((question) => [question.id, question.text]));
      const fieldErrors = new Map<string, string>();
      const errors = problems.map((problem) => {
        const message = problemText(problem, texts.get(problem.question) ?? '', locale);
        fieldErrors.set(problem.question, message);
        return { fieldId: fieldId(fieldName(problem.question)), message };
      });
      return openPage(request, reply, token, found, { fields, errors, fieldErrors }, 400);
    }),
  );
}
