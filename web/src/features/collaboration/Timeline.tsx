import type { Activity, Goal } from '#shared/contracts/collaboration.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { collaborationMessages } from './messages.ts';

/**
 * The activity and time plan (roadmap Bilaga 2): a table — the accessible, complete form, read
 * in order by screen readers and usable at 320 px — and a chart of the same activities on the
 * plan's months. The chart is drawn in SVG with geometry attributes only (the CSP forbids inline
 * styles), and labelled as a summary of the table.
 */
const WIDTH = 800;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 12;
const ROW_HEIGHT = 40;
const AXIS_HEIGHT = 28;

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

function months(start: string, end: string): string[] {
  const result: string[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  while (`${year}-${String(month).padStart(2, '0')}` <= end.slice(0, 7)) {
    result.push(`${year}-${String(month).padStart(2, '0')}-01`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

export function Timeline({
  activities,
  goals,
  periodStart,
  periodEnd,
  today,
}: {
  activities: Activity[];
  goals: Goal[];
  periodStart: string;
  periodEnd: string;
  today: string;
}) {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const goalTitle = new Map(goals.map((goal) => [goal.id, goal.title]));
  const first = dayNumber(periodStart);
  const span = dayNumber(periodEnd) + 1 - first;
  const x = (date: string) => Math.max(0, Math.min(WIDTH, ((dayNumber(date) - first) / span) * WIDTH));
  const monthStarts = months(periodStart, periodEnd);
  const step = monthStarts.length > 24 ? 6 : monthStarts.length > 12 ? 3 : 1;
  const monthName = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const height = AXIS_HEIGHT + activities.length * ROW_HEIGHT;
  const status = (activity: Activity) =>
    activity.late ? 'late' : activity.status === 'done' ? 'done' : activity.status === 'cancelled' ? 'cancelled' : 'planned';
  return (
    <>
      <DataTable
        caption={t.plan.timelineCaption}
        rows={activities}
        rowKey={(row) => row.id}
        emptyText={t.plan.noActivities}
        columns={[
          { key: 'title', header: t.plan.activity, render: (row) => row.title },
          { key: 'goal', header: t.plan.goal, render: (row) => goalTitle.get(row.goalId) ?? t.common.none },
          { key: 'responsible', header: t.plan.responsible, render: (row) => row.responsibleOrganisation.name },
          { key: 'starts', header: t.plan.starts, render: (row) => formatDate(row.startsOn, locale) },
          { key: 'ends', header: t.plan.ends, render: (row) => formatDate(row.endsOn, locale) },
          {
            key: 'status',
            header: t.common.status,
            render: (row) => (
              <>
                {t.activityStatuses[row.status]}
                {row.late ? (
                  <>
                    {' '}
                    <span className="status-tag status-tag--warning">{t.common.late[row.late]}</span>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {activities.length > 0 ? (
        <figure className="timeline">
          <svg className="timeline__chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t.plan.chartLabel} preserveAspectRatio="xMinYMin meet">
            {monthStarts.map((month, index) =>
              index % step === 0 ? (
                <g key={month}>
                  <line className="timeline__grid" x1={x(month)} x2={x(month)} y1={AXIS_HEIGHT - 6} y2={height} />
                  <text className="timeline__axis" x={x(month) + 3} y={AXIS_HEIGHT - 10}>
                    {monthName.format(new Date(`${month}T00:00:00Z`))}
                  </text>
                </g>
              ) : null,
            )}
            {today >= periodStart && today <= periodEnd ? (
              <line className="timeline__today" x1={x(today)} x2={x(today)} y1={AXIS_HEIGHT - 6} y2={height} />
            ) : null}
            {activities.map((activity, index) => {
              const top = AXIS_HEIGHT + index * ROW_HEIGHT;
              const left = x(activity.startsOn);
              const right = Math.max(left + 4, x(activity.endsOn) + WIDTH / span);
              return (
                <g key={activity.id}>
                  <text className="timeline__label" x={Math.min(left, WIDTH - 200)} y={top + LABEL_HEIGHT - 4}>
                    {activity.late ? `${activity.title} (${t.common.late[activity.late]})` : activity.title}
                  </text>
                  <rect
                    className={`timeline__bar timeline__bar--${status(activity)}`}
                    x={left}
                    y={top + LABEL_HEIGHT}
                    width={right - left}
                    height={BAR_HEIGHT}
                    rx={2}
                  />
                </g>
              );
            })}
          </svg>
          <figcaption className="muted">{t.plan.chartLabel}</figcaption>
        </figure>
      ) : null}
    </>
  );
}
