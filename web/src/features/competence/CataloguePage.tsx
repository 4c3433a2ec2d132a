import { useEffect, useState } from 'react';
import { COMPETENCE_TOPICS, COURSE_FORMATS, course, courseInput, courseList, updateCourseRequest, type Course } from '#shared/contracts/competence.ts';
import { ROLES } from '#shared/auth/roles.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/** The training catalogue: the organisation's courses and the shared national ones; editors add courses. */
export default function CataloguePage() {
  const messages = useMessages(competenceMessages);
  const roleNames = useMessages(appMessages).roles;
  const t = messages.catalogue;
  const { can } = useSession();
  const courses = useResource(() => api.get('/api/v1/courses', courseList), []);
  const form = useForm(courseInput, {
    title: '',
    provider: '',
    format: 'web_course',
    lengthMinutes: '',
    topics: [],
    targetRoles: [],
    introduction: false,
    url: '',
    description: '',
    shared: false,
  });
  const [added, setAdded] = useState<string | null>(null);
  const [editing, setEditing] = useState<Course | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const editForm = useForm(
    updateCourseRequest,
    {
      version: 1,
      title: '',
      provider: '',
      format: 'web_course',
      lengthMinutes: '',
      topics: [],
      targetRoles: [],
      introduction: false,
      url: '',
      description: '',
      shared: false,
      active: true,
    },
    { idPrefix: 'edit' },
  );
  const startEditing = (row: Course) => {
    setChanged(null);
    setEditing(row);
    editForm.setValues({
      version: row.version,
      title: row.title,
      provider: row.provider,
      format: row.format,
      lengthMinutes: row.lengthMinutes === null ? '' : String(row.lengthMinutes),
      topics: row.topics,
      targetRoles: row.targetRoles,
      introduction: row.introduction,
      url: row.url ?? '',
      description: row.description ?? '',
      shared: row.shared,
      active: row.active,
    });
  };
  // The change form appears below the table: move focus to its first field.
  useEffect(() => {
    if (editing) document.getElementById('edit-title')?.focus();
  }, [editing]);
  const saveChange = () =>
    editForm.submit(async (values) => {
      if (!editing) return;
      const saved = await api.put(`/api/v1/courses/${editing.id}`, values, course);
      setEditing(null);
      setChanged(saved.title);
      await courses.reload();
    });
  const submit = () =>
    form.submit(async (values) => {
      setAdded(null);
      const created = await api.post('/api/v1/courses', values, course);
      setAdded(created.title);
      await courses.reload();
    });
  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length + editForm.summary.length > 0}>
      <ErrorSummary errors={[...editForm.summary, ...form.summary]} />
      {changed ? (
        <MessageBox variant="success" live>
          <p>{interpolate(t.changed, { title: changed })}</p>
        </MessageBox>
      ) : null}
      {courses.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {courses.data ? (
        <DataTable
          caption={t.caption}
          rows={courses.data.courses}
          rowKey={(row) => row.id}
          columns={[
            { key: 'title', header: messages.common.course, render: (row) => row.title },
            { key: 'provider', header: t.provider, render: (row) => row.provider },
            { key: 'format', header: t.format, render: (row) => messages.common.formats[row.format] },
            { key: 'length', header: t.length, render: (row) => (row.lengthMinutes ? interpolate(t.minutes, { count: row.lengthMinutes }) : '–') },
            { key: 'topics', header: t.topicsColumn, render: (row) => row.topics.map((topic) => messages.common.topics[topic]).join(', ') },
            { key: 'introduction', header: t.introduction, render: (row) => (row.introduction ? messages.common.yes : messages.common.no) },
            { key: 'owner', header: t.owner, render: (row) => row.ownerName },
            { key: 'id', header: 'course_id', render: (row) => <code>{row.id}</code> },
            ...(can('courses.manage')
              ? [
                  {
                    key: 'actions',
                    header: t.actions,
                    render: (row: Course) =>
                      row.own ? (
                        <Button variant="secondary" aria-label={interpolate(t.changeCourse, { title: row.title })} onClick={() => startEditing(row)}>
                          {t.change}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {editing ? (
        <>
          <h2>{interpolate(t.changeCourse, { title: editing.title })}</h2>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void saveChange();
            }}
          >
            <TextField
              id={editForm.fieldId('title')}
              label={t.courseTitle}
              value={editForm.values.title}
              error={editForm.errorFor('title')}
              onValue={(value) => editForm.set('title', value)}
            />
            <TextField
              id={editForm.fieldId('provider')}
              label={t.provider}
              value={editForm.values.provider}
              error={editForm.errorFor('provider')}
              onValue={(value) => editForm.set('provider', value)}
            />
            <SelectField
              id={editForm.fieldId('format')}
              label={t.format}
              options={COURSE_FORMATS.map((format) => ({ value: format, label: messages.common.formats[format] }))}
              value={editForm.values.format}
              onValue={(value) => editForm.set('format', value as (typeof COURSE_FORMATS)[number])}
            />
            <TextField
              id={editForm.fieldId('lengthMinutes')}
              label={t.lengthMinutes}
              inputMode="numeric"
              value={String(editForm.values.lengthMinutes ?? '')}
              error={editForm.errorFor('lengthMinutes')}
              onValue={(value) => editForm.set('lengthMinutes', value)}
            />
            <ChoiceGroup
              id={editForm.fieldId('topics')}
              type="checkbox"
              name="edit-topics"
              label={t.topicsLabel}
              options={COMPETENCE_TOPICS.map((topic) => ({ value: topic, label: messages.common.topics[topic] }))}
              value={(editForm.values.topics ?? []) as string[]}
              onValue={(value) => editForm.set('topics', value as typeof editForm.values.topics)}
            />
            <ChoiceGroup
              id={editForm.fieldId('targetRoles')}
              type="checkbox"
              name="edit-targetRoles"
              label={t.targetRoles}
              options={ROLES.filter((role) => role !== 'system_admin').map((role) => ({ value: role, label: roleNames[role] }))}
              value={(editForm.values.targetRoles ?? []) as string[]}
              onValue={(value) => editForm.set('targetRoles', value as typeof editForm.values.targetRoles)}
            />
            <ChoiceGroup
              id={editForm.fieldId('introduction')}
              type="checkbox"
              name="edit-introduction"
              label={t.introductionLabel}
              options={[{ value: 'yes', label: t.introductionOption }]}
              value={editForm.values.introduction ? ['yes'] : []}
              onValue={(value) => editForm.set('introduction', value.includes('yes'))}
            />
            <ChoiceGroup
              id={editForm.fieldId('shared')}
              type="checkbox"
              name="edit-shared"
              label={t.sharedLabel}
              options={[{ value: 'yes', label: t.sharedOption }]}
              value={editForm.values.shared ? ['yes'] : []}
              onValue={(value) => editForm.set('shared', value.includes('yes'))}
            />
            <ChoiceGroup
              id={editForm.fieldId('active')}
              type="checkbox"
              name="edit-active"
              label={t.activeLabel}
              options={[{ value: 'yes', label: t.activeOption }]}
              value={editForm.values.active ? ['yes'] : []}
              onValue={(value) => editForm.set('active', value.includes('yes'))}
            />
            <TextField
              id={editForm.fieldId('url')}
              label={t.url}
              value={String(editForm.values.url ?? '')}
              error={editForm.errorFor('url')}
              onValue={(value) => editForm.set('url', value)}
            />
            <Button type="submit" disabled={editForm.submitting}>
              {t.changeSubmit}
            </Button>
            <Button variant="tertiary" onClick={() => setEditing(null)}>
              {t.cancelChange}
            </Button>
          </form>
        </>
      ) : null}
      {can('courses.manage') ? (
        <>
          <h2>{t.add}</h2>
          {added ? (
            <MessageBox variant="success" live>
              <p>{interpolate(t.added, { title: added })}</p>
            </MessageBox>
          ) : null}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <TextField
              id={form.fieldId('title')}
              label={t.courseTitle}
              value={form.values.title}
              error={form.errorFor('title')}
              onValue={(value) => form.set('title', value)}
            />
            <TextField
              id={form.fieldId('provider')}
              label={t.provider}
              value={form.values.provider}
              error={form.errorFor('provider')}
              onValue={(value) => form.set('provider', value)}
            />
            <SelectField
              id={form.fieldId('format')}
              label={t.format}
              options={COURSE_FORMATS.map((format) => ({ value: format, label: messages.common.formats[format] }))}
              value={form.values.format}
              onValue={(value) => form.set('format', value as (typeof COURSE_FORMATS)[number])}
            />
            <TextField
              id={form.fieldId('lengthMinutes')}
              label={t.lengthMinutes}
              inputMode="numeric"
              value={String(form.values.lengthMinutes ?? '')}
              error={form.errorFor('lengthMinutes')}
              onValue={(value) => form.set('lengthMinutes', value)}
            />
            <ChoiceGroup
              id={form.fieldId('topics')}
              type="checkbox"
              name="topics"
              label={t.topicsLabel}
              options={COMPETENCE_TOPICS.map((topic) => ({ value: topic, label: messages.common.topics[topic] }))}
              value={(form.values.topics ?? []) as string[]}
              onValue={(value) => form.set('topics', value as typeof form.values.topics)}
            />
            <ChoiceGroup
              id={form.fieldId('targetRoles')}
              type="checkbox"
              name="targetRoles"
              label={t.targetRoles}
              options={ROLES.filter((role) => role !== 'system_admin').map((role) => ({ value: role, label: roleNames[role] }))}
              value={(form.values.targetRoles ?? []) as string[]}
              onValue={(value) => form.set('targetRoles', value as typeof form.values.targetRoles)}
            />
            <ChoiceGroup
              id={form.fieldId('introduction')}
              type="checkbox"
              name="introduction"
              label={t.introductionLabel}
              options={[{ value: 'yes', label: t.introductionOption }]}
              value={form.values.introduction ? ['yes'] : []}
              onValue={(value) => form.set('introduction', value.includes('yes'))}
            />
            <ChoiceGroup
              id={form.fieldId('shared')}
              type="checkbox"
              name="shared"
              label={t.sharedLabel}
              options={[{ value: 'yes', label: t.sharedOption }]}
              value={form.values.shared ? ['yes'] : []}
              onValue={(value) => form.set('shared', value.includes('yes'))}
            />
            <TextField
              id={form.fieldId('url')}
              label={t.url}
              value={String(form.values.url ?? '')}
              error={form.errorFor('url')}
              onValue={(value) => form.set('url', value)}
            />
            <Button type="submit" disabled={form.submitting}>
              {t.submit}
            </Button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
