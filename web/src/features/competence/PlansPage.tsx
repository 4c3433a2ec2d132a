import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { COMPETENCE_TOPICS, planDetail, planEntryInput, planInput, planList, planParticipantInput, type PlanDetail } from '#shared/contracts/competence.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

type Counties = { counties: Array<{ code: string; name: string }> };

/** The plans the organisation runs or takes part in; the county also makes a new plan for a county and year. */
export function PlansPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.plans;
  const { can } = useSession();
  const plans = useResource(() => api.get('/api/v1/competence-plans', planList), []);
  const counties = useResource(() => api.get<Counties>('/api/v1/public/reference-data'), []);
  const form = useForm(planInput, { countyCode: '', year: String(new Date().getFullYear() + 1), title: '' });
  const submit = () =>
    form.submit(async (values) => {
      await api.post('/api/v1/competence-plans', values, planDetail);
      await plans.reload();
    });
  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      {plans.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {plans.data ? (
        <DataTable
          caption={t.caption}
          rows={plans.data.plans}
          rowKey={(row) => row.id}
          emptyText={t.none}
          columns={[
            { key: 'title', header: t.planTitle, render: (row) => <Link to={`/kompetens/planer/${row.id}`}>{row.title}</Link> },
            { key: 'county', header: t.county, render: (row) => row.countyName },
            { key: 'year', header: t.year, numeric: true, render: (row) => String(row.year) },
            { key: 'entries', header: t.entries, numeric: true, render: (row) => row.entries },
            { key: 'role', header: t.role, render: (row) => (row.own ? t.roleOwn : t.roleParticipant) },
          ]}
        />
      ) : null}
      {can('competence_plans.manage') ? (
        <>
          <h2>{t.create}</h2>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <SelectField
              id={form.fieldId('countyCode')}
              label={t.county}
              placeholder=""
              options={(counties.data?.counties ?? []).map((county) => ({ value: county.code, label: county.name }))}
              value={form.values.countyCode}
              error={form.errorFor('countyCode')}
              onValue={(value) => form.set('countyCode', value)}
            />
            <TextField
              id={form.fieldId('year')}
              label={t.year}
              inputMode="numeric"
              value={String(form.values.year)}
              error={form.errorFor('year')}
              onValue={(value) => form.set('year', value)}
            />
            <TextField
              id={form.fieldId('title')}
              label={t.planTitle}
              value={form.values.title}
              error={form.errorFor('title')}
              onValue={(value) => form.set('title', value)}
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

type Entry = PlanDetail['entryList'][number];

/**
 * One plan: who plans what for whom and when, its overlaps and gaps. The county adds
 * participating organisations and efforts in anyone's name; a participant adds and changes its own.
 */
export function PlanPage() {
  const { id = '' } = useParams();
  const messages = useMessages(competenceMessages);
  const t = messages.plans;
  const months = t.months.split(',');
  const plan = useResource(() => api.get(`/api/v1/competence-plans/${id}`, planDetail), [id]);
  const empty = { organisationName: '', effort: '', targetGroup: '', topics: [], plannedMonth: '1', openToOthers: false };
  const form = useForm(planEntryInput, empty);
  const participantForm = useForm(planParticipantInput, { organisationId: '' }, { idPrefix: 'participant' });
  const [editing, setEditing] = useState<Entry | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = () =>
    form.submit(async (values) => {
      setSaved(null);
      if (editing) {
        const { effort, courseId, targetGroup, topics, plannedMonth, openToOthers } = values;
        plan.setData(
          await api.put(
            `/api/v1/competence-plans/${id}/entries/${editing.id}`,
            { effort, courseId, targetGroup, topics, plannedMonth, openToOthers, version: editing.version },
            planDetail,
          ),
        );
        setEditing(null);
      } else {
        plan.setData(await api.post(`/api/v1/competence-plans/${id}/entries`, values, planDetail));
      }
      form.setValues(empty);
      setSaved(messages.common.saved);
    });
  const addParticipant = () =>
    participantForm.submit(async (values) => {
      setSaved(null);
      plan.setData(await api.post(`/api/v1/competence-plans/${id}/participants`, values, planDetail));
      participantForm.setValues({ organisationId: '' });
      setSaved(t.participantAdded);
    });
  const removeParticipant = async (participant: { organisationId: string; name: string }) => {
    setSaved(null);
    plan.setData(await api.delete(`/api/v1/competence-plans/${id}/participants/${participant.organisationId}`, planDetail));
    setSaved(interpolate(t.participantRemoved, { name: participant.name }));
    // The button is gone with the participant; focus goes back to the list's heading.
    document.getElementById('plan-participants')?.focus();
  };
  const startEditing = (entry: Entry) => {
    setSaved(null);
    setEditing(entry);
    form.setValues({
      organisationName: '',
      effort: entry.effort,
      targetGroup: entry.targetGroup,
      topics: entry.topics,
      plannedMonth: String(entry.plannedMonth),
      openToOthers: entry.openToOthers,
      courseId: entry.courseId,
    });
    document.getElementById(form.fieldId('effort'))?.focus();
  };
  if (plan.error) return <ProblemPage error={plan.error} />;
  if (!plan.data) return <Loading />;
  const data = plan.data;
  return (
    <Page title={data.title} hasErrors={form.summary.length + participantForm.summary.length > 0}>
      <ErrorSummary errors={[...participantForm.summary, ...form.summary]} />
      <p>
        <Link to="/kompetens/planer">{t.title}</Link>
      </p>
      {saved ? (
        <MessageBox variant="success" live>
          <p>{saved}</p>
        </MessageBox>
      ) : null}
      <DataTable
        caption={`${data.countyName} ${data.year}`}
        rows={data.entryList}
        rowKey={(row) => row.id}
        emptyText={t.none}
        columns={[
          { key: 'who', header: t.who, render: (row) => row.organisationName },
          { key: 'what', header: t.what, render: (row) => row.effort },
          { key: 'whom', header: t.forWhom, render: (row) => row.targetGroup },
          { key: 'when', header: t.when, render: (row) => months[row.plannedMonth - 1] },
          { key: 'topics', header: messages.catalogue.topicsColumn, render: (row) => row.topics.map((topic) => messages.common.topics[topic]).join(', ') },
          { key: 'open', header: t.open, render: (row) => (row.openToOthers ? messages.common.yes : messages.common.no) },
          {
            key: 'actions',
            header: t.actions,
            render: (row) =>
              row.editable ? (
                <Button variant="secondary" aria-label={interpolate(t.changeEntry, { effort: row.effort })} onClick={() => startEditing(row)}>
                  {t.change}
                </Button>
              ) : null,
          },
        ]}
      />
      <h2>{t.overlaps}</h2>
      {data.overlaps.length > 0 ? (
        <ul>
          {data.overlaps.map((overlap) => (
            <li key={`${overlap.topic}-${overlap.month}`}>
              {interpolate(t.overlapText, {
                topic: messages.common.topics[overlap.topic],
                month: months[overlap.month - 1] ?? '',
                organisations: overlap.organisations.join(', '),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noOverlaps}</p>
      )}
      <h2>{t.gaps}</h2>
      <p>{data.topicGaps.length > 0 ? data.topicGaps.map((topic) => messages.common.topics[topic]).join(', ') : t.noGaps}</p>
      <h2>{t.municipalitiesWithout}</h2>
      <p>{data.municipalitiesWithout.map((municipality) => municipality.name).join(', ')}</p>
      <h2 id="plan-participants" tabIndex={-1}>
        {t.participants}
      </h2>
      <p>{t.participantsLead}</p>
      {data.participants.length > 0 ? (
        <ul>
          {data.participants.map((participant) => (
            <li key={participant.organisationId}>
              {participant.name}
              {data.own ? (
                <>
                  {' '}
                  <Button variant="tertiary" onClick={() => void removeParticipant(participant)}>
                    {t.removeParticipant}
                    <span className="visually-hidden"> {participant.name}</span>
                  </Button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noParticipants}</p>
      )}
      {data.own ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void addParticipant();
          }}
        >
          <SelectField
            id={participantForm.fieldId('organisationId')}
            label={t.participant}
            placeholder=""
            options={data.organisationChoices.map((choice) => ({ value: choice.id, label: choice.name }))}
            value={participantForm.values.organisationId}
            error={participantForm.errorFor('organisationId')}
            onValue={(value) => participantForm.set('organisationId', value)}
          />
          <Button type="submit" variant="secondary" disabled={participantForm.submitting}>
            {t.addParticipantSubmit}
          </Button>
        </form>
      ) : null}
      <h2>{editing ? interpolate(t.changeEntry, { effort: editing.effort }) : t.addEntry}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {data.own && !editing ? (
          <TextField
            id={form.fieldId('organisationName')}
            label={t.organisation}
            value={String(form.values.organisationName ?? '')}
            error={form.errorFor('organisationName')}
            onValue={(value) => form.set('organisationName', value)}
          />
        ) : (
          <p>{t.ownName}</p>
        )}
        <TextField
          id={form.fieldId('effort')}
          label={t.effort}
          value={form.values.effort}
          error={form.errorFor('effort')}
          onValue={(value) => form.set('effort', value)}
        />
        <TextField
          id={form.fieldId('targetGroup')}
          label={t.targetGroup}
          value={form.values.targetGroup}
          error={form.errorFor('targetGroup')}
          onValue={(value) => form.set('targetGroup', value)}
        />
        <ChoiceGroup
          id={form.fieldId('topics')}
          type="checkbox"
          name="topics"
          label={messages.catalogue.topicsLabel}
          options={COMPETENCE_TOPICS.map((topic) => ({ value: topic, label: messages.common.topics[topic] }))}
          value={(form.values.topics ?? []) as string[]}
          onValue={(value) => form.set('topics', value as typeof form.values.topics)}
        />
        <SelectField
          id={form.fieldId('plannedMonth')}
          label={t.month}
          options={months.map((month, index) => ({ value: String(index + 1), label: month }))}
          value={String(form.values.plannedMonth)}
          error={form.errorFor('plannedMonth')}
          onValue={(value) => form.set('plannedMonth', value)}
        />
        <ChoiceGroup
          id={form.fieldId('openToOthers')}
          type="checkbox"
          name="openToOthers"
          label={t.open}
          options={[{ value: 'yes', label: t.openOption }]}
          value={form.values.openToOthers ? ['yes'] : []}
          onValue={(value) => form.set('openToOthers', value.includes('yes'))}
        />
        <Button type="submit" disabled={form.submitting}>
          {editing ? t.changeSubmit : t.addSubmit}
        </Button>
        {editing ? (
          <Button
            variant="tertiary"
            onClick={() => {
              setEditing(null);
              form.setValues(empty);
            }}
          >
            {t.cancelChange}
          </Button>
        ) : null}
      </form>
    </Page>
  );
}
