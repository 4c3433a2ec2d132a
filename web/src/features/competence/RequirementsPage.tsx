import { useEffect, useState } from 'react';
import { courseList, requirement, requirementInput, requirementList, updateRequirementRequest } from '#shared/contracts/competence.ts';
import { unitList } from '#shared/contracts/administration.ts';
import { ROLES } from '#shared/auth/roles.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/** An agency coordinator's training requirements: course, unit (and below), roles, deadline. */
export default function RequirementsPage() {
  const messages = useMessages(competenceMessages);
  const roleNames = useMessages(appMessages).roles;
  const t = messages.requirements;
  const { locale } = useLocale();
  const requirements = useResource(() => api.get('/api/v1/training-requirements', requirementList), []);
  const courses = useResource(() => api.get('/api/v1/courses', courseList), []);
  const units = useResource(() => api.get('/api/v1/admin/units', unitList), []);
  const form = useForm(requirementInput, { courseId: '', unitId: '', roles: ['caseworker'], deadline: '', note: '' });
  const [added, setAdded] = useState(false);
  type Requirement = NonNullable<typeof requirements.data>['requirements'][number];
  const [editing, setEditing] = useState<Requirement | null>(null);
  const [changed, setChanged] = useState(false);
  const editForm = useForm(updateRequirementRequest, { version: 1, roles: [], deadline: '', note: '', active: true }, { idPrefix: 'edit' });
  const startEditing = (row: Requirement) => {
    setChanged(false);
    setEditing(row);
    editForm.setValues({ version: row.version, roles: row.roles, deadline: row.deadline, note: row.note ?? '', active: row.active });
  };
  // The change form appears below the table: move focus to its first field.
  useEffect(() => {
    if (editing) document.getElementById('edit-deadline')?.focus();
  }, [editing]);
  const saveChange = () =>
    editForm.submit(async (values) => {
      if (!editing) return;
      await api.put(`/api/v1/training-requirements/${editing.id}`, values, requirement);
      setEditing(null);
      setChanged(true);
      await requirements.reload();
    });
  const submit = () =>
    form.submit(async (values) => {
      setAdded(false);
      await api.post('/api/v1/training-requirements', { ...values, unitId: values.unitId || null }, requirement);
      setAdded(true);
      await requirements.reload();
    });
  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length + editForm.summary.length > 0}>
      <ErrorSummary errors={[...editForm.summary, ...form.summary]} />
      {changed ? (
        <MessageBox variant="success" live>
          <p>{t.changed}</p>
        </MessageBox>
      ) : null}
      {requirements.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {requirements.data ? (
        <DataTable
          caption={t.caption}
          rows={requirements.data.requirements}
          rowKey={(row) => row.id}
          emptyText={t.none}
          columns={[
            { key: 'course', header: messages.common.course, render: (row) => row.courseTitle },
            { key: 'unit', header: messages.common.unit, render: (row) => row.unitName ?? t.wholeOrganisation },
            { key: 'roles', header: t.roles, render: (row) => row.roles.map((role) => roleNames[role]).join(', ') },
            { key: 'deadline', header: t.deadline, render: (row) => formatDate(row.deadline, locale) },
            { key: 'active', header: t.activeLabel, render: (row) => (row.active ? messages.common.yes : messages.common.no) },
            {
              key: 'actions',
              header: t.actions,
              render: (row) => (
                <Button variant="secondary" aria-label={interpolate(t.changeRequirement, { course: row.courseTitle })} onClick={() => startEditing(row)}>
                  {t.change}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {editing ? (
        <>
          <h2>{interpolate(t.changeRequirement, { course: editing.courseTitle })}</h2>
          <p>{editing.unitName ?? t.wholeOrganisation}</p>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void saveChange();
            }}
          >
            <ChoiceGroup
              id={editForm.fieldId('roles')}
              type="checkbox"
              name="edit-roles"
              label={t.rolesLabel}
              options={ROLES.filter((role) => role !== 'system_admin').map((role) => ({ value: role, label: roleNames[role] }))}
              value={editForm.values.roles as string[]}
              error={editForm.errorFor('roles')}
              onValue={(value) => editForm.set('roles', value as typeof editForm.values.roles)}
            />
            <TextField
              id={editForm.fieldId('deadline')}
              label={t.deadlineLabel}
              hint={messages.common.dateHint}
              value={editForm.values.deadline}
              error={editForm.errorFor('deadline')}
              onValue={(value) => editForm.set('deadline', value)}
            />
            <TextField
              id={editForm.fieldId('note')}
              label={t.note}
              value={String(editForm.values.note ?? '')}
              error={editForm.errorFor('note')}
              onValue={(value) => editForm.set('note', value)}
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
            <Button type="submit" disabled={editForm.submitting}>
              {t.changeSubmit}
            </Button>
            <Button variant="tertiary" onClick={() => setEditing(null)}>
              {t.cancelChange}
            </Button>
          </form>
        </>
      ) : null}
      <h2>{t.add}</h2>
      {added ? (
        <MessageBox variant="success" live>
          <p>{t.added}</p>
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
        <SelectField
          id={form.fieldId('unitId')}
          label={t.unitLabel}
          hint={t.unitHint}
          options={[
            { value: '', label: t.wholeOrganisation },
            ...(units.data?.units ?? []).filter((unit) => unit.active).map((unit) => ({ value: unit.id, label: unit.name })),
          ]}
          value={form.values.unitId ?? ''}
          error={form.errorFor('unitId')}
          onValue={(value) => form.set('unitId', value)}
        />
        <ChoiceGroup
          id={form.fieldId('roles')}
          type="checkbox"
          name="roles"
          label={t.rolesLabel}
          options={ROLES.filter((role) => role !== 'system_admin').map((role) => ({ value: role, label: roleNames[role] }))}
          value={form.values.roles as string[]}
          error={form.errorFor('roles')}
          onValue={(value) => form.set('roles', value as typeof form.values.roles)}
        />
        <TextField
          id={form.fieldId('deadline')}
          label={t.deadlineLabel}
          hint={messages.common.dateHint}
          value={form.values.deadline}
          error={form.errorFor('deadline')}
          onValue={(value) => form.set('deadline', value)}
        />
        <TextField
          id={form.fieldId('note')}
          label={t.note}
          value={String(form.values.note ?? '')}
          error={form.errorFor('note')}
          onValue={(value) => form.set('note', value)}
        />
        <Button type="submit" disabled={form.submitting}>
          {t.submit}
        </Button>
      </form>
    </Page>
  );
}
