import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { addMemberRequest, bodyDetail, MEMBER_ROLES, updateBodyRequest, type BodyDetail, type OrganisationOptions } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { z } from 'zod';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { BodyFields } from './BodyForm.tsx';
import { meetingWhen, optionsOf, reference, useOrganisations } from './helpers.ts';
import { DecisionDue } from './DecisionDue.tsx';
import { collaborationMessages } from './messages.ts';

function AddMember({
  body,
  organisations,
  onAdded,
}: {
  body: BodyDetail;
  organisations: OrganisationOptions['organisations'];
  onAdded(detail: BodyDetail): void;
}) {
  const t = useMessages(collaborationMessages);
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm(addMemberRequest, { organisationId: '', role: 'member', personName: '', email: '' }, { idPrefix: 'member' });
  return (
    <section aria-labelledby="add-member-heading">
      <h3 id="add-member-heading">{t.body.addMember}</h3>
      {added ? (
        <MessageBox variant="success" live>
          <p>{added}</p>
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setAdded(null);
          void form.submit(async (data) => {
            const detail = await api.post(`/api/v1/bodies/${body.id}/members`, data, bodyDetail);
            const member = detail.members.find((candidate) => !body.members.some((old) => old.id === candidate.id));
            setAdded(interpolate(t.body.memberAdded, { name: member?.personName ?? member?.organisation.name ?? '' }));
            form.setValues({ organisationId: '', role: 'member', personName: '', email: '' });
            onAdded(detail);
          });
        }}
      >
        <SelectField
          id={form.fieldId('organisationId')}
          label={t.common.organisation}
          placeholder={t.common.chooseOrganisation}
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          value={form.values.organisationId}
          error={form.errorFor('organisationId')}
          onValue={(value) => form.set('organisationId', value)}
        />
        <SelectField
          id={form.fieldId('role')}
          label={t.body.role}
          options={optionsOf(MEMBER_ROLES, t.memberRoles)}
          value={form.values.role}
          error={form.errorFor('role')}
          onValue={(value) => form.set('role', value as (typeof MEMBER_ROLES)[number])}
        />
        <TextField
          id={form.fieldId('personName')}
          label={`${t.body.personName} ${t.common.optional}`}
          hint={t.body.personNameHint}
          autoComplete="off"
          value={String(form.values.personName ?? '')}
          error={form.errorFor('personName')}
          onValue={(value) => form.set('personName', value)}
        />
        <TextField
          id={form.fieldId('email')}
          type="email"
          label={`${t.body.email} ${t.common.optional}`}
          hint={t.body.emailHint}
          autoComplete="off"
          value={String(form.values.email ?? '')}
          error={form.errorFor('email')}
          onValue={(value) => form.set('email', value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.body.add}
          </Button>
        </div>
      </form>
    </section>
  );
}

function EditBody({
  body,
  organisations,
  onSaved,
}: {
  body: BodyDetail;
  organisations: OrganisationOptions['organisations'];
  onSaved(detail: BodyDetail): void;
}) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState(false);
  const form = useForm(
    updateBodyRequest,
    {
      version: body.version,
      name: body.name,
      kind: body.kind,
      leadingOrganisationId: body.leadingOrganisation.id,
      responsibilityAreas: body.responsibilityAreas,
      meetingCadence: body.meetingCadence,
      purpose: body.purpose ?? '',
      active: body.active,
    },
    { idPrefix: 'edit-body' },
  );
  return (
    <section aria-labelledby="edit-body-heading">
      <h2 id="edit-body-heading">{t.body.editHeading}</h2>
      {saved ? (
        <MessageBox variant="success" live>
          <p>{t.common.saved}</p>
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void form.submit(async (data) => {
            onSaved(await api.put(`/api/v1/bodies/${body.id}`, { ...data, version: body.version }, bodyDetail));
            setSaved(true);
          });
        }}
      >
        <BodyFields form={form} organisations={organisations} />
        <ChoiceGroup
          id={form.fieldId('active')}
          type="checkbox"
          name="active"
          label={t.common.status}
          options={[{ value: 'active', label: t.bodyForm.active, hint: t.bodyForm.activeHint }]}
          value={form.values.active ? ['active'] : []}
          onValue={(value) => form.set('active', value.includes('active'))}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.common.save}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** One body: what it is, its members, meetings, decisions and work plans; its keeper changes it. */
export default function BodyPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const detail = useResource(() => api.get(`/api/v1/bodies/${id}`, bodyDetail), [id]);
  const organisations = useOrganisations();
  const removal = useForm(z.object({}), {}, { idPrefix: 'delete-body' });
  const memberRemoval = useForm(z.object({}), {}, { idPrefix: 'remove-member' });
  if (detail.error) return <ProblemPage error={detail.error} />;
  if (!detail.data || !organisations.data) return <Loading />;
  const body = detail.data;
  const { manage, record } = body.permissions;
  const setBody = (next: BodyDetail) => detail.setData(next);
  return (
    <Page title={body.name} hasErrors={removal.summary.length + memberRemoval.summary.length > 0} lead={t.kinds[body.kind]}>
      <p>
        <Link to="/samverkan">{interpolate(t.common.back, { title: t.bodies.title })}</Link>
      </p>
      <h2>{t.body.details}</h2>
      <SummaryList
        rows={[
          { key: t.body.owner, value: body.owner.name },
          { key: t.bodyForm.leading, value: body.leadingOrganisation.name },
          {
            key: t.bodyForm.areas,
            value: body.responsibilityAreas.length > 0 ? body.responsibilityAreas.map((area) => t.areas[area]).join(', ') : t.common.none,
          },
          { key: t.bodyForm.cadence, value: t.cadences[body.meetingCadence] },
          { key: t.bodyForm.purpose, value: body.purpose ?? t.common.none },
          { key: t.common.status, value: body.active ? t.bodyForm.active : t.common.inactive },
        ]}
      />

      <h2 id={memberRemoval.fieldId('form')} tabIndex={-1}>
        {t.body.members}
      </h2>
      <ErrorSummary errors={memberRemoval.summary} />
      <DataTable
        caption={t.body.membersCaption}
        rows={body.members}
        rowKey={(row) => row.id}
        columns={[
          { key: 'organisation', header: t.common.organisation, render: (row) => row.organisation.name },
          { key: 'person', header: t.body.person, render: (row) => `${row.personName ?? t.common.none}${row.isCaller ? ` ${t.body.you}` : ''}` },
          { key: 'role', header: t.body.role, render: (row) => t.memberRoles[row.role] },
          { key: 'account', header: t.body.account, render: (row) => (row.hasAccount ? t.body.hasAccount : t.body.noAccount) },
          ...(manage
            ? [
                {
                  key: 'actions',
                  header: t.common.actions,
                  render: (row: BodyDetail['members'][number]) => (
                    <Button
                      variant="tertiary"
                      disabled={memberRemoval.submitting}
                      onClick={() =>
                        void memberRemoval.submit(async () => {
                          await api.delete(`/api/v1/bodies/${body.id}/members/${row.id}`);
                          await detail.reload();
                        })
                      }
                    >
                      {interpolate(t.body.removeMember, { name: row.personName ?? row.organisation.name })}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage ? <AddMember body={body} organisations={organisations.data.organisations} onAdded={setBody} /> : null}

      <h2>{t.body.meetings}</h2>
      <ul className="plain-list link-list">
        {record && body.active ? (
          <li>
            <Link to={`/samverkan/grupper/${body.id}/moten/nytt`}>{t.body.scheduleMeeting}</Link>
          </li>
        ) : null}
        {body.meetings.length > 0 ? (
          <li>
            <a href={`/api/v1/bodies/${body.id}/calendar.ics`} download aria-describedby="calendar-hint">
              {t.body.calendar}
            </a>
            <p className="muted" id="calendar-hint">
              {t.body.calendarHint}
            </p>
          </li>
        ) : null}
      </ul>
      <DataTable
        caption={t.body.meetingsCaption}
        rows={body.meetings}
        rowKey={(row) => row.id}
        emptyText={t.body.noMeetings}
        columns={[
          {
            key: 'title',
            header: t.body.meeting,
            render: (row) => <Link to={`/samverkan/moten/${row.id}`}>{`${row.title}, ${formatDate(row.date, locale)}`}</Link>,
          },
          { key: 'when', header: t.body.when, render: (row) => meetingWhen(row, locale) },
          { key: 'where', header: t.body.where, render: (row) => row.location ?? t.meeting.online },
          { key: 'status', header: t.common.status, render: (row) => t.meetingStatuses[row.status] },
        ]}
      />

      <h2>{t.body.decisions}</h2>
      <DataTable
        caption={t.body.decisionsCaption}
        rows={body.decisions}
        rowKey={(row) => row.id}
        emptyText={t.body.noDecisions}
        columns={[
          { key: 'reference', header: t.overview.reference, render: (row) => <Link to={`/samverkan/moten/${row.meetingId}`}>{reference(row)}</Link> },
          { key: 'date', header: t.common.date, render: (row) => formatDate(row.decidedOn, locale) },
          { key: 'text', header: t.meeting.decisionText, render: (row) => row.text },
          {
            key: 'responsible',
            header: t.plan.responsible,
            render: (row) => [row.responsibleOrganisation?.name, row.responsiblePerson].filter(Boolean).join(', ') || t.common.none,
          },
          { key: 'due', header: t.meeting.dueOn, render: (row) => <DecisionDue decision={row} /> },
          { key: 'status', header: t.common.status, render: (row) => t.decisionStatuses[row.status] },
        ]}
      />

      <h2>{t.body.plans}</h2>
      {record && body.active ? (
        <p>
          <Link to={`/samverkan/grupper/${body.id}/arbetsplaner/ny`}>{t.body.newPlan}</Link>
        </p>
      ) : null}
      <DataTable
        caption={t.body.plansCaption}
        rows={body.workPlans}
        rowKey={(row) => row.id}
        emptyText={t.body.noPlans}
        columns={[
          { key: 'title', header: t.planForm.title, render: (row) => <Link to={`/samverkan/arbetsplaner/${row.id}`}>{row.title}</Link> },
          { key: 'period', header: t.body.period, render: (row) => `${formatDate(row.periodStart, locale)} – ${formatDate(row.periodEnd, locale)}` },
        ]}
      />

      {manage ? <EditBody body={body} organisations={organisations.data.organisations} onSaved={setBody} /> : null}
      {manage ? (
        <section aria-labelledby="delete-body-heading">
          <h2 id="delete-body-heading">{t.body.deleteHeading}</h2>
          <p>{t.body.deleteText}</p>
          <ErrorSummary errors={removal.summary} />
          <Button
            id={removal.fieldId('form')}
            variant="secondary"
            disabled={removal.submitting}
            onClick={() =>
              void removal.submit(async () => {
                await api.delete(`/api/v1/bodies/${body.id}`);
                navigate('/samverkan');
              })
            }
          >
            {t.body.delete}
          </Button>
        </section>
      ) : null}
    </Page>
  );
}
