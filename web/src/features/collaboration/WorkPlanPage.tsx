import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import {
  ACTIVITY_STATUSES,
  activityRequest,
  createReportRequest,
  goalRequest,
  reportDetail,
  updateWorkPlanRequest,
  workPlanDetail,
  type Goal,
  type OrganisationOptions,
  type WorkPlanDetail,
} from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { message } from '#shared/validation.ts';
import { goalIndicatorRequest, indicatorList } from '#shared/contracts/follow-up.ts';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { optionsOf, useOrganisations } from './helpers.ts';
import { collaborationMessages } from './messages.ts';
import { SavedNotice } from './SavedNotice.tsx';
import { PlanFields } from './PlanFields.tsx';
import { Timeline } from './Timeline.tsx';

type Props = { plan: WorkPlanDetail; onSaved(next: WorkPlanDetail): void };

/**
 * One goal and its sub-goals. The follow-up feature (issue 7) shows each goal's linked indicators
 * — current value and target — here, under the goal they measure (ADR 0062).
 */
/** A goal's linked follow-up indicators with this year's value and the target (ADR 0062). */
function GoalIndicators({ goal }: { goal: Goal }) {
  const t = useMessages(collaborationMessages).plan;
  if (goal.indicators.length === 0) return null;
  return (
    <ul className="goal-indicators">
      {goal.indicators.map((indicator) => (
        <li key={indicator.code}>
          {interpolate(t.indicatorValue, {
            name: indicator.name,
            year: indicator.year,
            value: indicator.hasDataSource ? (indicator.current?.text ?? '–') : t.indicatorNoData,
            target: indicator.target === null ? t.indicatorNoTarget : indicator.unit === 'share' ? `${indicator.target} %` : String(indicator.target),
          })}
        </li>
      ))}
    </ul>
  );
}

function GoalItem({ goal, subGoals }: { goal: Goal; subGoals: Goal[] }) {
  return (
    <li>
      <strong>{goal.title}</strong>
      {goal.description ? <p>{goal.description}</p> : null}
      <GoalIndicators goal={goal} />
      {subGoals.length > 0 ? (
        <ol>
          {subGoals.map((sub) => (
            <li key={sub.id}>
              {sub.title}
              {sub.description ? <p>{sub.description}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** Links a goal to an indicator of the follow-up catalogue (issue 9). */
function LinkIndicator({ plan, onSaved }: Props) {
  const t = useMessages(collaborationMessages).plan;
  const indicators = useResource(() => api.get('/api/v1/indicators', indicatorList), []);
  const form = useForm(
    z.object({ goalId: z.string().uuid(message('collaboration_goal_required')), indicatorCode: goalIndicatorRequest.shape.indicatorCode }),
    { goalId: '', indicatorCode: '' },
    { idPrefix: 'goal-indicator' },
  );
  const [linked, setLinked] = useState<string | null>(null);
  return (
    <section aria-labelledby="link-indicator-heading">
      <h3 id="link-indicator-heading">{t.linkIndicatorHeading}</h3>
      <SavedNotice text={linked} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setLinked(null);
          void form.submit(async (data) => {
            onSaved(await api.post(`/api/v1/work-plans/${plan.id}/goals/${data.goalId}/indicators`, { indicatorCode: data.indicatorCode }, workPlanDetail));
            setLinked(t.indicatorLinked);
          });
        }}
      >
        <SelectField
          id={form.fieldId('goalId')}
          label={t.linkGoal}
          placeholder={t.chooseGoal}
          value={form.values.goalId}
          error={form.errorFor('goalId')}
          options={plan.goals.map((goal) => ({ value: goal.id, label: goal.title }))}
          onValue={(value) => form.set('goalId', value)}
        />
        <SelectField
          id={form.fieldId('indicatorCode')}
          label={t.linkIndicator}
          placeholder={t.chooseIndicator}
          value={form.values.indicatorCode}
          error={form.errorFor('indicatorCode')}
          options={(indicators.data?.indicators ?? []).map((indicator) => ({ value: indicator.code, label: indicator.name }))}
          onValue={(value) => form.set('indicatorCode', value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.linkIndicatorSubmit}
          </Button>
        </div>
      </form>
    </section>
  );
}

function AddGoal({ plan, onSaved }: Props) {
  const t = useMessages(collaborationMessages).plan;
  const common = useMessages(collaborationMessages).common;
  const [added, setAdded] = useState<string | null>(null);
  const empty = { title: '', description: '', parentGoalId: '' };
  const form = useForm(goalRequest, empty, { idPrefix: 'goal' });
  return (
    <section aria-labelledby="add-goal-heading">
      <h3 id="add-goal-heading">{t.addGoalHeading}</h3>
      <SavedNotice text={added} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setAdded(null);
          void form.submit(async (data) => {
            onSaved(await api.post(`/api/v1/work-plans/${plan.id}/goals`, data, workPlanDetail));
            setAdded(common.saved);
            form.setValues(empty);
          });
        }}
      >
        <TextField
          id={form.fieldId('title')}
          label={t.goalTitle}
          value={form.values.title}
          error={form.errorFor('title')}
          onValue={(value) => form.set('title', value)}
        />
        <TextArea
          id={form.fieldId('description')}
          label={`${t.goalDescription} ${common.optional}`}
          rows={2}
          value={String(form.values.description ?? '')}
          error={form.errorFor('description')}
          onValue={(value) => form.set('description', value)}
        />
        <SelectField
          id={form.fieldId('parentGoalId')}
          label={t.parentGoal}
          placeholder={t.parentNone}
          options={plan.goals.filter((goal) => goal.parentGoalId === null).map((goal) => ({ value: goal.id, label: goal.title }))}
          value={String(form.values.parentGoalId ?? '')}
          error={form.errorFor('parentGoalId')}
          onValue={(value) => form.set('parentGoalId', value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.addGoal}
          </Button>
        </div>
      </form>
    </section>
  );
}

function AddActivity({ plan, onSaved, organisations }: Props & { organisations: OrganisationOptions['organisations'] }) {
  const t = useMessages(collaborationMessages);
  const [added, setAdded] = useState<string | null>(null);
  const empty = { goalId: '', title: '', description: '', responsibleOrganisationId: '', startsOn: '', endsOn: '', status: 'planned' as const };
  const form = useForm(activityRequest, empty, { idPrefix: 'activity' });
  return (
    <section aria-labelledby="add-activity-heading">
      <h3 id="add-activity-heading">{t.plan.addActivityHeading}</h3>
      <SavedNotice text={added} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setAdded(null);
          void form.submit(async (data) => {
            onSaved(await api.post(`/api/v1/work-plans/${plan.id}/activities`, data, workPlanDetail));
            setAdded(t.common.saved);
            form.setValues(empty);
          });
        }}
      >
        <SelectField
          id={form.fieldId('goalId')}
          label={t.plan.activityGoal}
          placeholder={t.plan.chooseGoal}
          options={plan.goals.map((goal) => ({ value: goal.id, label: goal.title }))}
          value={form.values.goalId}
          error={form.errorFor('goalId')}
          onValue={(value) => form.set('goalId', value)}
        />
        <TextField
          id={form.fieldId('title')}
          label={t.plan.activityTitle}
          value={form.values.title}
          error={form.errorFor('title')}
          onValue={(value) => form.set('title', value)}
        />
        <TextArea
          id={form.fieldId('description')}
          label={`${t.plan.activityDescription} ${t.common.optional}`}
          rows={2}
          value={String(form.values.description ?? '')}
          error={form.errorFor('description')}
          onValue={(value) => form.set('description', value)}
        />
        <SelectField
          id={form.fieldId('responsibleOrganisationId')}
          label={t.plan.responsible}
          placeholder={t.common.chooseOrganisation}
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          value={form.values.responsibleOrganisationId}
          error={form.errorFor('responsibleOrganisationId')}
          onValue={(value) => form.set('responsibleOrganisationId', value)}
        />
        <div className="field-grid">
          <TextField
            id={form.fieldId('startsOn')}
            label={t.plan.starts}
            hint={t.common.dateHint}
            inputMode="numeric"
            autoComplete="off"
            value={form.values.startsOn}
            error={form.errorFor('startsOn')}
            onValue={(value) => form.set('startsOn', value)}
          />
          <TextField
            id={form.fieldId('endsOn')}
            label={t.plan.ends}
            hint={t.common.dateHint}
            inputMode="numeric"
            autoComplete="off"
            value={form.values.endsOn}
            error={form.errorFor('endsOn')}
            onValue={(value) => form.set('endsOn', value)}
          />
        </div>
        <SelectField
          id={form.fieldId('status')}
          label={t.common.status}
          options={optionsOf(ACTIVITY_STATUSES, t.activityStatuses)}
          value={form.values.status}
          onValue={(value) => form.set('status', value as (typeof ACTIVITY_STATUSES)[number])}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.plan.addActivity}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Changing an activity's status, the most frequent change during the year. */
function ActivityStatus({ plan, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState<string | null>(null);
  const schema = z.object({ activityId: z.string().min(1, message('required')), status: z.enum(ACTIVITY_STATUSES) });
  const form = useForm(schema, { activityId: '', status: 'ongoing' }, { idPrefix: 'activity-status' });
  if (plan.activities.length === 0) return null;
  return (
    <section aria-labelledby="activity-status-heading">
      <h3 id="activity-status-heading">{t.plan.statusHeading}</h3>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          void form.submit(async (data) => {
            const activity = plan.activities.find((a) => a.id === data.activityId);
            if (!activity) return;
            const body = {
              version: activity.version,
              goalId: activity.goalId,
              title: activity.title,
              description: activity.description,
              responsibleOrganisationId: activity.responsibleOrganisation.id,
              startsOn: activity.startsOn,
              endsOn: activity.endsOn,
              status: data.status,
            };
            onSaved(await api.put(`/api/v1/work-plans/${plan.id}/activities/${activity.id}`, body, workPlanDetail));
            setSaved(t.common.saved);
          });
        }}
      >
        <SelectField
          id={form.fieldId('activityId')}
          label={t.plan.activity}
          placeholder={t.plan.chooseActivity}
          options={plan.activities.map((activity) => ({ value: activity.id, label: activity.title }))}
          value={form.values.activityId}
          error={form.errorFor('activityId')}
          onValue={(value) => form.set('activityId', value)}
        />
        <SelectField
          id={form.fieldId('status')}
          label={t.common.status}
          options={optionsOf(ACTIVITY_STATUSES, t.activityStatuses)}
          value={form.values.status}
          onValue={(value) => form.set('status', value as (typeof ACTIVITY_STATUSES)[number])}
        />
        <Button type="submit" variant="secondary" disabled={form.submitting}>
          {t.common.save}
        </Button>
      </form>
    </section>
  );
}

function Reports({ plan }: { plan: WorkPlanDetail }) {
  const t = useMessages(collaborationMessages).plan;
  const common = useMessages(collaborationMessages).common;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const form = useForm(createReportRequest, { year: Number(plan.today.slice(0, 4)) }, { idPrefix: 'report' });
  return (
    <>
      <DataTable
        caption={t.reportsCaption}
        rows={plan.reports}
        rowKey={(row) => row.id}
        emptyText={t.noReports}
        columns={[
          {
            key: 'year',
            header: t.year,
            render: (row) => <Link to={`/samverkan/arbetsplaner/${plan.id}/redovisningar/${row.id}`}>{interpolate(t.reportLink, { year: row.year })}</Link>,
          },
          {
            key: 'status',
            header: common.status,
            render: (row) => (row.frozenAt ? interpolate(t.frozenOn, { date: formatDate(row.frozenAt.slice(0, 10), locale) }) : t.draft),
          },
        ]}
      />
      {plan.permissions.record ? (
        <>
          <ErrorSummary errors={form.summary} />
          <form
            noValidate
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void form.submit(async (data) => {
                const created = await api.post(`/api/v1/work-plans/${plan.id}/reports`, data, reportDetail);
                navigate(`/samverkan/arbetsplaner/${plan.id}/redovisningar/${created.id}`);
              });
            }}
          >
            <TextField
              id={form.fieldId('year')}
              label={t.year}
              hint={t.createReportHint}
              inputMode="numeric"
              value={String(form.values.year)}
              error={form.errorFor('year')}
              onValue={(value) => form.set('year', Number(value))}
            />
            <Button type="submit" variant="secondary" disabled={form.submitting}>
              {t.createReport}
            </Button>
          </form>
        </>
      ) : null}
    </>
  );
}

function EditPlan({ plan, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(
    updateWorkPlanRequest,
    {
      version: plan.version,
      title: plan.title,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      purpose: plan.purpose ?? '',
      baselineExisting: plan.baselineExisting ?? '',
      baselineMissing: plan.baselineMissing ?? '',
    },
    { idPrefix: 'edit-plan' },
  );
  return (
    <details className="edit-details">
      <summary>{t.plan.editPlan}</summary>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            onSaved(await api.put(`/api/v1/work-plans/${plan.id}`, { ...data, version: plan.version }, workPlanDetail));
            setSaved(t.common.saved);
          });
        }}
      >
        <PlanFields form={form} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.common.save}
          </Button>
        </div>
      </form>
    </details>
  );
}

/** A work plan: purpose, baseline, goals and sub-goals, the activity and time plan, and the yearly reports. */
export default function WorkPlanPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const detail = useResource(() => api.get(`/api/v1/work-plans/${id}`, workPlanDetail), [id]);
  const organisations = useOrganisations();
  const { can } = useSession();
  if (detail.error) return <ProblemPage error={detail.error} />;
  if (!detail.data || !organisations.data) return <Loading />;
  const plan = detail.data;
  const record = plan.permissions.record;
  const onSaved = (next: WorkPlanDetail) => detail.setData(next);
  const topGoals = plan.goals.filter((goal) => goal.parentGoalId === null);
  return (
    <Page title={plan.title} lead={`${plan.bodyName}, ${formatDate(plan.periodStart, locale)} – ${formatDate(plan.periodEnd, locale)}`}>
      <p>
        <Link to={`/samverkan/grupper/${plan.bodyId}`}>{interpolate(t.common.back, { title: plan.bodyName })}</Link>
      </p>
      <h2>{t.plan.purpose}</h2>
      <p className="preserve-lines">{plan.purpose ?? t.plan.notDescribed}</p>
      <h2>{t.plan.baseline}</h2>
      <SummaryList
        rows={[
          { key: t.plan.existing, value: <span className="preserve-lines">{plan.baselineExisting ?? t.plan.notDescribed}</span> },
          { key: t.plan.missing, value: <span className="preserve-lines">{plan.baselineMissing ?? t.plan.notDescribed}</span> },
        ]}
      />
      {record ? <EditPlan plan={plan} onSaved={onSaved} /> : null}

      <h2>{t.plan.goals}</h2>
      {topGoals.length === 0 ? (
        <p>{t.plan.noGoals}</p>
      ) : (
        <ol className="goal-list">
          {topGoals.map((goal) => (
            <GoalItem key={goal.id} goal={goal} subGoals={plan.goals.filter((sub) => sub.parentGoalId === goal.id)} />
          ))}
        </ol>
      )}
      {record ? <AddGoal plan={plan} onSaved={onSaved} /> : null}
      {record && can('indicators.read') && plan.goals.length > 0 ? <LinkIndicator plan={plan} onSaved={onSaved} /> : null}

      <h2>{t.plan.timeline}</h2>
      <p className="muted">{interpolate(t.plan.timelineLead, { today: formatDate(plan.today, locale) })}</p>
      <Timeline activities={plan.activities} goals={plan.goals} periodStart={plan.periodStart} periodEnd={plan.periodEnd} today={plan.today} />
      {record ? <ActivityStatus plan={plan} onSaved={onSaved} /> : null}
      {record && plan.goals.length > 0 ? <AddActivity plan={plan} onSaved={onSaved} organisations={organisations.data.organisations} /> : null}

      <h2>{t.plan.reports}</h2>
      <Reports plan={plan} />
    </Page>
  );
}
