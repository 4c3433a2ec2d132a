import { useState } from 'react';
import { sharesReport, type SharesReport } from '#shared/contracts/competence.ts';
import { formatPercent } from '#shared/format/number.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, stockholmDate } from '#shared/time/stockholm.ts';
import { api, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/**
 * Horizontal bars drawn in SVG (attributes, no inline style: the CSP forbids it). The chart is
 * hidden from screen readers; the table beside it carries every number (WCAG 1.1.1).
 */
function ShareChart({ rows, label }: { rows: Array<{ key: string; label: string; share: number | null }>; label: string }) {
  const { locale } = useLocale();
  const percent = (share: number | null) => formatPercent(share, locale);
  const height = rows.length * 28 + 8;
  return (
    <figure className="competence-chart">
      <figcaption>{label}</figcaption>
      <svg viewBox={`0 0 600 ${height}`} width="100%" role="presentation" aria-hidden="true" focusable="false">
        {rows.map((row, index) => (
          <g key={row.key} transform={`translate(0 ${index * 28 + 4})`}>
            <text x="0" y="16" fontSize="12" fill="#1b1e23">
              {row.label.length > 38 ? `${row.label.slice(0, 37)}…` : row.label}
            </text>
            <rect x="250" y="2" width="300" height="18" fill="#e6e6e6" />
            <rect x="250" y="2" width={Math.round((row.share ?? 0) * 300)} height="18" fill="#004a8f" />
            <text x="555" y="16" fontSize="12" fill="#1b1e23">
              {percent(row.share)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Share of staff trained per requirement, unit and role on a chosen day, with the monthly trend and exports. */
export default function ReportPage() {
  const messages = useMessages(competenceMessages);
  const roleNames = useMessages(appMessages).roles;
  const t = messages.report;
  const { locale } = useLocale();
  const percent = (share: number | null) => formatPercent(share, locale);
  const [on, setOn] = useState(stockholmDate(new Date()));
  const [asked, setAsked] = useState(on);
  const report = useResource(() => api.get(`/api/v1/completions/shares${query({ on: asked, months: 6 })}`, sharesReport), [asked]);
  const data: SharesReport | undefined = report.data;
  return (
    <Page title={t.title} lead={t.lead}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (/^\d{4}-\d{2}-\d{2}$/.test(on)) setAsked(on);
        }}
      >
        <TextField id="report-on" label={t.on} hint={t.onHint} value={on} onValue={setOn} />
        <Button type="submit" variant="secondary">
          {t.update}
        </Button>
      </form>
      {report.loading && !data ? <Loading /> : null}
      {report.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {data ? (
        <>
          <p>
            <a href={`/api/v1/completions/shares.csv${query({ on: data.on })}`} download>
              {t.csv}
            </a>{' '}
            ·{' '}
            <a href={`/api/v1/completions/shares.xlsx${query({ on: data.on })}`} download>
              {t.xlsx}
            </a>
          </p>
          <DataTable
            caption={`${t.caption} (${formatDate(data.on, locale)})`}
            rows={data.rows}
            rowKey={(row) => `${row.requirementId}-${row.unitId}-${row.role}`}
            emptyText={t.none}
            columns={[
              { key: 'course', header: messages.common.course, render: (row) => row.courseTitle },
              { key: 'unit', header: messages.common.unit, render: (row) => row.unitName },
              { key: 'role', header: messages.common.role, render: (row) => roleNames[row.role] },
              { key: 'trained', header: t.trained, render: (row) => interpolate(t.shareText, { trained: row.trained, staff: row.staff }) },
              { key: 'share', header: t.share, numeric: true, render: (row) => percent(row.share) },
              { key: 'awaiting', header: t.awaiting, numeric: true, render: (row) => row.awaitingConfirmation },
              { key: 'deadline', header: t.deadline, render: (row) => `${formatDate(row.deadline, locale)}${row.overdue ? ` (${t.overdue})` : ''}` },
            ]}
          />
          {data.rows.length > 0 ? (
            <ShareChart
              label={`${t.chartTitle}. ${t.chartNote}`}
              rows={data.rows.map((row) => ({
                key: `${row.requirementId}-${row.unitId}-${row.role}`,
                label: `${row.unitName}, ${roleNames[row.role]}: ${row.courseTitle}`,
                share: row.share,
              }))}
            />
          ) : null}
          {data.trend.map((series) => (
            <DataTable
              key={series.requirementId}
              caption={interpolate(t.trendCaption, { course: series.courseTitle, unit: series.unitName ?? '' })}
              rows={series.points}
              rowKey={(point) => point.month}
              columns={[
                { key: 'month', header: t.month, render: (point) => point.month },
                { key: 'staff', header: t.staff, numeric: true, render: (point) => point.staff },
                { key: 'trained', header: t.trained, numeric: true, render: (point) => point.trained },
                { key: 'share', header: t.share, numeric: true, render: (point) => percent(point.share) },
              ]}
            />
          ))}
        </>
      ) : null}
    </Page>
  );
}
