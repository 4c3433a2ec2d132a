import { useState } from 'react';
import { comparisonSchema, importResult, type ImportResult } from '#shared/contracts/follow-up.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { followUpPageMessages } from './messages.ts';

/** The county against the other counties: classes per goal and indicator, over time, and the import of county values. */
export default function RegionalPage() {
  const t = useMessages(followUpPageMessages).regional;
  const { can } = useSession();
  const comparison = useResource(() => api.get('/api/v1/regional-comparisons', comparisonSchema), []);
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const send = (dryRun: boolean) =>
    void (async () => {
      const checked = await api.post(`/api/v1/regional-comparisons/import${dryRun ? '?dryRun=true' : ''}`, { csv }, importResult);
      setResult(checked);
      if (!dryRun && checked.errors.length === 0) await comparison.reload();
    })();
  const className = (cls: 'best' | 'middle' | 'worst' | null) => (cls ? t.classes[cls] : t.noClass);
  const data = comparison.data;
  const errors = (result?.errors ?? []).map((error) => ({ fieldId: 'regional-csv', message: interpolate(t.lineError, { line: error.line, message: error.message }) }));
  return (
    <Page title={data ? `${t.title}: ${data.county.name}` : t.title} lead={t.lead} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      {comparison.loading && !data ? <Loading /> : null}
      {data && data.year !== null ? (
        <>
          <h2>{interpolate(t.goals, { year: data.year })}</h2>
          <DataTable
            caption={interpolate(t.goals, { year: data.year })}
            rows={data.goals}
            rowKey={(goal) => goal.goal}
            columns={[
              { key: 'goal', header: t.goal, render: (goal) => t.goalNames[goal.goal] },
              { key: 'class', header: t.cls, render: (goal) => (goal.indicators > 0 ? className(goal.class) : '–') },
            ]}
          />
          <h2>{interpolate(t.indicators, { year: data.year })}</h2>
          <DataTable
            caption={interpolate(t.indicators, { year: data.year })}
            rows={data.indicators}
            rowKey={(indicator) => indicator.code}
            columns={[
              { key: 'indicator', header: t.indicator, render: (indicator) => indicator.name },
              { key: 'goal', header: t.goal, render: (indicator) => t.goalNames[indicator.goal] },
              { key: 'value', header: t.value, numeric: true, render: (indicator) => (indicator.value === null ? '–' : indicator.unit === 'share' ? `${Math.round(indicator.value * 1000) / 10} %` : String(indicator.value)) },
              { key: 'rank', header: t.rank, numeric: true, render: (indicator) => (indicator.rank === null ? '–' : `${indicator.rank} / ${indicator.counties}`) },
              { key: 'class', header: t.cls, render: (indicator) => className(indicator.class) },
            ]}
          />
          <h2>{t.overTime}</h2>
          <DataTable
            caption={t.overTime}
            rows={data.overTime}
            rowKey={(entry) => String(entry.year)}
            columns={[
              { key: 'year', header: t.year, render: (entry) => entry.year },
              ...data.goals.map((goal) => ({ key: goal.goal, header: t.goalNames[goal.goal], render: (entry: (typeof data.overTime)[number]) => className(entry.goals.find((other) => other.goal === goal.goal)?.class ?? null) })),
            ]}
          />
        </>
      ) : data ? (
        <p>{t.none}</p>
      ) : null}
      {can('regional.import') ? (
        <section aria-labelledby="import-heading">
          <h2 id="import-heading">{t.importHeading}</h2>
          {result && result.errors.length === 0 ? (
            <MessageBox variant="success" live>
              <p>{interpolate(result.dryRun ? t.previewOk : t.imported, { rows: result.rows })}</p>
            </MessageBox>
          ) : null}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              send(false);
            }}
          >
            <TextArea id="regional-csv" label={t.csv} hint={t.importHint} rows={8} value={csv} error={errors[0]?.message} onValue={setCsv} />
            <div className="form-actions">
              <Button variant="secondary" onClick={() => send(true)}>
                {t.preview}
              </Button>
              <Button type="submit">{t.import}</Button>
            </div>
          </form>
        </section>
      ) : null}
    </Page>
  );
}
