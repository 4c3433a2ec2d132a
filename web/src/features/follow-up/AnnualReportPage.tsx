import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { NARRATIVE_KEYS, reportDetail, type ReportDetail } from '#shared/contracts/follow-up.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { message } from '#shared/validation.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, TextArea } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { followUpPageMessages } from './messages.ts';

type Errors = Array<{ fieldId: string; message: string }>;
type Step = 'submit' | 'approve' | 'receive';

/**
 * Submitting, approving and receiving cannot be undone by the person who does it, so each is a
 * confirmation (GOV.UK's pattern): what happens next, a box to tick, then the button.
 */
function ConfirmStep({ report, step, onDone }: { report: ReportDetail; step: Step; onDone(next: ReportDetail): void }) {
  const t = useMessages(followUpPageMessages).report;
  const texts = t.steps[step];
  const schema = z.object({ confirmed: z.boolean().refine((confirmed) => confirmed, message('confirm_required')) });
  const form = useForm(schema, { confirmed: false }, { idPrefix: `report-${step}` });
  return (
    <section aria-labelledby={`report-${step}-heading`}>
      <h2 id={`report-${step}-heading`}>{interpolate(texts.heading, { year: report.year })}</h2>
      <p>{texts.consequence}</p>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async () => onDone(await api.post(`/api/v1/reports/${report.id}/${step}`, { version: report.version }, reportDetail)));
        }}
      >
        <ChoiceGroup
          id={form.fieldId('confirmed')}
          type="checkbox"
          name={`report-${step}-confirmed`}
          label={interpolate(texts.heading, { year: report.year })}
          options={[{ value: 'yes', label: texts.confirm }]}
          value={form.values.confirmed ? ['yes'] : []}
          error={form.errorFor('confirmed')}
          onValue={(value) => form.set('confirmed', value.includes('yes'))}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {texts.button}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Report({ report, onChange }: { report: ReportDetail; onChange(next: ReportDetail): void }) {
  const t = useMessages(followUpPageMessages).report;
  const statuses = useMessages(followUpPageMessages).reports.statuses;
  const { locale } = useLocale();
  const [narrative, setNarrative] = useState<Record<string, string>>(report.narrative);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Errors>([]);
  const [saved, setSaved] = useState(false);
  const run = (work: () => Promise<ReportDetail>, fieldId: string) => {
    setSaved(false);
    void (async () => {
      try {
        const next = await work();
        setErrors([]);
        setNarrative(next.narrative);
        onChange(next);
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        setErrors(
          error.fieldErrors.length > 0
            ? error.fieldErrors.map((field) => ({
                fieldId: field.field === 'comment' ? 'return-comment' : field.field.startsWith('narrative.') ? `narrative-${field.field.slice(10)}` : fieldId,
                message: field.message,
              }))
            : [{ fieldId, message: error.message }],
        );
      }
    })();
  };
  const step = (['submit', 'approve', 'receive'] as const).find((name) => report.actions.includes(name));
  const editable = report.actions.includes('edit');
  const done = (next: ReportDetail) => {
    setErrors([]);
    setNarrative(next.narrative);
    onChange(next);
  };
  return (
    <Page title={interpolate(t.title, { year: report.year, agency: report.agency })} lead={statuses[report.status]} hasErrors={errors.length > 0}>
      <p>
        <Link to="/uppfoljning/redovisningar">{t.back}</Link>
      </p>
      <ErrorSummary errors={errors} />
      {saved ? (
        <MessageBox variant="success" live>
          <p>{t.saved}</p>
        </MessageBox>
      ) : null}
      {report.returnComment ? (
        <MessageBox variant="warning">
          <p>{interpolate(t.returned, { comment: report.returnComment })}</p>
        </MessageBox>
      ) : null}
      <h2>{interpolate(t.figures, { year: report.year })}</h2>
      <p>{report.frozen ? t.frozen : t.live}</p>
      <DataTable
        caption={interpolate(t.figures, { year: report.year })}
        rows={report.figures.indicators}
        rowKey={(figure) => figure.code}
        columns={[
          { key: 'indicator', header: t.indicator, render: (figure) => figure.name },
          { key: 'value', header: t.value, numeric: true, render: (figure) => (figure.hasDataSource && figure.total ? figure.total.value.text : t.noData) },
          { key: 'numerator', header: t.numerator, numeric: true, render: (figure) => figure.total?.numerator.text ?? '' },
          { key: 'denominator', header: t.denominator, numeric: true, render: (figure) => figure.total?.denominator?.text ?? '' },
          { key: 'target', header: t.target, render: (figure) => figure.target?.text ?? '–' },
        ]}
      />
      <h2>{t.narrative}</h2>
      {editable ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              const next = await api.put(`/api/v1/reports/${report.id}`, { version: report.version, narrative }, reportDetail);
              setSaved(true);
              return next;
            }, 'narrative-routines');
          }}
        >
          {NARRATIVE_KEYS.map((key) => (
            <TextArea
              key={key}
              id={`narrative-${key}`}
              label={t.sections[key]}
              rows={4}
              value={narrative[key] ?? ''}
              onValue={(value) => setNarrative({ ...narrative, [key]: value })}
            />
          ))}
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t.save}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="summary-list">
          {NARRATIVE_KEYS.filter((key) => report.narrative[key]).map((key) => (
            <div key={key} className="summary-list__row">
              <dt className="summary-list__key">{t.sections[key]}</dt>
              <dd className="summary-list__value">{report.narrative[key]}</dd>
            </div>
          ))}
        </dl>
      )}
      {editable && !step ? (
        <MessageBox variant="info">
          <p>{interpolate(t.notYetSubmittable, { year: report.year, next: report.year + 1 })}</p>
        </MessageBox>
      ) : null}
      {step ? <ConfirmStep key={`${step}-${report.version}`} report={report} step={step} onDone={done} /> : null}
      {report.actions.includes('return') ? (
        <section aria-labelledby="return-heading">
          <h2 id="return-heading">{t.returnHeading}</h2>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              run(() => api.post(`/api/v1/reports/${report.id}/return`, { version: report.version, comment }, reportDetail), 'return-comment');
            }}
          >
            <TextArea
              id="return-comment"
              label={t.comment}
              rows={4}
              value={comment}
              error={errors.find((error) => error.fieldId === 'return-comment')?.message}
              onValue={setComment}
            />
            <div className="form-actions">
              <Button type="submit" variant="secondary">
                {t.return}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
      <h2>{t.history}</h2>
      <ul>
        {report.events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            {formatDateTime(event.at, locale)}:{' '}
            {interpolate(t.event, {
              from: statuses[event.from as 'draft'] ?? event.from,
              to: statuses[event.to as 'draft'] ?? event.to,
              agency: event.byAgency,
            })}
            {event.comment ? ` — ${event.comment}` : ''}
          </li>
        ))}
      </ul>
    </Page>
  );
}

export default function AnnualReportPage() {
  const { id = '' } = useParams();
  const report = useResource(() => api.get(`/api/v1/reports/${id}`, reportDetail), [id]);
  if (report.loading && !report.data) return <Loading />;
  if (!report.data) return <ProblemPage error={report.error} />;
  return <Report key={report.data.id} report={report.data} onChange={(next) => report.setData(next)} />;
}
