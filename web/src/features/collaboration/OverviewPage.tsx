import { Link } from 'react-router';
import { overviewResponse } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { meetingWhen, reference } from './helpers.ts';
import { DecisionDue } from './DecisionDue.tsx';
import { collaborationMessages } from './messages.ts';

/** The national coordinator's overview: all bodies, upcoming meetings, open decisions, activities late against plan. */
export default function OverviewPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const overview = useResource(() => api.get('/api/v1/bodies/overview', overviewResponse), []);
  if (overview.error) return <ProblemPage error={overview.error} />;
  if (!overview.data) return <Loading />;
  const data = overview.data;
  const overdue = data.openDecisions.filter((decision) => decision.overdue).length;
  return (
    <Page title={t.overview.title} lead={interpolate(t.overview.lead, { today: formatDate(data.today, locale) })}>
      <p>
        <Link to="/samverkan">{interpolate(t.common.back, { title: t.bodies.title })}</Link>
      </p>
      <DataTable
        caption={t.overview.bodiesCaption}
        rows={data.bodies}
        rowKey={(row) => row.id}
        emptyText={t.bodies.empty}
        columns={[
          { key: 'name', header: t.bodies.name, render: (row) => <Link to={`/samverkan/grupper/${row.id}`}>{row.name}</Link> },
          { key: 'kind', header: t.bodies.kind, render: (row) => (row.active ? t.kinds[row.kind] : `${t.kinds[row.kind]} (${t.common.inactive})`) },
          { key: 'leading', header: t.bodies.leading, render: (row) => row.leadingOrganisation.name },
          { key: 'next', header: t.bodies.nextMeeting, render: (row) => (row.nextMeeting ? formatDateTime(row.nextMeeting.startsAt, locale) : t.common.none) },
          { key: 'decisions', header: t.bodies.openDecisions, numeric: true, render: (row) => row.openDecisions },
          { key: 'late', header: t.bodies.lateActivities, numeric: true, render: (row) => row.lateActivities },
        ]}
      />
      <h2>{t.overview.upcoming}</h2>
      <DataTable
        caption={t.overview.upcomingCaption}
        rows={data.upcomingMeetings}
        rowKey={(row) => row.id}
        emptyText={t.overview.noUpcoming}
        columns={[
          { key: 'when', header: t.body.when, render: (row) => <Link to={`/samverkan/moten/${row.id}`}>{meetingWhen(row, locale)}</Link> },
          { key: 'body', header: t.overview.body, render: (row) => row.bodyName },
          { key: 'title', header: t.body.meeting, render: (row) => row.title },
          { key: 'where', header: t.body.where, render: (row) => row.location ?? t.meeting.online },
        ]}
      />
      <h2>{t.overview.decisions}</h2>
      {overdue > 0 ? <p>{overdue === 1 ? t.overview.overdueOne : interpolate(t.overview.overdueCount, { count: overdue })}</p> : null}
      <DataTable
        caption={t.overview.decisionsCaption}
        rows={data.openDecisions}
        rowKey={(row) => row.id}
        emptyText={t.overview.noDecisions}
        columns={[
          { key: 'reference', header: t.overview.reference, render: (row) => <Link to={`/samverkan/moten/${row.meetingId}`}>{reference(row)}</Link> },
          { key: 'body', header: t.overview.body, render: (row) => row.bodyName },
          { key: 'text', header: t.meeting.decisionText, render: (row) => row.text },
          {
            key: 'responsible',
            header: t.plan.responsible,
            render: (row) => [row.responsibleOrganisation?.name, row.responsiblePerson].filter(Boolean).join(', ') || t.common.none,
          },
          { key: 'due', header: t.overview.dueOn, render: (row) => <DecisionDue decision={row} /> },
          { key: 'status', header: t.common.status, render: (row) => t.decisionStatuses[row.status] },
        ]}
      />
      <h2>{t.overview.late}</h2>
      <DataTable
        caption={t.overview.lateCaption}
        rows={data.lateActivities}
        rowKey={(row) => row.id}
        emptyText={t.overview.noLate}
        columns={[
          { key: 'title', header: t.plan.activity, render: (row) => <Link to={`/samverkan/arbetsplaner/${row.planId}`}>{row.title}</Link> },
          { key: 'body', header: t.overview.body, render: (row) => row.bodyName },
          { key: 'responsible', header: t.plan.responsible, render: (row) => row.responsibleOrganisation.name },
          { key: 'ends', header: t.plan.ends, render: (row) => formatDate(row.endsOn, locale) },
          { key: 'late', header: t.common.status, render: (row) => `${t.activityStatuses[row.status]}${row.late ? ` – ${t.common.late[row.late]}` : ''}` },
        ]}
      />
    </Page>
  );
}
