import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import {
  agendaRequest,
  ATTACHMENT_MAX_BYTES,
  attachmentSchema,
  DECISION_STATUSES,
  decisionFollowUpRequest,
  decisionRequest,
  MEETING_STATUSES,
  meetingDetail,
  minutesRequest,
  updateMeetingRequest,
  type Decision,
  type MeetingDetail,
  type OrganisationOptions,
} from '#shared/contracts/collaboration.ts';
import { formatNumber } from '#shared/format/number.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { message } from '#shared/validation.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSignedInSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { DecisionDue } from './DecisionDue.tsx';
import { meetingWhen, optionsOf, reference, uploadFile, useOrganisations } from './helpers.ts';
import { MeetingFields } from './MeetingFields.tsx';
import { collaborationMessages } from './messages.ts';
import { SavedNotice } from './SavedNotice.tsx';

/**
 * Every change to a meeting moves its version on, so each form sends the version of the meeting
 * as last loaded, not the one it was opened with: the forms stay (with their notices) across saves.
 */
type Props = { meeting: MeetingDetail; onSaved(next: MeetingDetail): void };

function EditMeeting({ meeting, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(
    updateMeetingRequest,
    {
      version: meeting.version,
      title: meeting.title,
      date: meeting.date,
      startTime: meeting.startTime,
      endTime: meeting.endTime,
      location: meeting.location ?? '',
      onlineUrl: meeting.onlineUrl ?? '',
      convenerMemberId: meeting.convener?.memberId ?? '',
      status: meeting.status,
    },
    { idPrefix: 'edit-meeting' },
  );
  return (
    <details className="edit-details">
      <summary>{t.meeting.edit}</summary>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            onSaved(await api.put(`/api/v1/meetings/${meeting.id}`, { ...data, version: meeting.version }, meetingDetail));
            setSaved(t.common.saved);
          });
        }}
      >
        <MeetingFields form={form} members={meeting.members} />
        <SelectField
          id={form.fieldId('status')}
          label={t.meetingForm.statusLabel}
          options={optionsOf(MEETING_STATUSES, t.meetingStatuses)}
          value={form.values.status}
          onValue={(value) => form.set('status', value as (typeof MEETING_STATUSES)[number])}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.common.save}
          </Button>
        </div>
      </form>
    </details>
  );
}

function AgendaEditor({ meeting, onSaved }: Props) {
  const t = useMessages(collaborationMessages).meeting;
  const common = useMessages(collaborationMessages).common;
  const [saved, setSaved] = useState<string | null>(null);
  const initialItems = meeting.agenda.map((item) => ({ title: item.title, presenter: item.presenter ?? '' }));
  const form = useForm(
    agendaRequest,
    { version: meeting.version, items: initialItems.length > 0 ? initialItems : [{ title: '', presenter: '' }] },
    { idPrefix: 'agenda' },
  );
  const items = form.values.items;
  const setItem = (index: number, key: 'title' | 'presenter', value: string) =>
    form.set(
      'items',
      items.map((item, i) => (i === index ? { ...item, [key]: value } : item)),
    );
  return (
    <>
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            onSaved(await api.put(`/api/v1/meetings/${meeting.id}/agenda`, { ...data, version: meeting.version }, meetingDetail));
            setSaved(common.saved);
          });
        }}
      >
        <ol className="agenda-editor">
          {items.map((item, index) => (
            <li key={index} className="agenda-editor__item">
              <TextField
                id={form.fieldId(`items.${index}.title`)}
                label={interpolate(t.itemTitle, { number: index + 1 })}
                value={item.title}
                error={form.errorFor(`items.${index}.title`)}
                onValue={(value) => setItem(index, 'title', value)}
              />
              <TextField
                id={form.fieldId(`items.${index}.presenter`)}
                label={`${interpolate(t.presenter, { number: index + 1 })} ${common.optional}`}
                value={String(item.presenter ?? '')}
                error={form.errorFor(`items.${index}.presenter`)}
                onValue={(value) => setItem(index, 'presenter', value)}
              />
              <Button
                variant="tertiary"
                onClick={() =>
                  form.set(
                    'items',
                    items.filter((_, i) => i !== index),
                  )
                }
              >
                {interpolate(t.removeItem, { number: index + 1 })}
              </Button>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <Button variant="secondary" onClick={() => form.set('items', [...items, { title: '', presenter: '' }])}>
            {t.addItem}
          </Button>
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.saveAgenda}
          </Button>
        </div>
      </form>
    </>
  );
}

function sizeText(bytes: number, t: { kb: string; mb: string }, locale: Locale): string {
  return bytes >= 1024 * 1024
    ? interpolate(t.mb, { size: formatNumber(bytes / (1024 * 1024), locale, 1) })
    : interpolate(t.kb, { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) });
}

function Attachments({ meeting, onChanged }: { meeting: MeetingDetail; onChanged(): Promise<void> }) {
  const t = useMessages(collaborationMessages).meeting;
  const app = useMessages(appMessages);
  const { locale } = useLocale();
  const session = useSignedInSession();
  const file = useRef<HTMLInputElement>(null);
  const [done, setDone] = useState<string | null>(null);
  // The chosen file's name and size stand in for the file in the form: no file, or one over the
  // limit, is a field error before anything is sent (the server checks again, and the content).
  const choice = z.object({ file: z.string(), size: z.number() }).superRefine((value, context) => {
    if (!value.file) context.addIssue({ code: 'custom', path: ['file'], message: message('required') });
    else if (value.size > ATTACHMENT_MAX_BYTES)
      context.addIssue({ code: 'custom', path: ['file'], message: message('collaboration_file_too_large', { max: ATTACHMENT_MAX_BYTES / (1024 * 1024) }) });
  });
  const form = useForm(choice, { file: '', size: 0 }, { idPrefix: 'attachment' });
  const removal = useForm(z.object({}), {}, { idPrefix: 'remove-attachment' });
  const fileError = form.errorFor('file');
  const max = ATTACHMENT_MAX_BYTES / (1024 * 1024);
  return (
    <>
      <ErrorSummary errors={removal.summary} />
      {meeting.attachments.length === 0 ? (
        <p>{t.noAttachments}</p>
      ) : (
        <ul className="plain-list" id={removal.fieldId('form')} tabIndex={-1}>
          {meeting.attachments.map((attachment) => (
            <li key={attachment.id} className="table-actions">
              <a href={`/api/v1/meetings/${meeting.id}/attachments/${attachment.id}`} download={attachment.filename}>
                {interpolate(t.download, { name: attachment.filename, size: sizeText(attachment.sizeBytes, t.size, locale) })}
              </a>
              {meeting.permissions.record ? (
                <Button
                  variant="tertiary"
                  disabled={removal.submitting}
                  onClick={() =>
                    void removal.submit(async () => {
                      await api.delete(`/api/v1/meetings/${meeting.id}/attachments/${attachment.id}`);
                      await onChanged();
                    })
                  }
                >
                  {interpolate(t.removeAttachment, { name: attachment.filename })}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {meeting.permissions.record ? (
        <>
          <SavedNotice text={done} />
          <ErrorSummary errors={form.summary} />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setDone(null);
              const chosen = file.current?.files?.[0];
              void form.submit(async () => {
                if (!chosen) return;
                const url = `/api/v1/meetings/${meeting.id}/attachments?filename=${encodeURIComponent(chosen.name)}`;
                const attached = await uploadFile(url, chosen, session.csrfToken, (value) => attachmentSchema.parse(value));
                setDone(interpolate(t.uploaded, { name: attached.filename }));
                if (file.current) file.current.value = '';
                form.setValues({ file: '', size: 0 });
                await onChanged();
              });
            }}
          >
            <div className={`text-field${fileError ? ' text-field--error' : ''}`}>
              <label className="label" htmlFor="attachment-file">
                {t.file}
                <span className="label__description" id="attachment-file-hint">
                  {interpolate(t.fileHint, { max })}
                </span>
                {fileError ? (
                  <span className="label__message label__message--error" id="attachment-file-error">
                    <span className="visually-hidden">{app.errorPrefix}</span>
                    {fileError}
                  </span>
                ) : null}
              </label>
              <input
                ref={file}
                id="attachment-file"
                className="file-input"
                type="file"
                accept=".pdf,.docx,.xlsx,.pptx"
                aria-invalid={fileError ? true : undefined}
                aria-describedby={`attachment-file-hint${fileError ? ' attachment-file-error' : ''}`}
                onChange={(event) => form.setValues({ file: event.target.files?.[0]?.name ?? '', size: event.target.files?.[0]?.size ?? 0 })}
              />
            </div>
            <div className="form-actions">
              <Button type="submit" variant="secondary" disabled={form.submitting}>
                {t.upload}
              </Button>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
}

function Minutes({ meeting, onSaved }: Props) {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(minutesRequest, { version: meeting.version, minutes: meeting.minutes ?? '' }, { idPrefix: 'minutes' });
  if (!meeting.permissions.record) return <p className="preserve-lines">{meeting.minutes ?? t.common.none}</p>;
  return (
    <>
      {meeting.minutesRecordedAt ? (
        <p className="muted">{interpolate(t.meeting.minutesRecorded, { when: formatDateTime(meeting.minutesRecordedAt, locale) })}</p>
      ) : null}
      <SavedNotice text={saved} />
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            onSaved(await api.put(`/api/v1/meetings/${meeting.id}/minutes`, { ...data, version: meeting.version }, meetingDetail));
            setSaved(t.common.saved);
          });
        }}
      >
        <TextArea
          id={form.fieldId('minutes')}
          label={t.meeting.minutesLabel}
          rows={8}
          value={form.values.minutes}
          error={form.errorFor('minutes')}
          onValue={(value) => form.set('minutes', value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={form.submitting}>
            {t.meeting.saveMinutes}
          </Button>
        </div>
      </form>
    </>
  );
}

function FollowUp({ meeting, decision, onSaved }: Props & { decision: Decision }) {
  const t = useMessages(collaborationMessages);
  const form = useForm(
    decisionFollowUpRequest,
    { version: decision.version, status: decision.status, followUp: decision.followUp ?? '' },
    { idPrefix: `follow-up-${decision.id}` },
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(async (data) => onSaved(await api.put(`/api/v1/meetings/${meeting.id}/decisions/${decision.id}`, data, meetingDetail)));
      }}
    >
      <ErrorSummary errors={form.summary} />
      <SelectField
        id={form.fieldId('status')}
        label={t.common.status}
        options={optionsOf(DECISION_STATUSES, t.decisionStatuses)}
        value={form.values.status}
        onValue={(value) => form.set('status', value as (typeof DECISION_STATUSES)[number])}
      />
      <TextArea
        id={form.fieldId('followUp')}
        label={t.meeting.followUpText}
        rows={3}
        value={String(form.values.followUp ?? '')}
        error={form.errorFor('followUp')}
        onValue={(value) => form.set('followUp', value)}
      />
      <Button type="submit" variant="secondary" disabled={form.submitting}>
        {interpolate(t.meeting.saveFollowUp, { reference: reference(decision) })}
      </Button>
    </form>
  );
}

function Decisions({ meeting, onSaved, organisations }: Props & { organisations: OrganisationOptions['organisations'] }) {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const [saved, setSaved] = useState<string | null>(null);
  const empty = { text: '', responsibleOrganisationId: '', responsiblePerson: '', dueOn: '' };
  const form = useForm(decisionRequest, empty, { idPrefix: 'decision' });
  return (
    <>
      {meeting.decisions.length === 0 ? <p>{t.meeting.noDecisions}</p> : null}
      {meeting.decisions.map((decision) => (
        <article key={`${decision.id}-${decision.version}`} className="decision" aria-labelledby={`decision-${decision.id}`}>
          <h3 id={`decision-${decision.id}`}>{interpolate(t.meeting.decision, { reference: reference(decision) })}</h3>
          <p>{decision.text}</p>
          <SummaryList
            rows={[
              { key: t.common.date, value: formatDate(decision.decidedOn, locale) },
              {
                key: t.plan.responsible,
                value: [decision.responsibleOrganisation?.name, decision.responsiblePerson].filter(Boolean).join(', ') || t.common.none,
              },
              { key: t.meeting.dueOn, value: <DecisionDue decision={decision} /> },
              { key: t.common.status, value: t.decisionStatuses[decision.status] },
              { key: t.meeting.followUp, value: decision.followUp ?? t.common.none },
            ]}
          />
          {meeting.permissions.record ? <FollowUp meeting={meeting} decision={decision} onSaved={onSaved} /> : null}
        </article>
      ))}
      {meeting.permissions.record ? (
        <section aria-labelledby="add-decision-heading">
          <h3 id="add-decision-heading">{t.meeting.addDecision}</h3>
          <SavedNotice text={saved} />
          <ErrorSummary errors={form.summary} />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setSaved(null);
              void form.submit(async (data) => {
                const next = await api.post(`/api/v1/meetings/${meeting.id}/decisions`, data, meetingDetail);
                const added = next.decisions.at(-1);
                setSaved(added ? interpolate(t.meeting.decision, { reference: reference(added) }) : t.common.saved);
                form.setValues(empty);
                onSaved(next);
              });
            }}
          >
            <TextArea
              id={form.fieldId('text')}
              label={t.meeting.decisionText}
              rows={3}
              value={form.values.text}
              error={form.errorFor('text')}
              onValue={(value) => form.set('text', value)}
            />
            <SelectField
              id={form.fieldId('responsibleOrganisationId')}
              label={`${t.meeting.responsibleOrganisation} ${t.common.optional}`}
              placeholder={t.common.none}
              options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
              value={String(form.values.responsibleOrganisationId ?? '')}
              error={form.errorFor('responsibleOrganisationId')}
              onValue={(value) => form.set('responsibleOrganisationId', value)}
            />
            <TextField
              id={form.fieldId('responsiblePerson')}
              label={`${t.meeting.responsiblePerson} ${t.common.optional}`}
              value={String(form.values.responsiblePerson ?? '')}
              error={form.errorFor('responsiblePerson')}
              onValue={(value) => form.set('responsiblePerson', value)}
            />
            <TextField
              id={form.fieldId('dueOn')}
              label={`${t.meeting.dueOn} ${t.common.optional}`}
              hint={t.common.dateHint}
              inputMode="numeric"
              autoComplete="off"
              value={String(form.values.dueOn ?? '')}
              error={form.errorFor('dueOn')}
              onValue={(value) => form.set('dueOn', value)}
            />
            <div className="form-actions">
              <Button type="submit" variant="secondary" disabled={form.submitting}>
                {t.meeting.addDecision}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}

/** A held meeting as it was: minutes, decisions, attendees' body and files, nothing to edit (issue 22). */
function HeldMeeting({ meeting }: { meeting: MeetingDetail }) {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  return (
    <>
      <h2>{t.meeting.minutes}</h2>
      {meeting.minutesRecordedAt ? (
        <p className="muted">{interpolate(t.meeting.minutesRecorded, { when: formatDateTime(meeting.minutesRecordedAt, locale) })}</p>
      ) : null}
      <p className="preserve-lines">{meeting.minutes ?? t.common.none}</p>

      <h2>{t.meeting.decisions}</h2>
      {meeting.decisions.length === 0 ? <p>{t.meeting.noDecisions}</p> : null}
      {meeting.decisions.map((decision) => (
        <article key={decision.id} className="decision" aria-labelledby={`decision-${decision.id}`}>
          <h3 id={`decision-${decision.id}`}>{interpolate(t.meeting.decision, { reference: reference(decision) })}</h3>
          <p>{decision.text}</p>
          {decision.overdue && decision.dueOn ? (
            <p className="status-tag status-tag--warning">
              <span aria-hidden="true">⚠ </span>
              {interpolate(t.meeting.overdueText, { date: formatDate(decision.dueOn, locale) })}
            </p>
          ) : null}
          <SummaryList
            rows={[
              { key: t.common.date, value: formatDate(decision.decidedOn, locale) },
              {
                key: t.plan.responsible,
                value: [decision.responsibleOrganisation?.name, decision.responsiblePerson].filter(Boolean).join(', ') || t.common.none,
              },
              { key: t.meeting.dueOn, value: <DecisionDue decision={decision} /> },
              { key: t.common.status, value: t.decisionStatuses[decision.status] },
              { key: t.meeting.followUp, value: decision.followUp ?? t.common.none },
            ]}
          />
        </article>
      ))}

      <h2>{t.meeting.members}</h2>
      {meeting.members.length === 0 ? (
        <p>{t.meeting.noMembers}</p>
      ) : (
        <ul>
          {meeting.members.map((member) => (
            <li key={member.id}>{member.label}</li>
          ))}
        </ul>
      )}
      <p className="muted">{t.meeting.membersNote}</p>

      <h2>{t.meeting.agenda}</h2>
      {meeting.agenda.length > 0 ? (
        <ol>
          {meeting.agenda.map((item, index) => (
            <li key={index}>
              {item.title}
              {item.presenter ? ` (${item.presenter})` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t.meeting.noAgenda}</p>
      )}

      <h2>{t.meeting.attachments}</h2>
      {meeting.attachments.length === 0 ? (
        <p>{t.meeting.noAttachments}</p>
      ) : (
        <ul className="plain-list">
          {meeting.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={`/api/v1/meetings/${meeting.id}/attachments/${attachment.id}`} download={attachment.filename}>
                {interpolate(t.meeting.download, { name: attachment.filename, size: sizeText(attachment.sizeBytes, t.meeting.size, locale) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * One meeting: time and place, agenda, attachments, minutes and decisions, and the calendar file.
 * A held meeting opens as a record of what happened; editing it is an explicit step (issue 22).
 */
export default function MeetingPage() {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const detail = useResource(() => api.get(`/api/v1/meetings/${id}`, meetingDetail), [id]);
  const organisations = useOrganisations();
  // null: as opened (a held meeting read-only, any other editable); a save keeps the forms open,
  // so saving the minutes (which marks the meeting held) does not switch the page under the user.
  const [editing, setEditing] = useState<boolean | null>(null);
  const [moveFocus, setMoveFocus] = useState(false);
  useEffect(() => {
    if (!moveFocus) return;
    document.getElementById(editing ? 'meeting-editing-held' : 'meeting-edit-held')?.focus();
    setMoveFocus(false);
  }, [editing, moveFocus]);
  useEffect(() => setEditing(null), [id]);
  if (detail.error) return <ProblemPage error={detail.error} />;
  if (!detail.data || !organisations.data) return <Loading />;
  const meeting = detail.data;
  const record = meeting.permissions.record;
  const onSaved = (next: MeetingDetail) => {
    setEditing((current) => current ?? true);
    detail.setData(next);
  };
  const held = meeting.status === 'held';
  const readOnly = held && !(record && (editing ?? false));
  const toggle = (next: boolean) => {
    setEditing(next);
    setMoveFocus(true);
  };
  return (
    <Page title={`${meeting.title}, ${formatDate(meeting.date, locale)}`} lead={meeting.bodyName}>
      <p>
        <Link to={`/samverkan/grupper/${meeting.bodyId}`}>{interpolate(t.common.back, { title: meeting.bodyName })}</Link>
      </p>
      {held && record ? (
        readOnly ? (
          <>
            <p>{t.meeting.heldLead}</p>
            <div className="form-actions">
              <Button id="meeting-edit-held" onClick={() => toggle(true)}>
                {t.meeting.editHeld}
              </Button>
            </div>
          </>
        ) : (
          <>
            <p id="meeting-editing-held" tabIndex={-1}>
              <strong>{t.meeting.editingHeld}</strong>
            </p>
            <div className="form-actions">
              <Button variant="secondary" onClick={() => toggle(false)}>
                {t.meeting.stopEditing}
              </Button>
            </div>
          </>
        )
      ) : null}
      <h2>{t.meeting.details}</h2>
      <SummaryList
        rows={[
          { key: t.body.when, value: meetingWhen(meeting, locale) },
          { key: t.meetingForm.location, value: meeting.location ?? t.common.none },
          {
            key: t.meetingForm.onlineUrl,
            value: meeting.onlineUrl ? (
              <a href={meeting.onlineUrl} rel="noreferrer noopener" target="_blank">
                {meeting.onlineUrl}
              </a>
            ) : (
              t.common.none
            ),
          },
          { key: t.meetingForm.convener, value: meeting.convener?.label ?? t.common.none },
          { key: t.common.status, value: t.meetingStatuses[meeting.status] },
        ]}
      />
      <p>
        <a href={`/api/v1/meetings/${meeting.id}/calendar.ics`} download aria-describedby="meeting-calendar-hint">
          {t.meeting.calendar}
        </a>
      </p>
      <p className="muted" id="meeting-calendar-hint">
        {t.body.calendarHint}
      </p>
      {readOnly ? (
        <>
          {record ? null : <p className="muted">{t.meeting.recordOnly}</p>}
          <HeldMeeting meeting={meeting} />
        </>
      ) : (
        <>
          {record ? <EditMeeting meeting={meeting} onSaved={onSaved} /> : <p className="muted">{t.meeting.recordOnly}</p>}

          <h2>{t.meeting.agenda}</h2>
          {record ? (
            <AgendaEditor meeting={meeting} onSaved={onSaved} />
          ) : meeting.agenda.length > 0 ? (
            <ol>
              {meeting.agenda.map((item, index) => (
                <li key={index}>
                  {item.title}
                  {item.presenter ? ` (${item.presenter})` : ''}
                </li>
              ))}
            </ol>
          ) : (
            <p>{t.meeting.noAgenda}</p>
          )}

          <h2>{t.meeting.attachments}</h2>
          <Attachments meeting={meeting} onChanged={detail.reload} />

          <h2>{t.meeting.minutes}</h2>
          <Minutes meeting={meeting} onSaved={onSaved} />

          <h2>{t.meeting.decisions}</h2>
          <Decisions meeting={meeting} onSaved={onSaved} organisations={organisations.data.organisations} />
        </>
      )}
    </Page>
  );
}
