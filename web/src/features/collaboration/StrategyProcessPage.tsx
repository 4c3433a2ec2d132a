import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import {
  consultationRequest,
  PROCESS_STATUSES,
  RESPONSE_STATUSES,
  respondentRequest,
  responseRequest,
  STEP_STATUSES,
  stepRequest,
  strategyProcessDetail,
  type Consultation,
  type OrganisationOptions,
  type Respondent,
  type StrategyProcessDetail,
} from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { message } from '#shared/validation.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { optionsOf, useOrganisations } from './helpers.ts';
import { collaborationMessages } from './messages.ts';
import { SavedNotice } from './SavedNotice.tsx';

type Props = { process: StrategyProcessDetail; onSaved(next: StrategyProcessDetail): void };
const base = (process: StrategyProcessDetail) => `/api/v1/strategy-processes/${process.id}`;

function ProcessStatus({ process, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(z.object({ status: z.enum(PROCESS_STATUSES) }), { status: process.status }, { idPrefix: 'process-status' });
  return (
    <section aria-labelledby="process-status-heading">
      <h3 id="process-status-heading">{t.strategy.processStatusHeading}</h3>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          void form.submit(async (data) => {
            const body = {
              version: process.version,
              title: process.title,
              countyCode: process.county?.code ?? null,
              description: process.description,
              startsOn: process.startsOn,
              status: data.status,
            };
            onSaved(await api.put(base(process), body, strategyProcessDetail));
            setSaved(t.common.saved);
          });
        }}
      >
        <SelectField
          id={form.fieldId('status')}
          label={t.common.status}
          options={optionsOf(PROCESS_STATUSES, t.processStatuses)}
          value={form.values.status}
          onValue={(value) => form.set('status', value as (typeof PROCESS_STATUSES)[number])}
        />
        <Button type="submit" variant="secondary" disabled={form.submitting}>
          {t.common.save}
        </Button>
      </form>
    </section>
  );
}

function StepStatus({ process, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState<string | null>(null);
  const schema = z.object({ stepId: z.string().min(1, message('required')), status: z.enum(STEP_STATUSES) });
  const form = useForm(schema, { stepId: '', status: 'done' }, { idPrefix: 'step-status' });
  return (
    <section aria-labelledby="step-status-heading">
      <h3 id="step-status-heading">{t.strategy.statusHeading}</h3>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          void form.submit(async (data) => {
            const step = process.stepList.find((candidate) => candidate.id === data.stepId);
            if (!step) return;
            const body = {
              version: step.version,
              step: step.step,
              activity: step.activity,
              deadline: step.deadline,
              challenge: step.challenge,
              responsible: step.responsible,
              status: data.status,
            };
            onSaved(await api.put(`${base(process)}/steps/${step.id}`, body, strategyProcessDetail));
            setSaved(t.common.saved);
          });
        }}
      >
        <SelectField
          id={form.fieldId('stepId')}
          label={t.strategy.step}
          placeholder={t.strategy.chooseStep}
          options={process.stepList.map((step) => ({ value: step.id, label: step.step }))}
          value={form.values.stepId}
          error={form.errorFor('stepId')}
          onValue={(value) => form.set('stepId', value)}
        />
        <SelectField
          id={form.fieldId('status')}
          label={t.common.status}
          options={optionsOf(STEP_STATUSES, t.stepStatuses)}
          value={form.values.status}
          onValue={(value) => form.set('status', value as (typeof STEP_STATUSES)[number])}
        />
        <Button type="submit" variant="secondary" disabled={form.submitting}>
          {t.common.save}
        </Button>
      </form>
    </section>
  );
}

function AddStep({ process, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState<string | null>(null);
  const empty = { step: '', activity: '', deadline: '', challenge: '', responsible: '', status: 'not_started' as const };
  const form = useForm(stepRequest, empty, { idPrefix: 'step' });
  return (
    <section aria-labelledby="add-step-heading">
      <h3 id="add-step-heading">{t.strategy.addStepHeading}</h3>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          void form.submit(async (data) => {
            onSaved(await api.post(`${base(process)}/steps`, data, strategyProcessDetail));
            setSaved(t.common.saved);
            form.setValues(empty);
          });
        }}
      >
        <TextField
          id={form.fieldId('step')}
          label={t.strategy.step}
          value={form.values.step}
          error={form.errorFor('step')}
          onValue={(value) => form.set('step', value)}
        />
        <TextArea
          id={form.fieldId('activity')}
          label={t.strategy.activity}
          rows={3}
          value={form.values.activity}
          error={form.errorFor('activity')}
          onValue={(value) => form.set('activity', value)}
        />
        <TextField
          id={form.fieldId('deadline')}
          label={t.strategy.deadline}
          hint={t.common.dateHint}
          inputMode="numeric"
          autoComplete="off"
          value={form.values.deadline}
          error={form.errorFor('deadline')}
          onValue={(value) => form.set('deadline', value)}
        />
        <TextArea
          id={form.fieldId('challenge')}
          label={`${t.strategy.challenge} ${t.common.optional}`}
          rows={2}
          value={String(form.values.challenge ?? '')}
          error={form.errorFor('challenge')}
          onValue={(value) => form.set('challenge', value)}
        />
        <TextField
          id={form.fieldId('responsible')}
          label={t.strategy.responsible}
          value={form.values.responsible}
          error={form.errorFor('responsible')}
          onValue={(value) => form.set('responsible', value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.strategy.addStep}
          </Button>
        </div>
      </form>
    </section>
  );
}

function StartConsultation({ process, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const form = useForm(consultationRequest, { title: '', sentOn: '', answerWeeks: 6 }, { idPrefix: 'consultation' });
  return (
    <section aria-labelledby="consultation-heading">
      <h3 id="consultation-heading">{t.strategy.consultationHeading}</h3>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => onSaved(await api.post(`${base(process)}/consultations`, data, strategyProcessDetail)));
        }}
      >
        <TextField
          id={form.fieldId('title')}
          label={t.strategy.consultationTitle}
          value={form.values.title}
          error={form.errorFor('title')}
          onValue={(value) => form.set('title', value)}
        />
        <TextField
          id={form.fieldId('sentOn')}
          label={t.strategy.sentOn}
          hint={t.common.dateHint}
          inputMode="numeric"
          autoComplete="off"
          value={form.values.sentOn}
          error={form.errorFor('sentOn')}
          onValue={(value) => form.set('sentOn', value)}
        />
        <TextField
          id={form.fieldId('answerWeeks')}
          label={t.strategy.answerWeeks}
          hint={t.strategy.answerWeeksHint}
          inputMode="numeric"
          value={String(form.values.answerWeeks)}
          error={form.errorFor('answerWeeks')}
          onValue={(value) => form.set('answerWeeks', Number(value))}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.strategy.startConsultation}
          </Button>
        </div>
      </form>
    </section>
  );
}

function AddRespondent({
  process,
  consultation,
  onSaved,
  organisations,
}: Props & { consultation: Consultation; organisations: OrganisationOptions['organisations'] }) {
  const t = useMessages(collaborationMessages);
  const empty = { organisationId: '', organisationName: '' };
  const form = useForm(respondentRequest, empty, { idPrefix: `respondent-${consultation.id}` });
  return (
    <section aria-labelledby={`add-respondent-${consultation.id}`}>
      <h4 id={`add-respondent-${consultation.id}`}>{t.strategy.addRespondentHeading}</h4>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            onSaved(await api.post(`${base(process)}/consultations/${consultation.id}/respondents`, data, strategyProcessDetail));
            form.setValues(empty);
          });
        }}
      >
        <SelectField
          id={form.fieldId('organisationId')}
          label={t.strategy.respondentOrganisation}
          placeholder={t.common.chooseOrganisation}
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          value={String(form.values.organisationId ?? '')}
          error={form.errorFor('organisationId')}
          onValue={(value) => form.set('organisationId', value)}
        />
        <TextField
          id={form.fieldId('organisationName')}
          label={t.strategy.respondentName}
          value={String(form.values.organisationName ?? '')}
          error={form.errorFor('organisationName')}
          onValue={(value) => form.set('organisationName', value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.strategy.addRespondent}
          </Button>
        </div>
      </form>
    </section>
  );
}

function RecordAnswer({ process, consultation, respondent, onSaved }: Props & { consultation: Consultation; respondent: Respondent }) {
  const t = useMessages(collaborationMessages);
  const form = useForm(
    responseRequest,
    { version: respondent.version, status: respondent.status, answeredOn: respondent.answeredOn ?? '', answer: respondent.answer ?? '' },
    { idPrefix: `answer-${respondent.id}` },
  );
  return (
    <details className="edit-details">
      <summary>{interpolate(t.strategy.recordHeading, { name: respondent.name })}</summary>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) =>
            onSaved(await api.put(`${base(process)}/consultations/${consultation.id}/respondents/${respondent.id}`, data, strategyProcessDetail)),
          );
        }}
      >
        <SelectField
          id={form.fieldId('status')}
          label={t.common.status}
          options={optionsOf(RESPONSE_STATUSES, t.responseStatuses)}
          value={form.values.status}
          onValue={(value) => form.set('status', value as (typeof RESPONSE_STATUSES)[number])}
        />
        <TextField
          id={form.fieldId('answeredOn')}
          label={t.strategy.answerDate}
          hint={t.common.dateHint}
          inputMode="numeric"
          autoComplete="off"
          value={String(form.values.answeredOn ?? '')}
          error={form.errorFor('answeredOn')}
          onValue={(value) => form.set('answeredOn', value)}
        />
        <TextArea
          id={form.fieldId('answer')}
          label={t.strategy.answerText}
          rows={3}
          value={String(form.values.answer ?? '')}
          error={form.errorFor('answer')}
          onValue={(value) => form.set('answer', value)}
        />
        <Button type="submit" variant="secondary" disabled={form.submitting}>
          {interpolate(t.strategy.saveAnswer, { name: respondent.name })}
        </Button>
      </form>
    </details>
  );
}

/** A county strategy process: its activity plan (step, activity, deadline, challenge, responsible) and consultation rounds. */
export default function StrategyProcessPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const detail = useResource(() => api.get(`/api/v1/strategy-processes/${id}`, strategyProcessDetail), [id]);
  const organisations = useOrganisations();
  if (detail.error) return <ProblemPage error={detail.error} />;
  if (!detail.data || !organisations.data) return <Loading />;
  const process = detail.data;
  const organisationList = organisations.data.organisations;
  const onSaved = (next: StrategyProcessDetail) => detail.setData(next);
  return (
    <Page title={process.title} lead={`${process.county?.name ?? ''} ${t.processStatuses[process.status]}`.trim()}>
      <p>
        <Link to="/samverkan/strategier">{interpolate(t.common.back, { title: t.strategy.title })}</Link>
      </p>
      {process.description ? <p className="preserve-lines">{process.description}</p> : null}
      {process.mayManage ? <ProcessStatus process={process} onSaved={onSaved} /> : <p className="muted">{t.strategy.mayNotManage}</p>}
      <h2>{t.strategy.activityPlan}</h2>
      <DataTable
        caption={t.strategy.activityPlanCaption}
        rows={process.stepList}
        rowKey={(row) => row.id}
        columns={[
          { key: 'step', header: t.strategy.step, render: (row) => row.step },
          { key: 'activity', header: t.strategy.activity, render: (row) => row.activity },
          {
            key: 'deadline',
            header: t.strategy.deadline,
            render: (row) => (
              <>
                {formatDate(row.deadline, locale)}
                {row.overdue ? (
                  <>
                    {' '}
                    <span className="status-tag status-tag--warning">{t.strategy.overdue}</span>
                  </>
                ) : null}
              </>
            ),
          },
          { key: 'challenge', header: t.strategy.challenge, render: (row) => row.challenge ?? t.common.none },
          { key: 'responsible', header: t.strategy.responsible, render: (row) => row.responsible },
          { key: 'status', header: t.common.status, render: (row) => t.stepStatuses[row.status] },
        ]}
      />
      {process.mayManage && process.stepList.length > 0 ? <StepStatus process={process} onSaved={onSaved} /> : null}
      {process.mayManage ? <AddStep process={process} onSaved={onSaved} /> : null}

      <h2>{t.strategy.consultations}</h2>
      {process.consultations.length === 0 ? <p>{t.strategy.noConsultation}</p> : null}
      {process.consultations.map((consultation) => (
        <section key={consultation.id} aria-labelledby={`consultation-${consultation.id}`}>
          <h3 id={`consultation-${consultation.id}`}>
            {interpolate(t.strategy.round, {
              title: consultation.title,
              sent: formatDate(consultation.sentOn, locale),
              due: formatDate(consultation.respondBy, locale),
            })}
          </h3>
          <DataTable
            caption={t.strategy.respondentsCaption}
            rows={consultation.respondents}
            rowKey={(row) => row.id}
            emptyText={t.strategy.noRespondents}
            columns={[
              { key: 'name', header: t.strategy.respondent, render: (row) => row.name },
              { key: 'status', header: t.common.status, render: (row) => t.responseStatuses[row.status] },
              { key: 'answeredOn', header: t.strategy.answeredOn, render: (row) => (row.answeredOn ? formatDate(row.answeredOn, locale) : t.common.none) },
              { key: 'answer', header: t.strategy.answer, render: (row) => row.answer ?? t.common.none },
            ]}
          />
          {process.mayManage
            ? consultation.respondents.map((respondent) => (
                <RecordAnswer
                  key={`${respondent.id}-${respondent.version}`}
                  process={process}
                  consultation={consultation}
                  respondent={respondent}
                  onSaved={onSaved}
                />
              ))
            : null}
          {process.mayManage ? <AddRespondent process={process} consultation={consultation} onSaved={onSaved} organisations={organisationList} /> : null}
        </section>
      ))}
      {process.mayManage ? <StartConsultation process={process} onSaved={onSaved} /> : null}
    </Page>
  );
}
