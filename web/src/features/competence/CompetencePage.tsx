import { useState } from 'react';
import { Link } from 'react-router';
import { completion, completionList, courseList, recordCompletionRequest } from '#shared/contracts/competence.ts';
import type { Action } from '#shared/auth/permissions.ts';
import { formatDate, stockholmDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

const LINKS: Array<{ path: string; key: keyof (typeof competenceMessages)['sv']['hub']['links']; action: Action }> = [
  { path: '/kompetens/katalog', key: 'catalogue', action: 'courses.read' },
  { path: '/kompetens/krav', key: 'requirements', action: 'training_requirements.manage' },
  { path: '/kompetens/bekrafta', key: 'confirm', action: 'completions.confirm' },
  { path: '/kompetens/import', key: 'import', action: 'completions.import' },
  { path: '/kompetens/rapport', key: 'report', action: 'competence.reports' },
  { path: '/kompetens/handledning', key: 'supervision', action: 'supervision.manage' },
  { path: '/kompetens/stod', key: 'support', action: 'staff_support.read' },
  { path: '/kompetens/evenemang', key: 'events', action: 'events.manage' },
  { path: '/kompetens/deltagande', key: 'participation', action: 'events.manage' },
  { path: '/kompetens/utvarderingar', key: 'seriesResults', action: 'events.manage' },
  { path: '/kompetens/planer', key: 'plans', action: 'competence_plans.contribute' },
];

/** The start of competence: one's own training and recording a completed course; links to the rest by permission. */
export default function CompetencePage() {
  const messages = useMessages(competenceMessages);
  const t = messages.hub;
  const { locale } = useLocale();
  const { can } = useSession();
  const mayRecord = can('completions.record');
  const mine = useResource(
    () => (can('completions.read') ? api.get('/api/v1/completions?mine=true', completionList) : Promise.resolve({ completions: [] })),
    [],
  );
  const courses = useResource(() => (can('courses.read') ? api.get('/api/v1/courses', courseList) : Promise.resolve({ courses: [] })), []);
  const form = useForm(recordCompletionRequest, { courseId: '', completedOn: stockholmDate(new Date()) });
  const [done, setDone] = useState(false);

  const submit = () =>
    form.submit(async (values) => {
      setDone(false);
      await api.post('/api/v1/completions', values, completion);
      setDone(true);
      await mine.reload();
    });

  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      <h2>{t.mine}</h2>
      {mine.loading && !mine.data ? <Loading /> : null}
      {mine.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {mine.data ? (
        <DataTable
          caption={t.mine}
          rows={mine.data.completions}
          rowKey={(row) => row.id}
          emptyText={t.none}
          columns={[
            { key: 'course', header: messages.common.course, render: (row) => row.courseTitle },
            { key: 'date', header: messages.common.date, render: (row) => formatDate(row.completedOn, locale) },
            { key: 'status', header: t.status, render: (row) => messages.common.statuses[row.status] },
          ]}
        />
      ) : null}
      {mayRecord ? (
        <>
          <h2>{t.record}</h2>
          <p>{t.recordLead}</p>
          {done ? (
            <MessageBox variant="success" live>
              <p>{t.recorded}</p>
            </MessageBox>
          ) : null}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <SelectField
              id={form.fieldId('courseId')}
              label={messages.common.course}
              placeholder={messages.common.chooseCourse}
              options={(courses.data?.courses ?? []).filter((course) => course.active).map((course) => ({ value: course.id, label: course.title }))}
              value={form.values.courseId}
              error={form.errorFor('courseId')}
              onValue={(value) => form.set('courseId', value)}
            />
            <TextField
              id={form.fieldId('completedOn')}
              label={t.completedOn}
              hint={messages.common.dateHint}
              value={form.values.completedOn}
              error={form.errorFor('completedOn')}
              onValue={(value) => form.set('completedOn', value)}
            />
            <Button type="submit" disabled={form.submitting}>
              {t.submit}
            </Button>
          </form>
        </>
      ) : null}
      <h2>{t.more}</h2>
      <ul>
        {LINKS.filter((link) => can(link.action)).map((link) => (
          <li key={link.path}>
            <Link to={link.path}>{t.links[link.key]}</Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
