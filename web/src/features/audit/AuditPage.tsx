import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { auditPage, auditQuery, AUDIT_FLAG_FILTERS, type AuditEvent, type AuditQuery } from '#shared/contracts/audit.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { api, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { auditMessages } from './messages.ts';

const FIELDS = ['user', 'recordType', 'recordId', 'action', 'from', 'to', 'flagged'] as const;
type Filter = Record<(typeof FIELDS)[number], string>;

/** The auditors' search of the trail (by user, record, action, time, break-the-glass), export and review. */
export default function AuditPage() {
  const t = useMessages(auditMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FIELDS.map((field) => [field, params.get(field) ?? ''])) as Filter;
  const queryString = query(filter);
  const [older, setOlder] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const page = useResource(async () => {
    const result = await api.get(`/api/v1/audit/events${queryString}`, auditPage);
    setOlder([]);
    setNextBefore(result.nextBefore);
    return result;
  }, [queryString]);
  const form = useForm(auditQuery, filter as AuditQuery, { idPrefix: 'audit' });
  const actions = useForm(z.object({}), {}, { idPrefix: 'review' });

  const who = (event: AuditEvent) => {
    if (event.actorKind === 'system') return t.results.system;
    if (event.actorKind === 'anonymous') return t.results.anonymous;
    if (event.actorKind === 'service') return interpolate(t.results.service, { id: event.actorId ?? '' });
    return event.actorName ?? interpolate(t.results.otherOrganisation, { id: event.actorId ?? '' });
  };
  const actionName = (code: string) => (t.actions as Record<string, string>)[code] ?? code;
  if (page.error) return <ProblemPage error={page.error} />;
  const events = [...(page.data?.events ?? []), ...older];

  return (
    <Page title={t.title} hasErrors={form.summary.length > 0 || actions.summary.length > 0} lead={t.lead}>
      <h2>{t.search.heading}</h2>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async () => {
            const values = form.values as Partial<Filter>;
            setParams(Object.fromEntries(FIELDS.filter((field) => values[field]).map((field) => [field, String(values[field])])));
          });
        }}
      >
        <div className="field-grid">
          <TextField
            id={form.fieldId('user')}
            label={t.search.user}
            hint={t.search.userHint}
            value={String(form.values.user ?? '')}
            error={form.errorFor('user')}
            onValue={(value) => form.set('user', value)}
          />
          <TextField
            id={form.fieldId('recordType')}
            label={t.search.recordType}
            hint={t.search.recordTypeHint}
            spellCheck={false}
            value={String(form.values.recordType ?? '')}
            error={form.errorFor('recordType')}
            onValue={(value) => form.set('recordType', value)}
          />
          <TextField
            id={form.fieldId('recordId')}
            label={t.search.recordId}
            spellCheck={false}
            value={String(form.values.recordId ?? '')}
            error={form.errorFor('recordId')}
            onValue={(value) => form.set('recordId', value)}
          />
          <TextField
            id={form.fieldId('action')}
            label={t.search.action}
            spellCheck={false}
            value={String(form.values.action ?? '')}
            error={form.errorFor('action')}
            onValue={(value) => form.set('action', value)}
          />
          <TextField
            id={form.fieldId('from')}
            label={t.search.from}
            hint={t.search.dateHint}
            inputMode="numeric"
            value={String(form.values.from ?? '')}
            error={form.errorFor('from')}
            onValue={(value) => form.set('from', value)}
          />
          <TextField
            id={form.fieldId('to')}
            label={t.search.to}
            hint={t.search.dateHint}
            inputMode="numeric"
            value={String(form.values.to ?? '')}
            error={form.errorFor('to')}
            onValue={(value) => form.set('to', value)}
          />
          <SelectField
            id={form.fieldId('flagged')}
            label={t.search.flagged}
            options={AUDIT_FLAG_FILTERS.map((value) => ({
              value,
              label: { all: t.search.flaggedAll, flagged: t.search.flaggedOnly, unreviewed: t.search.flaggedUnreviewed }[value],
            }))}
            value={String(form.values.flagged ?? 'all')}
            error={form.errorFor('flagged')}
            onValue={(value) => form.set('flagged', value as (typeof AUDIT_FLAG_FILTERS)[number])}
          />
        </div>
        <div className="form-actions">
          <Button type="submit">{t.search.submit}</Button>
          <a href={`/api/v1/audit/events.csv${queryString}`} download>
            {t.results.export}
          </a>
        </div>
      </form>
      <ErrorSummary errors={actions.summary} />
      {page.data ? (
        <div id={actions.fieldId('form')} tabIndex={-1}>
          <DataTable
            caption={t.results.caption}
            rowKey={(event) => String(event.seq)}
            rows={events}
            emptyText={t.results.empty}
            columns={[
              { key: 'when', header: t.results.when, render: (event) => formatDateTime(event.occurredAt, locale) },
              { key: 'who', header: t.results.who, render: who },
              { key: 'unit', header: t.results.unit, render: (event) => event.actingUnitName ?? '–' },
              { key: 'action', header: t.results.action, render: (event) => actionName(event.action) },
              { key: 'outcome', header: t.results.outcome, render: (event) => (event.outcome === 'allowed' ? t.results.allowed : t.results.denied) },
              { key: 'record', header: t.results.record, render: (event) => (event.recordType ? `${event.recordType} ${event.recordId ?? ''}` : '–') },
              {
                key: 'flag',
                header: t.results.breakGlass,
                render: (event) =>
                  event.breakGlass ? (
                    <>
                      <span>{interpolate(t.results.reason, { reason: event.reason ?? '' })}</span>
                      <br />
                      {event.review ? (
                        interpolate(t.results.reviewed, { when: formatDateTime(event.review.reviewedAt, locale) })
                      ) : can('audit.review') ? (
                        <Button
                          variant="tertiary"
                          disabled={actions.submitting}
                          onClick={() =>
                            void actions.submit(async () => {
                              await api.post(`/api/v1/audit/events/${event.seq}/review`, {});
                              await page.reload();
                            })
                          }
                        >
                          {interpolate(t.results.review, { seq: event.seq })}
                        </Button>
                      ) : null}
                    </>
                  ) : (
                    '–'
                  ),
              },
            ]}
          />
          {nextBefore !== null ? (
            <Button
              variant="secondary"
              onClick={async () => {
                const more = await api.get(`/api/v1/audit/events${query({ ...filter, before: nextBefore })}`, auditPage);
                setOlder((current) => [...current, ...more.events]);
                setNextBefore(more.nextBefore);
              }}
            >
              {t.results.older}
            </Button>
          ) : null}
        </div>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
