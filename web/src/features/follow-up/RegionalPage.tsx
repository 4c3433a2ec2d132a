import { comparisonSchema } from '#shared/contracts/follow-up.ts';
import { formatIndicatorValue } from '#shared/format/indicator-value.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { CsvImport } from './CsvImport.tsx';
import { followUpPageMessages } from './messages.ts';

/** The county against the other counties: classes per goal and indicator, over time, and the import of county values. */
export default function RegionalPage() {
  const t = useMessages(followUpPageMessages).regional;
  const { locale } = useLocale();
  const { can } = useSession();
  const comparison = useResource(() => api.get('/api/v1/regional-comparisons', comparisonSchema), []);
  const className = (cls: 'best' | 'middle' | 'worst' | null) => (cls ? t.classes[cls] : t.noClass);
  const data = comparison.data;
  return (
    <Page title={data ? `${t.title}: ${data.county.name}` : t.title} lead={t.lead}>
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
              {
                key: 'value',
                header: t.value,
                numeric: true,
                render: (indicator) => (indicator.value === null ? '–' : formatIndicatorValue(indicator.value, indicator.unit, locale, { shareDecimals: 1 })),
              },
              {
                key: 'rank',
                header: t.rank,
                numeric: true,
                render: (indicator) => (indicator.rank === null ? '–' : `${indicator.rank} / ${indicator.counties}`),
              },
              { key: 'class', header: t.cls, render: (indicator) => className(indicator.class) },
            ]}
          />
          <h2>{t.overTime}</h2>
          <DataTable
            caption={t.overTime}
            rows={data.overTime}
            rowKey={(entry) => String(entry.year)}
            columns={[
              { key: 'year', header: t.year, render: (entry) => String(entry.year) },
              ...data.goals.map((goal) => ({
                key: goal.goal,
                header: t.goalNames[goal.goal],
                render: (entry: (typeof data.overTime)[number]) => className(entry.goals.find((other) => other.goal === goal.goal)?.class ?? null),
              })),
            ]}
          />
        </>
      ) : data ? (
        <p>{t.none}</p>
      ) : null}
      {can('regional.import') ? (
        <CsvImport
          id="regional-csv"
          url="/api/v1/regional-comparisons/import"
          heading={t.importHeading}
          label={t.csv}
          hint={t.importHint}
          onImported={() => void comparison.reload()}
        />
      ) : null}
    </Page>
  );
}
