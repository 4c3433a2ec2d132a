import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  completenessSchema,
  dashboardSchema,
  indicatorList,
  PERIODS,
  targetSchema,
  type Dashboard,
  type Disaggregation,
  type FigureCell,
  type Period,
} from '#shared/contracts/follow-up.ts';
import { formatPercent } from '#shared/format/number.ts';
import { formatIndicatorValue } from '#shared/format/indicator-value.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, ApiProblem, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { CsvImport } from './CsvImport.tsx';
import { followUpPageMessages } from './messages.ts';

const DEFAULT_INDICATOR = 'screening.share_asked';

type TableRow = { key: string; label: string; target: Dashboard['target']; index: number };

/** Bars of the row totals, drawn with geometry attributes (the CSP forbids inline styles); the table carries the figures. */
function Chart({ dashboard, label }: { dashboard: Dashboard; label: string }) {
  const values = dashboard.rowTotals.map((cell) => cell.value.value);
  const max = Math.max(dashboard.indicator.unit === 'share' ? 1 : 0, ...values.map((value) => value ?? 0), 1e-9);
  const height = dashboard.rows.length * 28 + 8;
  return (
    <svg className="follow-up-chart" viewBox={`0 0 600 ${height}`} role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      {dashboard.rows.map((row, index) => {
        const value = values[index] ?? null;
        const y = 4 + index * 28;
        return (
          <g key={row.key}>
            <text x="0" y={y + 16} fontSize="12" fill="#1a1a1a">
              {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
            </text>
            <rect x="210" y={y + 4} width="300" height="16" fill="#e6e6e6" />
            {value !== null ? <rect x="210" y={y + 4} width={Math.max(1, (300 * value) / max)} height="16" fill="#1b5e8c" /> : null}
            <text x="516" y={y + 16} fontSize="12" fill="#1a1a1a">
              {dashboard.rowTotals[index]!.value.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The time series: the column totals per period as a line, with its scale on the axis; a
 * suppressed period is a gap, never a guessed value, and a period not yet over is drawn dashed
 * (its figures are incomplete, not a drop). Shown when the dashboard has more than one period.
 */
function TrendChart({ dashboard, label, partialLabel }: { dashboard: Dashboard; label: string; partialLabel: string }) {
  const { locale } = useLocale();
  const values = dashboard.columnTotals.map((cell) => cell.value.value);
  const share = dashboard.indicator.unit === 'share';
  const max = Math.max(share ? 1 : 0, ...values.map((value) => value ?? 0), 1e-9);
  const [left, right, top, bottom] = [56, 580, 12, 132];
  const step = (right - left) / Math.max(1, values.length - 1);
  const point = (index: number, value: number) => ({ x: left + index * step, y: bottom - ((bottom - top) * value) / max });
  // A line joins two neighbouring periods with values; dashed when either is not over yet.
  const links = values.flatMap((value, index) => {
    const next = values[index + 1];
    if (value === null || next === null || next === undefined) return [];
    return [
      {
        from: point(index, value),
        to: point(index + 1, next),
        partial: dashboard.columns[index]!.partial || dashboard.columns[index + 1]!.partial,
        key: dashboard.columns[index]!.key,
      },
    ];
  });
  const tick = (value: number) => (share ? formatPercent(value, locale) : formatIndicatorValue(value, dashboard.indicator.unit, locale));
  const first = dashboard.columns[0]?.label ?? '';
  const last = dashboard.columns[dashboard.columns.length - 1]?.label ?? '';
  const anyPartial = dashboard.columns.some((column) => column.partial);
  return (
    <svg className="follow-up-chart" viewBox="0 0 600 176" role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      <line x1={left} y1={bottom} x2={right} y2={bottom} stroke="#6b6b6b" />
      <line x1={left} y1={top} x2={left} y2={bottom} stroke="#6b6b6b" />
      {[0, max / 2, max].map((value) => (
        <g key={value}>
          <line x1={left - 4} y1={point(0, value).y} x2={left} y2={point(0, value).y} stroke="#6b6b6b" />
          <text x={left - 6} y={point(0, value).y + 4} fontSize="12" fill="#1a1a1a" textAnchor="end">
            {tick(value)}
          </text>
        </g>
      ))}
      {links.map((link) => (
        <line
          key={link.key}
          x1={link.from.x}
          y1={link.from.y}
          x2={link.to.x}
          y2={link.to.y}
          stroke="#1b5e8c"
          strokeWidth="2"
          strokeDasharray={link.partial ? '6 4' : undefined}
        />
      ))}
      {values.map((value, index) =>
        value === null ? null : (
          <circle
            key={dashboard.columns[index]!.key}
            cx={point(index, value).x}
            cy={point(index, value).y}
            r="3"
            fill={dashboard.columns[index]!.partial ? '#ffffff' : '#1b5e8c'}
            stroke="#1b5e8c"
          />
        ),
      )}
      <text x={left} y={bottom + 18} fontSize="12" fill="#1a1a1a">
        {first}
      </text>
      <text x={right} y={bottom + 18} fontSize="12" fill="#1a1a1a" textAnchor="end">
        {last}
      </text>
      {anyPartial ? (
        <text x={right} y={bottom + 36} fontSize="12" fill="#1a1a1a" textAnchor="end">
          {partialLabel}
        </text>
      ) : null}
    </svg>
  );
}

function Completeness() {
  const t = useMessages(followUpPageMessages).dashboard;
  const data = useResource(() => api.get('/api/v1/dashboards/completeness', completenessSchema), []);
  const { locale } = useLocale();
  if (!data.data) return null;
  const completeness = data.data;
  const percent = (value: number | null) => formatPercent(value, locale);
  const never = completeness.units.filter((unit) => !unit.recorded);
  return (
    <section aria-labelledby="completeness-heading">
      <h2 id="completeness-heading">{interpolate(t.completeness, { year: completeness.year })}</h2>
      <p>{interpolate(t.completenessLead, { day: completeness.deadlineDay })}</p>
      {never.length > 0 ? (
        <p>{interpolate(t.neverRecorded, { year: completeness.year, units: never.map((unit) => `${unit.name} (${unit.agency})`).join(', ') })}</p>
      ) : null}
      <DataTable
        caption={interpolate(t.completeness, { year: completeness.year })}
        rows={completeness.units}
        rowKey={(unit) => unit.unitId}
        columns={[
          { key: 'unit', header: t.unit, render: (unit) => `${unit.name} (${unit.agency})` },
          ...completeness.months.map((month, index) => ({
            key: month,
            header: month.slice(5),
            render: (unit: (typeof completeness.units)[number]) => t.statusText[unit.months[index]!],
          })),
          { key: 'rate', header: t.rate, numeric: true, render: (unit) => percent(unit.rate) },
        ]}
      />
      <h3>{t.reportsHeading}</h3>
      <DataTable
        caption={t.reportsHeading}
        rows={completeness.reports}
        rowKey={(report) => report.agency}
        columns={[
          { key: 'agency', header: t.agency, render: (report) => report.agency },
          { key: 'status', header: t.status, render: (report) => t.reportStatuses[report.status] },
          {
            key: 'onTime',
            header: interpolate(t.onTime, { date: completeness.reportDeadline }),
            render: (report) => (report.onTime === null ? '–' : report.onTime ? t.yes : t.no),
          },
        ]}
      />
    </section>
  );
}

/** The organisation's target (and baseline) for the shown indicator and a year, for the whole organisation or one unit of the table. */
function TargetForm({ dashboard, onSaved }: { dashboard: Dashboard; onSaved(): void }) {
  const t = useMessages(followUpPageMessages).targets;
  const share = dashboard.indicator.unit === 'share';
  const [values, setValues] = useState({ year: dashboard.to.slice(0, 4), unitId: '', target: '', baseline: '', baselineYear: '' });
  const [errors, setErrors] = useState<Array<{ fieldId: string; message: string }>>([]);
  const [saved, setSaved] = useState(false);
  const field = (name: string) => `target-${name}`;
  const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.')));
  return (
    <section aria-labelledby="target-heading">
      <h2 id="target-heading">{t.heading}</h2>
      <p>{share ? t.sharePercent : t.plain}</p>
      <ErrorSummary errors={errors} />
      {saved ? (
        <MessageBox variant="success" live>
          <p>{t.saved}</p>
        </MessageBox>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void (async () => {
            try {
              await api.put(
                '/api/v1/indicators/targets',
                {
                  indicatorCode: dashboard.indicator.code,
                  year: Number(values.year),
                  unitId: values.unitId || null,
                  target: number(values.target),
                  baseline: number(values.baseline),
                  baselineYear: number(values.baselineYear),
                  note: null,
                },
                targetSchema,
              );
              setErrors([]);
              setSaved(true);
              onSaved();
            } catch (error) {
              if (!(error instanceof ApiProblem)) throw error;
              setErrors(
                error.fieldErrors.length > 0
                  ? error.fieldErrors.map((problem) => ({ fieldId: field(problem.field), message: problem.message }))
                  : [{ fieldId: field('target'), message: error.message }],
              );
            }
          })();
        }}
      >
        <TextField
          id={field('year')}
          label={t.year}
          inputMode="numeric"
          value={values.year}
          error={errors.find((e) => e.fieldId === field('year'))?.message}
          onValue={(year) => setValues({ ...values, year })}
        />
        {dashboard.by === 'unit' ? (
          <SelectField
            id={field('unitId')}
            label={t.unit}
            value={values.unitId}
            options={[{ value: '', label: t.organisation }, ...dashboard.rows.map((row) => ({ value: row.key, label: row.label }))]}
            onValue={(unitId) => setValues({ ...values, unitId })}
          />
        ) : null}
        <TextField
          id={field('target')}
          label={t.target}
          inputMode="decimal"
          value={values.target}
          error={errors.find((e) => e.fieldId === field('target'))?.message}
          onValue={(target) => setValues({ ...values, target })}
        />
        <TextField
          id={field('baseline')}
          label={t.baseline}
          inputMode="decimal"
          value={values.baseline}
          onValue={(baseline) => setValues({ ...values, baseline })}
        />
        <TextField
          id={field('baselineYear')}
          label={t.baselineYear}
          inputMode="numeric"
          value={values.baselineYear}
          error={errors.find((e) => e.fieldId === field('baselineYear'))?.message}
          onValue={(baselineYear) => setValues({ ...values, baselineYear })}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t.save}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** An indicator's dashboard: filters in the URL, a summary, a chart with the same figures as the table, exports. */
export default function DashboardPage() {
  const messages = useMessages(followUpPageMessages);
  const t = messages.dashboard;
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const current = {
    indicator: params.get('indicator') ?? DEFAULT_INDICATOR,
    by: params.get('by') ?? '',
    period: params.get('period') ?? 'year',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const [draft, setDraft] = useState(current);
  const indicators = useResource(() => api.get('/api/v1/indicators', indicatorList), []);
  const search = query({
    indicator: current.indicator,
    by: current.by || undefined,
    period: current.period,
    from: current.from || undefined,
    to: current.to || undefined,
  });
  const dashboard = useResource(() => api.get(`/api/v1/dashboards/indicator${search}`, dashboardSchema), [search]);
  const chosen = indicators.data?.indicators.find((indicator) => indicator.code === draft.indicator);
  const byOptions = (chosen?.disaggregations ?? []).filter((dimension) => !(PERIODS as readonly string[]).includes(dimension));
  const periodOptions = (chosen?.disaggregations ?? []).filter((dimension): dimension is Period => (PERIODS as readonly string[]).includes(dimension));
  const board = dashboard.data;
  const cellText = (cell: FigureCell) => (cell.denominator ? `${cell.value.text} (${cell.numerator.text}/${cell.denominator.text})` : cell.value.text);

  return (
    <Page title={t.title} lead={t.lead}>
      <nav aria-label={t.title} className="follow-up-nav">
        <ul>
          {can('reports.read') ? (
            <li>
              <Link to="/uppfoljning/redovisningar">{messages.nav.reports}</Link>
            </li>
          ) : null}
          {can('regional.read') ? (
            <li>
              <Link to="/uppfoljning/lansjamforelse">{messages.nav.regional}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <form
        noValidate
        aria-label={t.filters}
        onSubmit={(event) => {
          event.preventDefault();
          const next: Record<string, string> = {
            indicator: draft.indicator,
            period: periodOptions.includes(draft.period as Period) ? draft.period : (periodOptions[0] ?? 'year'),
          };
          if (draft.by && byOptions.includes(draft.by as Disaggregation)) next.by = draft.by;
          if (draft.from) next.from = draft.from;
          if (draft.to) next.to = draft.to;
          setParams(next);
        }}
      >
        <SelectField
          id="follow-up-indicator"
          label={t.indicator}
          value={draft.indicator}
          options={(indicators.data?.indicators ?? [])
            .filter((indicator) => indicator.source === 'measures')
            .map((indicator) => ({ value: indicator.code, label: indicator.name }))}
          onValue={(value) => setDraft({ ...draft, indicator: value, by: '' })}
        />
        <SelectField
          id="follow-up-by"
          label={t.by}
          value={draft.by}
          options={[{ value: '', label: t.byNone }, ...byOptions.map((dimension) => ({ value: dimension, label: t.dimensions[dimension] }))]}
          onValue={(value) => setDraft({ ...draft, by: value })}
        />
        <SelectField
          id="follow-up-period"
          label={t.period}
          value={draft.period}
          options={periodOptions.map((period) => ({ value: period, label: t.periods[period] }))}
          onValue={(value) => setDraft({ ...draft, period: value })}
        />
        <TextField
          id="follow-up-from"
          label={t.from}
          hint={t.monthHint}
          value={draft.from}
          inputMode="numeric"
          onValue={(value) => setDraft({ ...draft, from: value })}
        />
        <TextField
          id="follow-up-to"
          label={t.to}
          hint={t.monthHint}
          value={draft.to}
          inputMode="numeric"
          onValue={(value) => setDraft({ ...draft, to: value })}
        />
        <div className="form-actions">
          <Button type="submit">{t.show}</Button>
        </div>
      </form>
      {dashboard.loading ? <Loading /> : null}
      {dashboard.error ? (
        <MessageBox variant="error">
          <p>{dashboard.error instanceof Error ? dashboard.error.message : t.loadFailed}</p>
        </MessageBox>
      ) : null}
      {board && !dashboard.loading ? (
        <>
          <h2>{board.indicator.name}</h2>
          <p>
            <strong>{t.definition}:</strong> {board.indicator.definition}
          </p>
          <h3>{t.summary}</h3>
          <p className="follow-up-summary">{board.summary}</p>
          {board.noDataSource ? (
            <MessageBox variant="info">
              <p>{t.noData}</p>
            </MessageBox>
          ) : (
            <>
              <h3>{t.chart}</h3>
              <Chart dashboard={board} label={interpolate(t.chartLabel, { name: board.indicator.name })} />
              {board.columns.length > 1 ? (
                <TrendChart
                  dashboard={board}
                  partialLabel={t.partialPeriod}
                  label={[
                    interpolate(t.trendLabel, {
                      name: board.indicator.name,
                      first: board.columns[0]!.label,
                      last: board.columns[board.columns.length - 1]!.label,
                    }),
                    ...(board.columns.some((column) => column.partial) ? [t.partialPeriod] : []),
                  ].join(' ')}
                />
              ) : null}
              <DataTable
                caption={interpolate(t.table, { name: board.indicator.name })}
                rows={[
                  ...board.rows.map((row, index) => ({ ...row, index })),
                  ...(board.rows.length > 1 ? [{ key: '__total', label: t.total, target: board.target, index: -1 }] : []),
                ]}
                rowKey={(row: TableRow) => row.key}
                columns={[
                  { key: 'row', header: board.by ? t.dimensions[board.by] : t.row, render: (row: TableRow) => row.label },
                  ...board.columns.map((column, c) => ({
                    key: column.key,
                    header: column.partial ? interpolate(t.partialColumn, { label: column.label }) : column.label,
                    numeric: true,
                    render: (row: TableRow) => cellText(row.index === -1 ? board.columnTotals[c]! : board.cells[row.index]![c]!),
                  })),
                  ...(board.columns.length > 1
                    ? [
                        {
                          key: 'total',
                          header: t.total,
                          numeric: true,
                          render: (row: TableRow) => cellText(row.index === -1 ? board.total : board.rowTotals[row.index]!),
                        },
                      ]
                    : []),
                  { key: 'target', header: t.target, render: (row: TableRow) => row.target?.text ?? '–' },
                ]}
              />
              <h3>{t.exports}</h3>
              <ul className="follow-up-exports">
                <li>
                  <a href={`/api/v1/dashboards/indicator.csv${search}`} download>
                    {t.csv}
                  </a>
                </li>
                <li>
                  <a href={`/api/v1/dashboards/indicator.xlsx${search}`} download>
                    {t.xlsx}
                  </a>
                </li>
                <li>
                  <a href={`/api/v1/dashboards/indicator.pdf${search}`} download>
                    {t.pdf}
                  </a>
                </li>
              </ul>
            </>
          )}
        </>
      ) : null}
      {board && !board.noDataSource && board.reach !== 'aggregated' && can('targets.manage') ? (
        <TargetForm dashboard={board} onSaved={() => void dashboard.reload()} />
      ) : null}
      <Completeness />
      {can('series.import') ? (
        <CsvImport
          id="meetings-csv"
          url="/api/v1/indicators/series/meetings-held"
          heading={messages.meetings.heading}
          label={messages.meetings.csv}
          hint={messages.meetings.hint}
          onImported={() => void dashboard.reload()}
        />
      ) : null}
    </Page>
  );
}
