import { Link } from 'react-router';
import { questionSetList, routineList, type QuestionSet, type Routine } from '#shared/contracts/screening.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { screeningMessages } from './messages.ts';

type Row = Pick<Routine, 'id' | 'title' | 'owner' | 'own' | 'shared' | 'versions'>;

/** Routines of the agency's processes, shared guidance and question sets, with their status. */
export default function RoutinesPage() {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const data = useResource(async () => {
    const [routines, sets] = await Promise.all([api.get('/api/v1/routines', routineList), api.get('/api/v1/question-sets', questionSetList)]);
    return { routines: routines.routines, sets: sets.questionSets };
  }, []);
  if (data.error) return <ProblemPage error={data.error} />;
  if (!data.data) return <Loading />;

  const status = (row: Row) => {
    const published = row.versions.find((version) => version.status === 'published');
    const open = row.versions.find((version) => version.status === 'draft' || version.status === 'review');
    return [
      published?.publishedAt ? interpolate(t.routines.published, { date: formatDate(new Date(published.publishedAt), locale) }) : t.routines.noPublished,
      open ? (open.status === 'review' ? t.routines.inReview : t.routines.draftExists) : '',
    ]
      .filter(Boolean)
      .join('. ');
  };
  const columns = (path: (row: Row) => string) => [
    { key: 'title', header: t.routine.title, render: (row: Row) => <Link to={path(row)}>{row.title}</Link> },
    { key: 'status', header: t.routines.status, render: (row: Row) => status(row) },
    { key: 'owner', header: t.routines.ownerColumn, render: (row: Row) => `${row.owner}${row.shared ? ` – ${t.routines.shared}` : ''}` },
  ];
  const processRoutines = data.data.routines.filter((routine) => routine.kind === 'process');
  const guidance = data.data.routines.filter((routine) => routine.kind === 'guidance');
  const sets: Row[] = data.data.sets.map((set: QuestionSet) => ({
    id: set.id,
    title: set.name,
    owner: set.owner,
    own: set.own,
    shared: set.shared,
    versions: set.versions,
  }));
  return (
    <Page title={t.routines.title} lead={t.routines.lead}>
      {can('routines.edit') ? (
        <p className="table-actions">
          <Link className="button button--secondary" to="/rutiner/ny">
            {t.routines.newRoutine}
          </Link>
          <Link className="button button--secondary" to="/rutiner/fragebatterier/ny">
            {t.routines.newQuestionSet}
          </Link>
          <Link className="button button--tertiary" to="/rutiner/installningar">
            {t.routines.settings}
          </Link>
        </p>
      ) : null}
      <h2>{t.routines.processes}</h2>
      <DataTable
        caption={t.routines.processes}
        columns={columns((row) => `/rutiner/${row.id}`)}
        rows={processRoutines}
        rowKey={(row) => row.id}
        emptyText={t.routines.none}
      />
      <h2>{t.routines.guidance}</h2>
      <DataTable
        caption={t.routines.guidance}
        columns={columns((row) => `/rutiner/${row.id}`)}
        rows={guidance}
        rowKey={(row) => row.id}
        emptyText={t.routines.none}
      />
      <h2>{t.routines.questionSets}</h2>
      <DataTable
        caption={t.routines.questionSets}
        columns={columns((row) => `/rutiner/fragebatterier/${row.id}`)}
        rows={sets}
        rowKey={(row) => row.id}
        emptyText={t.routines.none}
      />
    </Page>
  );
}
