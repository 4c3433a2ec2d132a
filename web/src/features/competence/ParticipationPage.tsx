import { useState } from 'react';
import { participationReport } from '#shared/contracts/competence.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, query } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ChoiceGroup } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/** Participation per municipality (every municipality of the county) and organisation, per year. */
export default function ParticipationPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.participation;
  const [view, setView] = useState<'internal' | 'published'>('internal');
  const [asked, setAsked] = useState<'internal' | 'published'>('internal');
  const report = useResource(() => api.get(`/api/v1/events/participation${query({ view: asked })}`, participationReport), [asked]);
  const data = report.data;
  return (
    <Page title={t.title} lead={t.lead}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(view);
        }}
      >
        <ChoiceGroup
          id="participation-view"
          type="radio"
          name="view"
          label={t.view}
          options={[
            { value: 'internal', label: t.internal },
            { value: 'published', label: t.published },
          ]}
          value={[view]}
          onValue={(value) => setView(value[0] === 'published' ? 'published' : 'internal')}
        />
        <Button type="submit" variant="secondary">
          {t.update}
        </Button>
      </form>
      {report.loading && !data ? <Loading /> : null}
      {report.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {data ? (
        <>
          {data.view === 'published' ? (
            <p>{interpolate(t.suppression, { below: data.disclosure.threshold - 1, threshold: data.disclosure.threshold })}</p>
          ) : null}
          <p>
            <a href={`/api/v1/events/participation.csv${query({ view: data.view })}`} download>
              {t.csv}
            </a>{' '}
            ·{' '}
            <a href={`/api/v1/events/participation.xlsx${query({ view: data.view })}`} download>
              {t.xlsx}
            </a>
          </p>
          <DataTable
            caption={t.municipalities}
            rows={data.municipalities}
            rowKey={(row) => row.code}
            columns={[
              { key: 'name', header: t.municipality, render: (row) => row.name },
              ...data.years.map((year, index) => ({
                key: String(year),
                header: String(year),
                numeric: true,
                render: (row: (typeof data.municipalities)[number]) => row.years[index]!.text,
              })),
              { key: 'total', header: t.total, numeric: true, render: (row) => row.total.text },
              { key: 'events', header: t.events, numeric: true, render: (row) => row.events },
            ]}
          />
          <h2>{t.never}</h2>
          {data.neverTakenPart.length > 0 ? (
            <ul>
              {data.neverTakenPart.map((municipality) => (
                <li key={municipality.code}>{municipality.name}</li>
              ))}
            </ul>
          ) : (
            <p>{t.neverNone}</p>
          )}
          <DataTable
            caption={t.organisations}
            rows={data.organisations}
            rowKey={(row) => `${row.kind}-${row.name}`}
            columns={[
              { key: 'name', header: t.organisation, render: (row) => `${row.name} (${messages.common.organisationKinds[row.kind]})` },
              ...data.years.map((year, index) => ({
                key: String(year),
                header: String(year),
                numeric: true,
                render: (row: (typeof data.organisations)[number]) => row.years[index]!.text,
              })),
              { key: 'total', header: t.total, numeric: true, render: (row) => row.total.text },
            ]}
          />
        </>
      ) : null}
    </Page>
  );
}
