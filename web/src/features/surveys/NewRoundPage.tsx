import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { createRoundResponse, surveyDetail, surveyList, templateList, TEMPLATE_KEYS, type TemplateKey } from '#shared/contracts/surveys.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { stockholmDate, addDays } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { surveyPageMessages } from './messages.ts';

type Counties = { counties: Array<{ code: string; name: string }> };

/** What the form holds; the server checks the same rules again (shared contract). */
const roundForm = z.object({
  source: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  year: z.coerce.number().int().min(2000).max(2100),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  allowLate: z.array(z.string()),
  county: z.string(),
  others: z.string().max(20_000),
  openLink: z.array(z.string()),
});

/** "Name; contact; email" per line → respondents. */
function otherRespondents(text: string) {
  return text
    .split('\n')
    .map((line) => line.split(';').map((part) => part.trim()))
    .filter(([name]) => name)
    .map(([name, contactName, contactEmail]) => ({ name: name!, ...(contactName ? { contactName } : {}), ...(contactEmail ? { contactEmail } : {}) }));
}

/** Send a round: a template or an existing survey, all municipalities of a county with one choice, others by name. */
export default function NewRoundPage() {
  const t = useMessages(surveyPageMessages).create;
  const navigate = useNavigate();
  const templates = useResource(() => api.get('/api/v1/surveys/templates', templateList), []);
  const surveys = useResource(() => api.get('/api/v1/surveys', surveyList), []);
  const counties = useResource(() => api.get<Counties>('/api/v1/public/reference-data'), []);
  const today = stockholmDate(new Date());
  const form = useForm(roundForm, {
    source: '',
    title: '',
    year: Number(today.slice(0, 4)),
    deadline: addDays(today, 30),
    allowLate: [],
    county: '',
    others: '',
    openLink: [],
  });
  const [sending, setSending] = useState(false);

  const submit = () =>
    form.submit(async (values) => {
      setSending(true);
      try {
        const [kind, value] = values.source.split(':') as ['template' | 'survey', string];
        const surveyId =
          kind === 'template' && (TEMPLATE_KEYS as readonly string[]).includes(value)
            ? (await api.post('/api/v1/surveys', { template: value as TemplateKey }, surveyDetail)).id
            : value;
        const created = await api.post(
          '/api/v1/survey-rounds',
          {
            surveyId,
            title: values.title,
            year: values.year,
            deadline: values.deadline,
            allowLate: values.allowLate.includes('yes'),
            ...(values.county ? { countyMunicipalities: values.county } : {}),
            respondents: otherRespondents(values.others),
            openLink: values.openLink.includes('yes'),
          },
          createRoundResponse,
        );
        await navigate(`/enkater/omgangar/${created.id}`);
      } finally {
        setSending(false);
      }
    });

  if (templates.loading || surveys.loading || counties.loading) return <Loading />;
  const sources = [
    ...(templates.data?.templates ?? []).map((template) => ({
      value: `template:${template.key}`,
      label: interpolate(t.template, { title: template.title, count: template.questionCount }),
    })),
    ...(surveys.data?.surveys ?? []).map((survey) => ({
      value: `survey:${survey.id}`,
      label: interpolate(t.existing, { title: survey.title, version: survey.versionNumber }),
    })),
  ];
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
        <SelectField
          id={form.fieldId('source')}
          label={t.source}
          hint={t.sourceHint}
          placeholder={t.chooseSource}
          options={sources}
          value={form.values.source}
          error={form.errorFor('source') ?? form.errorFor('surveyId')}
          onValue={(value) => form.set('source', value)}
        />
        <TextField
          id={form.fieldId('title')}
          label={t.roundTitle}
          value={form.values.title}
          error={form.errorFor('title')}
          onValue={(value) => form.set('title', value)}
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
          id={form.fieldId('deadline')}
          label={t.deadline}
          hint={t.deadlineHint}
          value={form.values.deadline}
          error={form.errorFor('deadline')}
          onValue={(value) => form.set('deadline', value)}
        />
        <ChoiceGroup
          id={form.fieldId('allowLate')}
          type="checkbox"
          name="allowLate"
          label={t.allowLate}
          options={[{ value: 'yes', label: t.allowLateOption }]}
          value={form.values.allowLate}
          onValue={(value) => form.set('allowLate', value)}
        />
        <SelectField
          id={form.fieldId('county')}
          label={t.county}
          hint={t.countyHint}
          placeholder={t.noCounty}
          options={(counties.data?.counties ?? []).map((county) => ({ value: county.code, label: county.name }))}
          value={form.values.county}
          error={form.errorFor('county') ?? form.errorFor('countyMunicipalities')}
          onValue={(value) => form.set('county', value)}
        />
        <TextArea
          id={form.fieldId('others')}
          label={t.others}
          hint={t.othersHint}
          rows={4}
          value={form.values.others}
          error={form.errorFor('others') ?? form.errorFor('respondents')}
          onValue={(value) => form.set('others', value)}
        />
        <ChoiceGroup
          id={form.fieldId('openLink')}
          type="checkbox"
          name="openLink"
          label={t.openLink}
          options={[{ value: 'yes', label: t.openLinkOption }]}
          value={form.values.openLink}
          onValue={(value) => form.set('openLink', value)}
        />
        <Button type="submit" disabled={sending}>
          {t.submit}
        </Button>
      </form>
    </Page>
  );
}
