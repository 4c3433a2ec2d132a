import { useEffect, useState } from 'react';
import { jobStatus, type JobStatus } from '#shared/contracts/jobs.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../app/api.ts';
import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';

/**
 * The one pattern for long work: progress announced politely while the job runs, then the
 * result. The job lives in the database, so the user can leave and come back to it.
 */
export function JobProgress({ jobId, onDone }: { jobId: string; onDone?(job: JobStatus): void }) {
  const t = useMessages(appMessages);
  const [job, setJob] = useState<JobStatus | undefined>(undefined);
  useEffect(() => {
    let active = true;
    let timer: number | undefined;
    const poll = async () => {
      const next = await api.get(`/api/v1/jobs/${jobId}`, jobStatus);
      if (!active) return;
      setJob(next);
      if (next.status === 'queued' || next.status === 'running') timer = window.setTimeout(poll, 1000);
      else onDone?.(next);
    };
    void poll();
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [jobId, onDone]);
  if (!job) return null;
  const text =
    job.status === 'running'
      ? job.progressTotal
        ? interpolate(t.jobs.running, { done: job.progressDone, total: job.progressTotal })
        : t.jobs.runningUnknown
      : t.jobs[job.status];
  return (
    <div className="job-progress">
      <p role="status">{text}</p>
      {job.status === 'running' && job.progressTotal ? <progress max={job.progressTotal} value={job.progressDone} aria-label={text} /> : null}
      {job.status === 'succeeded' && job.hasFile && job.resultFilename ? (
        <a className="button button--secondary" href={`/api/v1/jobs/${job.id}/result`} download>
          {interpolate(t.jobs.download, { filename: job.resultFilename })}
        </a>
      ) : null}
    </div>
  );
}
