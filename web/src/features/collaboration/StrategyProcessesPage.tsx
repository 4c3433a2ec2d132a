import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { createStrategyProcessRequest, strategyProcessDetail, strategyProcessList } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { collaborationMessages } from './messages.ts';

const counties = z.object({ counties: z.array(z.object({ code: z.string(), name: z.string() })) });

/** The county's strategy processes, and starting one (from the template or empty). */
export default function StrategyProcessesPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const list = useResource(() => api.get('/api/v1/strategy-processes', strategyProcessList), []);
  const reference = useResource(() => api.get('/api/v1/public/reference-data', counties), []);
  const form = useForm(createStrategyProcessRequest, { title: '', countyCode: '', description: '', startsOn: '', useTemplate: true }, { idPrefix: 'process' });
  if (list.error) return <ProblemPage error={list.error} />;
  if (!list.data || !reference.data) return <Loading />;
  return (
    <Page title={t.strategy.title} hasErrors={form.summary.length > 0} lead={t.strategy.lead}>
      <p>
        <Link to="/samverkan">{interpolate(t.common.back, { title: t.bodies.title })}</Link>
      </p>
      <DataTable
        caption={t.strategy.caption}
        rows={list.data.processes}
        rowKey={(row) => row.id}
        emptyText={t.strategy.empty}
        columns={[
          { key: 'title', header: t.strategy.process, render: (row) => <Link to={`/samverkan/strategier/${row.id}`}>{row.title}</Link> },
          { key: 'county', header: t.strategy.county, render: (row) => row.county?.name ?? t.common.none },
          { key: 'status', header: t.common.status, render: (row) => t.processStatuses[row.status] },
          { key: 'steps', header: t.strategy.steps, numeric: true, render: (row) => row.steps },
          { key: 'next', header: t.strategy.nextDeadline, render: (row) => (row.nextDeadline ? formatDate(row.nextDeadline, locale) : t.common.none) },
        ]}
      />
      {list.data.mayManage ? (
        <section aria-labelledby="new-process-heading">
          <h2 id="new-process-heading">{t.strategy.newHeading}</h2>
          <ErrorSummary errors={form.summary} />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void form.submit(async (data) => {
                const created = await api.post('/api/v1/strategy-processes', data, strategyProcessDetail);
                navigate(`/samverkan/strategier/${created.id}`);
              });
            }}
          >
            <TextField
              id={form.fieldId('title')}
              label={t.strategy.processTitle}
              value={form.values.title}
              error={form.errorFor('title')}
              onValue={(value) => form.set('title', value)}
            />
            <SelectField
              id={form.fieldId('countyCode')}
              label={t.strategy.countyCode}
              placeholder={t.strategy.chooseCounty}
              options={reference.data.counties.map((county) => ({ value: county.code, label: county.name }))}
              value={String(form.values.countyCode ?? '')}
              error={form.errorFor('countyCode')}
              onValue={(value) => form.set('countyCode', value)}
            />
            <TextField
              id={form.fieldId('startsOn')}
              label={t.strategy.startsOn}
              hint={t.common.dateHint}
              inputMode="numeric"
              autoComplete="off"
              value={form.values.startsOn}
              error={form.errorFor('startsOn')}
              onValue={(value) => form.set('startsOn', value)}
            />
            <TextArea
              id={form.fieldId('description')}
              label={`${t.strategy.description} ${t.common.optional}`}
              rows={3}
              value={String(form.values.description ?? '')}
              error={form.errorFor('description')}
              onValue={(value) => form.set('description', value)}
            />
            <ChoiceGroup
              id={form.fieldId('useTemplate')}
              type="checkbox"
              name="useTemplate"
              label={t.strategy.activityPlan}
              options={[{ value: 'yes', label: t.strategy.useTemplate, hint: t.strategy.useTemplateHint }]}
              value={form.values.useTemplate ? ['yes'] : []}
              onValue={(value) => form.set('useTemplate', value.includes('yes'))}
            />
            <div className="form-actions">
              <Button type="submit" disabled={form.submitting}>
                {t.strategy.create}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
    </Page>
  );
}
