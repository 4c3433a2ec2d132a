import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { reportDetail, updateReportRequest, type ReportDetail } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { message } from '#shared/validation.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, TextArea } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { collaborationMessages } from './messages.ts';

function Editor({ report, onSaved }: { report: ReportDetail; onSaved(next: ReportDetail): void }) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState(false);
  const form = useForm(updateReportRequest, { version: report.version, sections: report.sections }, { idPrefix: 'report' });
  return (
    <>
      {saved ? (
        <MessageBox variant="success" live>
          <p>{t.common.saved}</p>
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void form.submit(async (data) => {
            onSaved(await api.put(`/api/v1/work-plans/${report.planId}/reports/${report.id}`, { ...data, version: report.version }, reportDetail));
            setSaved(true);
          });
        }}
      >
        {form.values.sections.map((section, index) => (
          <TextArea
            key={section.key}
            id={form.fieldId(`sections.${index}.text`)}
            label={<span className="report-section-label">{t.report.sections[section.key]}</span>}
            rows={Math.min(16, Math.max(4, section.text.split('\n').length + 1))}
            value={section.text}
            error={form.errorFor(`sections.${index}.text`)}
            onValue={(value) =>
              form.set(
                'sections',
                form.values.sections.map((s, i) => (i === index ? { ...s, text: value } : s)),
              )
            }
          />
        ))}
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.report.save}
          </Button>
        </div>
      </form>
    </>
  );
}

function Freeze({ report, onSaved }: { report: ReportDetail; onSaved(next: ReportDetail): void }) {
  const t = useMessages(collaborationMessages).report;
  const schema = z.object({ confirmed: z.boolean().refine((confirmed) => confirmed, message('confirm_required')) });
  const form = useForm(schema, { confirmed: false }, { idPrefix: 'freeze' });
  return (
    <section aria-labelledby="freeze-heading">
      <h2 id="freeze-heading">{t.freezeHeading}</h2>
      <p>{t.freezeText}</p>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async () =>
            onSaved(await api.post(`/api/v1/work-plans/${report.planId}/reports/${report.id}/freeze`, { version: report.version }, reportDetail)),
          );
        }}
      >
        <ChoiceGroup
          id={form.fieldId('confirmed')}
          type="checkbox"
          name="confirmed"
          label={t.freezeHeading}
          options={[{ value: 'yes', label: t.freezeConfirm }]}
          value={form.values.confirmed ? ['yes'] : []}
          error={form.errorFor('confirmed')}
          onValue={(value) => form.set('confirmed', value.includes('yes'))}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.freeze}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** The yearly written report of a group: generated from its plan, edited, then frozen for good. */
export default function ReportPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const { id = '', reportId = '' } = useParams();
  const detail = useResource(() => api.get(`/api/v1/work-plans/${id}/reports/${reportId}`, reportDetail), [id, reportId]);
  if (detail.error) return <ProblemPage error={detail.error} />;
  if (!detail.data) return <Loading />;
  const report = detail.data;
  const draft = report.status === 'draft';
  const onSaved = (next: ReportDetail) => detail.setData(next);
  return (
    <Page
      title={interpolate(t.report.title, { year: report.year, body: report.bodyName })}
      lead={interpolate(t.report.lead, { plan: report.planTitle, date: formatDate(report.generatedAt.slice(0, 10), locale) })}
    >
      <p>
        <Link to={`/samverkan/arbetsplaner/${report.planId}`}>{interpolate(t.common.back, { title: report.planTitle })}</Link>
      </p>
      {report.frozenAt ? (
        <MessageBox variant="info" live>
          <p>{interpolate(t.report.frozen, { date: formatDateTime(report.frozenAt, locale) })}</p>
        </MessageBox>
      ) : null}
      {draft && report.permissions.record ? (
        <Editor report={report} onSaved={onSaved} />
      ) : (
        report.sections.map((section) => (
          <section key={section.key} aria-labelledby={`section-${section.key}`}>
            <h2 id={`section-${section.key}`}>{t.report.sections[section.key]}</h2>
            <p className="preserve-lines">{section.text}</p>
          </section>
        ))
      )}
      {draft && report.permissions.freeze ? <Freeze report={report} onSaved={onSaved} /> : null}
      {draft && report.permissions.record && !report.permissions.freeze ? <p className="muted">{t.report.mayNotFreeze}</p> : null}
    </Page>
  );
}
