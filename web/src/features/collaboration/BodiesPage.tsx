import { Link } from 'react-router';
import { bodyList } from '#shared/contracts/collaboration.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { collaborationMessages } from './messages.ts';

/** The bodies the organisation keeps or takes part in, with the ways on to the overview and the strategy process. */
export default function BodiesPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const bodies = useResource(() => api.get('/api/v1/bodies', bodyList), []);
  if (bodies.error) return <ProblemPage error={bodies.error} />;
  if (!bodies.data) return <Loading />;
  return (
    <Page title={t.bodies.title} lead={t.bodies.lead}>
      <ul className="plain-list link-list">
        {can('collaboration.manage') ? (
          <li>
            <Link to="/samverkan/grupper/ny">{t.bodies.create}</Link>
          </li>
        ) : null}
        {can('collaboration.overview') ? (
          <li>
            <Link to="/samverkan/oversikt">{t.bodies.overview}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/samverkan/strategier">{t.bodies.strategies}</Link>
        </li>
      </ul>
      <DataTable
        caption={t.bodies.caption}
        rows={bodies.data.bodies}
        rowKey={(row) => row.id}
        emptyText={t.bodies.empty}
        columns={[
          {
            key: 'name',
            header: t.bodies.name,
            render: (row) => (
              <>
                <Link to={`/samverkan/grupper/${row.id}`}>{row.name}</Link>
                {row.active ? null : (
                  <>
                    {' '}
                    <span className="status-tag">{t.common.inactive}</span>
                  </>
                )}
              </>
            ),
          },
          { key: 'kind', header: t.bodies.kind, render: (row) => t.kinds[row.kind] },
          { key: 'leading', header: t.bodies.leading, render: (row) => row.leadingOrganisation.name },
          { key: 'next', header: t.bodies.nextMeeting, render: (row) => (row.nextMeeting ? formatDateTime(row.nextMeeting.startsAt, locale) : t.common.none) },
          { key: 'decisions', header: t.bodies.openDecisions, numeric: true, render: (row) => row.openDecisions },
          { key: 'late', header: t.bodies.lateActivities, numeric: true, render: (row) => row.lateActivities },
        ]}
      />
    </Page>
  );
}
