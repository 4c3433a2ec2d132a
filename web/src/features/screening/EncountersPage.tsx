import { Link } from 'react-router';
import type { EncounterSummary, Process, TaskList } from '#shared/contracts/screening.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { screeningMessages } from './messages.ts';

type Lists = {
  processes: { processes: Process[] };
  drafts: { drafts: Array<{ id: string; updatedAt: string }> };
  encounters: { encounters: EncounterSummary[]; reminders: EncounterSummary[] };
  tasks: TaskList;
};

/** "Ask about violence": start an encounter for a process, resume a draft, follow up, see recent ones. */
export default function EncountersPage() {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const data = useResource(async (): Promise<Lists> => {
    const [processes, drafts, encounters, tasks] = await Promise.all([
      can('encounters.create') ? api.get<Lists['processes']>('/api/v1/processes') : { processes: [] },
      can('encounters.draft') ? api.get<Lists['drafts']>('/api/v1/encounters/drafts') : { drafts: [] },
      can('encounters.read') ? api.get<Lists['encounters']>('/api/v1/encounters') : { encounters: [], reminders: [] },
      can('encounters.read') ? api.get<Lists['tasks']>('/api/v1/encounters/tasks') : { tasks: [] },
    ]);
    return { processes, drafts, encounters, tasks };
  }, []);
  if (data.error) return <ProblemPage error={data.error} />;
  if (!data.data) return <Loading />;
  const { processes, drafts, encounters, tasks } = data.data;

  const result = (row: EncounterSummary) =>
    row.asking === null
      ? t.list.notCompleted
      : row.asking === 'asked' && row.outcome
        ? `${t.codes.asking.asked}: ${t.codes.outcome[row.outcome].toLowerCase()}`
        : t.codes.asking[row.asking];
  const columns = [
    {
      key: 'date',
      header: t.list.date,
      render: (row: EncounterSummary) => (
        <Link to={`/fraga/${row.id}`} aria-label={interpolate(t.list.open, { date: row.occurredOn ? formatDate(row.occurredOn, locale) : '' })}>
          {row.occurredOn ? formatDate(row.occurredOn, locale) : t.list.open2}
        </Link>
      ),
    },
    { key: 'process', header: t.list.process, render: (row: EncounterSummary) => row.process.name },
    { key: 'channel', header: t.list.channel, render: (row: EncounterSummary) => t.codes.channel[row.channel] },
    { key: 'result', header: t.list.result, render: (row: EncounterSummary) => result(row) },
    { key: 'reminders', header: t.list.reminders, render: (row: EncounterSummary) => row.reminders.map((reminder) => t.codes.reminder[reminder]).join('; ') },
  ];

  return (
    <Page title={t.list.title} lead={t.list.lead}>
      {can('encounters.create') ? (
        <section aria-labelledby="start-heading">
          <h2 id="start-heading">{t.list.startHeading}</h2>
          {processes.processes.length === 0 ? <p>{t.list.noProcesses}</p> : null}
          <ul className="screening-start-list">
            {processes.processes.map((process) => (
              <li key={process.id}>
                <Link className="button button--primary screening-start" to={`/fraga/ny?process=${process.id}`}>
                  {interpolate(t.list.startFor, { process: process.name })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {drafts.drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">{t.list.draftsHeading}</h2>
          <ul className="plain-list">
            {drafts.drafts.map((draft) => (
              <li key={draft.id}>
                <Link to={`/fraga/ny/${draft.id}`}>{interpolate(t.list.resume, { time: formatDateTime(draft.updatedAt, locale) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {can('encounters.read') ? (
        <section aria-labelledby="tasks-heading">
          <h2 id="tasks-heading">{t.list.tasksHeading}</h2>
          <p>{t.list.tasksLead}</p>
          {tasks.tasks.length === 0 ? (
            <p>{t.list.noTasks}</p>
          ) : (
            <ul className="plain-list screening-tasks">
              {tasks.tasks.map((task) => (
                <li key={`${task.kind}:${task.encounter.id}`}>
                  <Link to={`/fraga/${task.encounter.id}`}>
                    {interpolate(t.list.taskLink, {
                      task: t.list.task[task.kind],
                      process: task.encounter.process.name,
                      date: task.encounter.occurredOn ? formatDate(task.encounter.occurredOn, locale) : t.list.open2,
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {can('encounters.read') ? (
        <>
          <h2>{t.list.remindersHeading}</h2>
          {encounters.reminders.length === 0 ? (
            <p>{t.list.noReminders}</p>
          ) : (
            <DataTable caption={t.list.remindersCaption} columns={columns} rows={encounters.reminders} rowKey={(row) => row.id} />
          )}
          <h2>{t.list.recentHeading}</h2>
          <DataTable caption={t.list.caption} columns={columns} rows={encounters.encounters} rowKey={(row) => row.id} emptyText={t.list.none} />
        </>
      ) : null}
      {can('routines.read') ? (
        <p>
          <Link to="/rutiner">{t.list.routinesLink}</Link>
        </p>
      ) : null}
    </Page>
  );
}
