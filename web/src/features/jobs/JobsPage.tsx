import { useState } from 'react';
import { jobList, jobStatus, type JobStatus } from '#shared/contracts/jobs.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { jobsMessages } from './messages.ts';

/** Where a user comes back to the results of long work (ADR 0007). */
export default function JobsPage() {
  const t = useMessages(jobsMessages);
  const app = useMessages(appMessages);
  const { locale } = useLocale();
  const { data, error, loading, reload } = useResource(() => api.get('/api/v1/jobs', jobList), []);
  const [retryOutcome, setRetryOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // A failed job (refused, or given up after its attempts) is started again with the same input.
  const retry = async (job: JobStatus) => {
    try {
      await api.post(`/api/v1/jobs/${job.id}/retry`, {}, jobStatus);
      setRetryOutcome({ ok: true, text: interpolate(t.retried, { what: kindName(job.kind) }) });
      await reload();
    } catch (caught) {
      setRetryOutcome({ ok: false, text: caught instanceof ApiProblem ? caught.message : t.retryFailed });
    }
  };
  const kindName = (kind: string) => (t.kinds as Readonly<Record<string, string>>)[kind] ?? kind;
  const statusText = (job: JobStatus) =>
    job.status === 'running'
      ? job.progressTotal
        ? interpolate(app.jobs.running, { done: job.progressDone, total: job.progressTotal })
        : app.jobs.runningUnknown
      : app.jobs[job.status];
  return (
    <Page title={t.title} lead={t.lead}>
      {loading ? <Loading /> : null}
      {error ? (
        <MessageBox variant="error">
          <p>{t.loadFailed}</p>
        </MessageBox>
      ) : null}
      {retryOutcome ? (
        <MessageBox variant={retryOutcome.ok ? 'success' : 'error'} live>
          <p>{retryOutcome.text}</p>
        </MessageBox>
      ) : null}
      {data ? (
        <DataTable
          caption={t.caption}
          rowKey={(job) => job.id}
          rows={data.jobs}
          emptyText={t.none}
          columns={[
            { key: 'what', header: t.what, render: (job) => kindName(job.kind) },
            { key: 'started', header: t.started, render: (job) => formatDateTime(job.createdAt, locale) },
            { key: 'status', header: t.status, render: statusText },
            {
              key: 'result',
              header: t.result,
              render: (job) =>
                job.status === 'succeeded' && job.hasFile && job.resultFilename ? (
                  <a href={`/api/v1/jobs/${job.id}/result`} download>
                    {interpolate(app.jobs.download, { filename: job.resultFilename })}
                  </a>
                ) : job.status === 'failed' ? (
                  <Button variant="secondary" onClick={() => void retry(job)} aria-label={interpolate(t.retryNamed, { what: kindName(job.kind) })}>
                    {t.retry}
                  </Button>
                ) : (
                  t.noFile
                ),
            },
          ]}
        />
      ) : null}
    </Page>
  );
}
