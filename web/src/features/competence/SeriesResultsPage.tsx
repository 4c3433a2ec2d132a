import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { seriesResults } from '#shared/contracts/competence.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { EvaluationResults } from './EvaluationResults.tsx';
import { competenceMessages } from './messages.ts';

const seriesQuery = z.object({ series: z.string().trim().min(1).max(120) });

/** Evaluation results of every evaluated event of a series together (the organisers' own view). */
export default function SeriesResultsPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.seriesResults;
  const [params, setParams] = useSearchParams();
  const series = params.get('serie') ?? '';
  const form = useForm(seriesQuery, { series });
  const results = useResource(
    () => (series ? api.get(`/api/v1/events/series-results?series=${encodeURIComponent(series)}`, seriesResults) : Promise.resolve(undefined)),
    [series],
  );
  const submit = () =>
    form.submit(async (values) => {
      setParams({ serie: values.series });
    });
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
          id={form.fieldId('series')}
          label={t.series}
          hint={t.seriesHint}
          value={form.values.series}
          error={form.errorFor('series')}
          onValue={(value) => form.set('series', value)}
        />
        <Button type="submit">{t.submit}</Button>
      </form>
      {results.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {series && !results.data && !results.error ? <Loading /> : null}
      {results.data ? (
        <>
          <h2>{results.data.series}</h2>
          <p>{results.data.events > 0 ? interpolate(t.summary, { events: String(results.data.events), submitted: String(results.data.submitted) }) : t.none}</p>
          <EvaluationResults questions={results.data.questions} />
        </>
      ) : null}
    </Page>
  );
}
