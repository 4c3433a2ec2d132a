import { Link } from 'react-router';
import { PERMISSIONS, type Action } from '#shared/auth/permissions.ts';
import type { TaskList } from '#shared/contracts/screening.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSignedInSession } from '../../app/session.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { CAPABILITY_AREAS } from './capabilities.ts';
import { homeMessages } from './messages.ts';

/** The staff start page: what the signed-in role can do, area by area. */
export function HomePage() {
  const t = useMessages(homeMessages);
  const app = useMessages(appMessages);
  const session = useSignedInSession();
  const { locale } = useLocale();
  const unit = session.memberships.find((m) => m.unitId === session.actingUnitId);
  const granted = Object.keys(session.permissions) as Action[];
  return (
    <Page title={t.title} lead={unit ? interpolate(t.lead, { unit: unit.unitName }) : t.noUnit}>
      {session.securityNotices.length > 0 ? (
        <MessageBox variant="warning" heading={t.securityHeading}>
          <ul>
            {session.securityNotices.map((notice) => (
              <li key={`${notice.kind}-${notice.at}`}>{interpolate(t.securityNotices[notice.kind], { at: formatDateTime(notice.at, locale) })}</li>
            ))}
          </ul>
          <p>{t.securityHelp}</p>
        </MessageBox>
      ) : null}
      {/* Only a role that records encounters has tasks after them (ADR 0092); a manager sees the unit's on the screening list. */}
      {session.permissions['encounters.create'] ? <CaseworkerTasks /> : null}
      {session.roles.length > 0 ? (
        <p>
          {t.yourRoles}: <strong>{session.roles.map((role) => app.roles[role]).join(', ')}</strong>
        </p>
      ) : null}
      <ul className="capability-list">
        {CAPABILITY_AREAS.map(({ area, path }) => {
          const text = t.areas[area];
          const actions = granted.filter((action) => PERMISSIONS[action].area === area);
          return (
            <li key={area}>
              <h2 className="capability-title">{text.title}</h2>
              <p>{text.text}</p>
              {actions.length > 0 ? (
                <p>
                  <Link to={path}>{interpolate(t.open, { title: text.title })}</Link>
                </p>
              ) : (
                <p>{t.noAccess}</p>
              )}
            </li>
          );
        })}
      </ul>
    </Page>
  );
}

/**
 * The caseworker's task list (issue 22, ADR 0092): handovers to confirm, child-at-risk reports to
 * make, clients not asked to ask again. Each task links to its encounter, where it is done.
 */
function CaseworkerTasks() {
  const t = useMessages(homeMessages);
  const { locale } = useLocale();
  const tasks = useResource(() => api.get<TaskList>('/api/v1/encounters/tasks'), []);
  return (
    <section aria-labelledby="home-tasks-heading">
      <h2 id="home-tasks-heading">{t.tasks.heading}</h2>
      {tasks.error ? (
        <p>{t.tasks.failed}</p>
      ) : !tasks.data ? (
        <Loading />
      ) : tasks.data.tasks.length === 0 ? (
        <p>{t.tasks.none}</p>
      ) : (
        <>
          <p>{interpolate(tasks.data.tasks.length === 1 ? t.tasks.countOne : t.tasks.count, { count: String(tasks.data.tasks.length) })}</p>
          <ul className="plain-list screening-tasks">
            {tasks.data.tasks.map((task) => (
              <li key={`${task.kind}:${task.encounter.id}`}>
                <Link to={`/fraga/${task.encounter.id}`}>
                  {interpolate(t.tasks.link, {
                    task: t.tasks.kind[task.kind],
                    process: task.encounter.process.name,
                    date: task.encounter.occurredOn ? formatDate(task.encounter.occurredOn, locale) : t.tasks.undated,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
