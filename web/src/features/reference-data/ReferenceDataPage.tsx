import { useState } from 'react';
import { Link } from 'react-router';
import { jobAccepted } from '#shared/contracts/jobs.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { JobProgress } from '../../ui/JobProgress.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { referenceDataPageMessages } from './messages.ts';

type ReferenceData = {
  counties: Array<{ code: string; name: string }>;
  municipalities: Array<{ code: string; name: string; countyCode: string }>;
};

/** The reference data, and the platform's example of long work: an export run as a background job. */
export default function ReferenceDataPage() {
  const t = useMessages(referenceDataPageMessages);
  const { data, error, loading } = useResource(() => api.get<ReferenceData>('/api/v1/public/reference-data'), []);
  const [jobId, setJobId] = useState<string | undefined>(undefined);
  const [startFailed, setStartFailed] = useState(false);
  const start = async () => {
    setStartFailed(false);
    try {
      setJobId((await api.post('/api/v1/reference-data/municipality-export', {}, jobAccepted)).jobId);
    } catch {
      setStartFailed(true);
    }
  };
  return (
    <Page title={t.title} lead={t.lead}>
      <h2>{t.exportHeading}</h2>
      <p>{t.exportText}</p>
      {startFailed ? (
        <MessageBox variant="error" live>
          <p>{t.startFailed}</p>
        </MessageBox>
      ) : null}
      {jobId ? (
        <>
          <JobProgress jobId={jobId} />
          <p>
            <Link to="/jobb">{t.allJobs}</Link>
          </p>
        </>
      ) : (
        <p>
          <Button onClick={() => void start()}>{t.exportButton}</Button>
        </p>
      )}
      {loading ? <Loading /> : null}
      {error ? (
        <MessageBox variant="error">
          <p>{t.loadFailed}</p>
        </MessageBox>
      ) : null}
      {data ? (
        <DataTable
          caption={t.caption}
          rowKey={(county) => county.code}
          rows={data.counties}
          columns={[
            { key: 'county', header: t.county, render: (county) => county.name },
            { key: 'code', header: t.code, render: (county) => county.code },
            {
              key: 'municipalities',
              header: t.municipalities,
              numeric: true,
              render: (county) => data.municipalities.filter((m) => m.countyCode === county.code).length,
            },
          ]}
        />
      ) : null}
    </Page>
  );
}
