import { Link } from 'react-router';
import { eventList } from '#shared/contracts/competence.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/** The organisation's events, with registrations and attendance. */
export default function EventsPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.events;
  const { locale } = useLocale();
  const events = useResource(() => api.get('/api/v1/events', eventList), []);
  return (
    <Page title={t.title} lead={t.lead}>
      <p>
        <Link className="button button--primary" to="/kompetens/evenemang/nytt">
          {t.create}
        </Link>
      </p>
      <p>
        <Link to="/kompetens/deltagande">{t.participation}</Link>
      </p>
      {events.loading && !events.data ? <Loading /> : null}
      {events.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {events.data ? (
        <DataTable
          caption={t.caption}
          rows={events.data.events}
          rowKey={(row) => row.id}
          emptyText={t.none}
          columns={[
            {
              key: 'title',
              header: t.caption,
              render: (row) => (
                <>
                  <Link to={`/kompetens/evenemang/${row.id}`}>{row.title}</Link>
                  {row.demo ? <span className="status-tag"> {messages.common.demo}</span> : null}
                </>
              ),
            },
            { key: 'kind', header: messages.newEvent.kind, render: (row) => messages.common.kinds[row.kind] },
            { key: 'when', header: t.when, render: (row) => formatDateTime(row.startsAt, locale) },
            { key: 'registered', header: t.registered, numeric: true, render: (row) => row.registered },
            { key: 'attended', header: t.attended, numeric: true, render: (row) => row.attended },
            { key: 'open', header: t.open, render: (row) => (row.registrationOpen ? t.openYes : t.openNo) },
          ]}
        />
      ) : null}
    </Page>
  );
}
