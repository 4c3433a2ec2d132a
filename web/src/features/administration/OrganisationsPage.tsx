import { useState } from 'react';
import { createOrganisationRequest, organisationList, organisationSchema, ORGANISATION_KINDS } from '#shared/contracts/administration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { Link } from 'react-router';
import { administrationMessages } from './messages.ts';

/** Participating organisations; a system administrator adds new ones (any kind). */
export default function OrganisationsPage() {
  const t = useMessages(administrationMessages);
  const { can } = useSession();
  const list = useResource(() => api.get('/api/v1/admin/organisations', organisationList), []);
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm(
    createOrganisationRequest,
    { kind: 'coordination_association', code: '', name: '', shortName: '', municipalityCode: '' },
    { idPrefix: 'organisation' },
  );
  if (list.error) return <ProblemPage error={list.error} />;
  return (
    <Page title={t.organisations.title} hasErrors={form.summary.length > 0}>
      {can('organisations.manage') ? (
        <section>
          <h2>{t.organisations.addHeading}</h2>
          <p>{t.organisations.addText}</p>
          {added ? (
            <MessageBox variant="success" live>
              {interpolate(t.organisations.added, { name: added })}
            </MessageBox>
          ) : null}
          <ErrorSummary errors={form.summary} />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void form.submit(async (data) => {
                const created = await api.post('/api/v1/admin/organisations', data, organisationSchema);
                setAdded(created.name);
                form.setValues({ kind: 'coordination_association', code: '', name: '', shortName: '', municipalityCode: '' });
                await list.reload();
              });
            }}
          >
            <SelectField
              id={form.fieldId('kind')}
              label={t.organisations.kind}
              options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t.organisations.kinds[kind] }))}
              value={form.values.kind}
              error={form.errorFor('kind')}
              onValue={(value) => form.set('kind', value as (typeof ORGANISATION_KINDS)[number])}
            />
            <TextField
              id={form.fieldId('name')}
              label={t.organisations.nameLabel}
              value={form.values.name}
              error={form.errorFor('name')}
              onValue={(value) => form.set('name', value)}
            />
            <TextField
              id={form.fieldId('code')}
              label={t.organisations.code}
              hint={t.organisations.codeHint}
              spellCheck={false}
              value={form.values.code}
              error={form.errorFor('code')}
              onValue={(value) => form.set('code', value)}
            />
            <TextField
              id={form.fieldId('shortName')}
              label={t.organisations.shortName}
              value={String(form.values.shortName ?? '')}
              error={form.errorFor('shortName')}
              onValue={(value) => form.set('shortName', value)}
            />
            <TextField
              id={form.fieldId('municipalityCode')}
              label={t.organisations.municipality}
              hint={t.organisations.municipalityHint}
              inputMode="numeric"
              value={String(form.values.municipalityCode ?? '')}
              error={form.errorFor('municipalityCode')}
              onValue={(value) => form.set('municipalityCode', value)}
            />
            <div className="form-actions">
              <Button type="submit" disabled={form.submitting}>
                {t.organisations.add}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
      {list.data ? (
        <DataTable
          caption={t.organisations.caption}
          rowKey={(row) => row.id}
          rows={list.data.organisations}
          columns={[
            { key: 'name', header: t.common.name, render: (row) => row.name },
            { key: 'kind', header: t.organisations.kind, render: (row) => t.organisations.kinds[row.kind] },
            { key: 'code', header: t.organisations.code, render: (row) => row.code },
            { key: 'status', header: t.common.status, render: (row) => (row.active ? t.common.active : t.common.inactive) },
            ...(can('organisations.manage')
              ? [
                  {
                    key: 'signIn',
                    header: t.organisations.signIn,
                    render: (row: (typeof list.data.organisations)[number]) => (
                      <Link to={`/administration/organisationer/${row.id}/inloggning`}>{`${t.organisations.signIn}: ${row.name}`}</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
