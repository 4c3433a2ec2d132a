import { useState } from 'react';
import { Link } from 'react-router';
import { dashboardResponse, directoryChangeList, serviceDetail } from '#shared/contracts/directory.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

/** What the editor's organisation keeps that needs checking (the 12-month rule). */
export default function EditorDashboardPage() {
  const t = useMessages(directoryPageMessages).dashboard;
  const { locale } = useLocale();
  const dashboard = useResource(() => api.get('/api/v1/directory/dashboard', dashboardResponse), []);
  const pending = useResource(() => api.get('/api/v1/directory/changes', directoryChangeList), []);
  const [done, setDone] = useState<string | null>(null);
  if (!dashboard.data || !pending.data) return <Loading />;
  const data = dashboard.data;
  return (
    <Page title={t.title} lead={interpolate(t.lead, { owner: data.owner.name })}>
      <p>{interpolate(t.totals, data.totals)}</p>
      <p className="form-actions">
        <Link to="/katalog/poster/ny">{t.create}</Link>
        <Link to="/katalog/import">{t.import}</Link>
      </p>
      {done ? (
        <MessageBox variant="success" live>
          <p>{done}</p>
        </MessageBox>
      ) : null}
      <DataTable
        caption={t.pendingCaption}
        rows={pending.data.changes}
        rowKey={(row) => row.id}
        emptyText={t.pendingEmpty}
        columns={[
          { key: 'name', header: t.name, render: (row) => (row.serviceId === null ? `${row.name} (${t.pendingNew})` : row.name) },
          { key: 'author', header: t.pendingBy, render: (row) => row.author },
          { key: 'actions', header: t.actions, render: (row) => <Link to={`/katalog/andringar/${row.id}`}>{interpolate(t.preview, { name: row.name })}</Link> },
        ]}
      />
      {pending.data.returned.length > 0 ? (
        <DataTable
          caption={t.returnedCaption}
          rows={pending.data.returned}
          rowKey={(row) => row.id}
          columns={[
            { key: 'name', header: t.name, render: (row) => (row.serviceId === null ? `${row.name} (${t.pendingNew})` : row.name) },
            { key: 'by', header: t.returnedBy, render: (row) => row.decidedBy ?? '' },
            { key: 'comment', header: t.returnedComment, render: (row) => row.comment ?? '' },
            {
              key: 'actions',
              header: t.actions,
              render: (row) => <Link to={`/katalog/andringar/${row.id}`}>{interpolate(t.revise, { name: row.name })}</Link>,
            },
          ]}
        />
      ) : null}
      <DataTable
        caption={t.caption}
        rows={data.needsAttention}
        rowKey={(row) => row.id}
        emptyText={t.empty}
        columns={[
          { key: 'name', header: t.name, render: (row) => row.name },
          { key: 'reason', header: t.reason, render: (row) => (row.reason === 'unverified' ? t.unverified : t.overdue) },
          { key: 'verifiedOn', header: t.verifiedOn, render: (row) => (row.verifiedOn ? formatDate(row.verifiedOn, locale) : t.never) },
          {
            key: 'actions',
            header: t.actions,
            render: (row) => (
              <span className="table-actions">
                {row.reason === 'unverified' ? (
                  // Checking a never-checked entry publishes it: through a second editor (ADR 0112).
                  <Link to={`/katalog/poster/${row.id}`}>{interpolate(t.checkForReview, { name: row.name })}</Link>
                ) : (
                  <>
                    <Button
                      variant="secondary"
                      onClick={async () => {
                        await api.post(`/api/v1/directory/entries/${row.id}/verify`, { version: row.version }, serviceDetail);
                        setDone(interpolate(t.verified, { name: row.name }));
                        await dashboard.reload();
                      }}
                    >
                      {interpolate(t.verify, { name: row.name })}
                    </Button>
                    <Link to={`/katalog/poster/${row.id}`}>{interpolate(t.edit, { name: row.name })}</Link>
                  </>
                )}
              </span>
            ),
          },
        ]}
      />
    </Page>
  );
}
