import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { reportDetail, reportList } from '#shared/contracts/follow-up.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { followUpPageMessages } from './messages.ts';

/** The annual reports the caller reaches; the agency starts its own, the coordinator compiles the national one. */
export default function ReportsPage() {
  const t = useMessages(followUpPageMessages).reports;
  const { can } = useSession();
  const navigate = useNavigate();
  const reports = useResource(() => api.get('/api/v1/reports', reportList), []);
  const thisYear = String(new Date().getFullYear());
  const [year, setYear] = useState(thisYear);
  const [compiledYear, setCompiledYear] = useState(thisYear);
  const [errors, setErrors] = useState<Array<{ fieldId: string; message: string }>>([]);
  if (reports.loading) return <Loading />;
  return (
    <Page title={t.title} lead={t.lead} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      <DataTable
        caption={t.title}
        rows={reports.data?.reports ?? []}
        rowKey={(report) => report.id}
        emptyText={t.none}
        columns={[
          {
            key: 'report',
            header: t.agency,
            render: (report) => <Link to={`/uppfoljning/redovisningar/${report.id}`}>{`${report.agency} ${report.year}`}</Link>,
          },
          { key: 'status', header: t.status, render: (report) => t.statuses[report.status] },
        ]}
      />
      {can('reports.write') ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void (async () => {
              try {
                const created = await api.post('/api/v1/reports', { year: Number(year) }, reportDetail);
                void navigate(`/uppfoljning/redovisningar/${created.id}`);
              } catch (error) {
                if (error instanceof ApiProblem) setErrors([{ fieldId: 'report-year', message: error.fieldErrors[0]?.message ?? error.message }]);
                else throw error;
              }
            })();
          }}
        >
          <TextField id="report-year" label={t.year} value={year} inputMode="numeric" error={errors[0]?.message} onValue={setYear} />
          <div className="form-actions">
            <Button type="submit">{t.create}</Button>
          </div>
        </form>
      ) : null}
      {can('reports.receive') ? (
        <section aria-labelledby="compiled-heading">
          <h2 id="compiled-heading">{t.compiled}</h2>
          <TextField id="compiled-year" label={t.compiledYear} value={compiledYear} inputMode="numeric" onValue={setCompiledYear} />
          <ul className="follow-up-exports">
            <li>
              <a href={`/api/v1/reports/compiled.pdf?year=${encodeURIComponent(compiledYear)}`} download>
                {t.compiledPdf}
              </a>
            </li>
            <li>
              <a href={`/api/v1/reports/compiled.xlsx?year=${encodeURIComponent(compiledYear)}`} download>
                {t.compiledXlsx}
              </a>
            </li>
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
