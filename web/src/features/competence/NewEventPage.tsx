import { useNavigate } from 'react-router';
import { z } from 'zod';
import { COMPETENCE_TOPICS, EVENT_KINDS, eventDetail } from '#shared/contracts/competence.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

type Counties = { counties: Array<{ code: string; name: string }> };

const localTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** A local time "YYYY-MM-DD HH:MM" (the staff browser's clock is Swedish) as an ISO instant. */
const toInstant = (value: string) => new Date(value.replace(' ', 'T')).toISOString();

/** Create an event; the server answers with its registration link. */
export default function NewEventPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.newEvent;
  const navigate = useNavigate();
  const counties = useResource(() => api.get<Counties>('/api/v1/public/reference-data'), []);
  const schema = z.object({
    title: z.string().trim().min(1).max(200),
    kind: z.enum(EVENT_KINDS),
    organisers: z.string().trim().min(1).max(500),
    startsAt: z.string().regex(localTime, t.badTime),
    endsAt: z.string().regex(localTime, t.badTime),
    place: z.string().max(300),
    digital: z.array(z.string()),
    audience: z.string().trim().min(1).max(500),
    topics: z.array(z.enum(COMPETENCE_TOPICS)),
    countyCode: z.string(),
    series: z.string().max(120),
    capacity: z.string().regex(/^\d*$/),
    registrationClosesOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  });
  const form = useForm(schema, {
    title: '',
    kind: 'webinar',
    organisers: '',
    startsAt: '',
    endsAt: '',
    place: '',
    digital: [],
    audience: '',
    topics: [],
    countyCode: '',
    series: '',
    capacity: '',
    registrationClosesOn: '',
  });
  const submit = () =>
    form.submit(async (values) => {
      const created = await api.post(
        '/api/v1/events',
        {
          ...values,
          startsAt: toInstant(values.startsAt),
          endsAt: toInstant(values.endsAt),
          digital: values.digital.includes('yes'),
          countyCode: values.countyCode || null,
          capacity: values.capacity ? Number(values.capacity) : null,
          place: values.place || null,
          series: values.series || null,
        },
        eventDetail,
      );
      await navigate(`/kompetens/evenemang/${created.id}`);
    });
  if (counties.loading) return <Loading />;
  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          id={form.fieldId('title')}
          label={t.eventTitle}
          value={form.values.title}
          error={form.errorFor('title')}
          onValue={(value) => form.set('title', value)}
        />
        <SelectField
          id={form.fieldId('kind')}
          label={t.kind}
          options={EVENT_KINDS.map((kind) => ({ value: kind, label: messages.common.kinds[kind] }))}
          value={form.values.kind}
          error={form.errorFor('kind')}
          onValue={(value) => form.set('kind', value as (typeof EVENT_KINDS)[number])}
        />
        <TextField
          id={form.fieldId('organisers')}
          label={t.organisers}
          value={form.values.organisers}
          error={form.errorFor('organisers')}
          onValue={(value) => form.set('organisers', value)}
        />
        <TextField
          id={form.fieldId('startsAt')}
          label={t.start}
          hint={t.timeHint}
          value={form.values.startsAt}
          error={form.errorFor('startsAt')}
          onValue={(value) => form.set('startsAt', value)}
        />
        <TextField
          id={form.fieldId('endsAt')}
          label={t.end}
          hint={t.timeHint}
          value={form.values.endsAt}
          error={form.errorFor('endsAt')}
          onValue={(value) => form.set('endsAt', value)}
        />
        <TextField
          id={form.fieldId('place')}
          label={t.place}
          value={form.values.place}
          error={form.errorFor('place')}
          onValue={(value) => form.set('place', value)}
        />
        <ChoiceGroup
          id={form.fieldId('digital')}
          type="checkbox"
          name="digital"
          label={t.digital}
          options={[{ value: 'yes', label: t.digitalOption }]}
          value={form.values.digital}
          onValue={(value) => form.set('digital', value)}
        />
        <TextField
          id={form.fieldId('audience')}
          label={t.audience}
          value={form.values.audience}
          error={form.errorFor('audience')}
          onValue={(value) => form.set('audience', value)}
        />
        <ChoiceGroup
          id={form.fieldId('topics')}
          type="checkbox"
          name="topics"
          label={t.topics}
          options={COMPETENCE_TOPICS.map((topic) => ({ value: topic, label: messages.common.topics[topic] }))}
          value={form.values.topics}
          onValue={(value) => form.set('topics', value as typeof form.values.topics)}
        />
        <SelectField
          id={form.fieldId('countyCode')}
          label={t.county}
          hint={t.countyHint}
          placeholder={t.noCounty}
          options={(counties.data?.counties ?? []).map((county) => ({ value: county.code, label: county.name }))}
          value={form.values.countyCode}
          error={form.errorFor('countyCode')}
          onValue={(value) => form.set('countyCode', value)}
        />
        <TextField
          id={form.fieldId('series')}
          label={t.series}
          hint={t.seriesHint}
          value={form.values.series}
          error={form.errorFor('series')}
          onValue={(value) => form.set('series', value)}
        />
        <TextField
          id={form.fieldId('capacity')}
          label={t.capacity}
          inputMode="numeric"
          value={form.values.capacity}
          error={form.errorFor('capacity')}
          onValue={(value) => form.set('capacity', value)}
        />
        <TextField
          id={form.fieldId('registrationClosesOn')}
          label={t.closes}
          hint={messages.common.dateHint}
          value={form.values.registrationClosesOn}
          error={form.errorFor('registrationClosesOn')}
          onValue={(value) => form.set('registrationClosesOn', value)}
        />
        <Button type="submit" disabled={form.submitting}>
          {t.submit}
        </Button>
      </form>
    </Page>
  );
}
