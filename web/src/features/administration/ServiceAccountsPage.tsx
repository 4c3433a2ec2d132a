import { useState } from 'react';
import { z } from 'zod';
import {
  createServiceAccountRequest,
  createServiceAccountResponse,
  SERVICE_TOKEN_DEFAULT_DAYS,
  serviceAccountList,
  serviceAccountSchema,
  unitList,
  type CreateServiceAccountRequest,
} from '#shared/contracts/administration.ts';
import { SERVICE_ACCOUNT_ACTIONS } from '#shared/auth/permissions.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { permissionNames } from '../../ui/permission-names.ts';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';
import { flatten, indentedName, unitTree } from './unit-tree.ts';

type Created = z.infer<typeof createServiceAccountResponse>;

/** Lifetimes offered for a key, in days (the API takes 1–365). */
const LIFETIMES = [30, 90, 180, 365] as const;

/**
 * Service accounts of the organisation: create one (its key is shown once), change its key (the
 * old one keeps working for a day, so the integration switches without downtime), or revoke it.
 * Only permissions the signed-in person holds can be given (ADR 0082); the server decides.
 */
export default function ServiceAccountsPage() {
  const t = useMessages(administrationMessages);
  const names = useMessages(permissionNames);
  const { locale } = useLocale();
  const accounts = useResource(() => api.get('/api/v1/admin/service-accounts', serviceAccountList), []);
  const units = useResource(() => api.get('/api/v1/admin/units', unitList), []);
  const { session } = useSession();
  const [created, setCreated] = useState<(Created & { rotated: boolean }) | null>(null);
  const initial: CreateServiceAccountRequest = { name: '', unitId: '', actions: [], expiresInDays: SERVICE_TOKEN_DEFAULT_DAYS };
  // What the person may give: actions they hold with a reach beyond their own records.
  const givable = SERVICE_ACCOUNT_ACTIONS.filter((action) => ['unit', 'agency', 'all'].includes(session?.permissions[action] ?? ''));
  const form = useForm(createServiceAccountRequest, initial, { idPrefix: 'service' });
  const revoke = useForm(z.object({}), {}, { idPrefix: 'revoke' });
  const rotate = (id: string) =>
    void revoke.submit(async () => {
      setCreated({ ...(await api.post(`/api/v1/admin/service-accounts/${id}/rotate`, {}, createServiceAccountResponse)), rotated: true });
      await accounts.reload();
    });
  if (accounts.error) return <ProblemPage error={accounts.error} />;
  return (
    <Page title={t.serviceAccounts.title} hasErrors={form.summary.length > 0 || revoke.summary.length > 0} lead={t.serviceAccounts.lead}>
      {created ? (
        <MessageBox variant="success" heading={interpolate(t.serviceAccounts.tokenHeading, { name: created.serviceAccount.name })} live>
          <p>
            <code className="secret-value">{created.token}</code>
          </p>
          <p>{t.serviceAccounts.tokenText}</p>
          <p>{interpolate(t.serviceAccounts.expiresText, { when: formatDateTime(created.serviceAccount.expiresAt, locale) })}</p>
          {created.rotated && created.serviceAccount.previousTokenExpiresAt ? (
            <p>{interpolate(t.serviceAccounts.overlapText, { when: formatDateTime(created.serviceAccount.previousTokenExpiresAt, locale) })}</p>
          ) : null}
          <p>
            <strong>{t.common.shownOnce}.</strong> {t.common.copyHint}
          </p>
        </MessageBox>
      ) : null}
      <ErrorSummary errors={revoke.summary} />
      {accounts.data ? (
        <div id={revoke.fieldId('form')} tabIndex={-1}>
          <DataTable
            caption={t.serviceAccounts.caption}
            rowKey={(row) => row.id}
            rows={accounts.data.serviceAccounts}
            emptyText={t.serviceAccounts.empty}
            columns={[
              { key: 'name', header: t.serviceAccounts.name, render: (row) => row.name },
              { key: 'unit', header: t.serviceAccounts.unit, render: (row) => row.unitName },
              {
                key: 'actions',
                header: t.serviceAccounts.actions,
                render: (row) => row.actions.map((action) => (names.actions as Record<string, string>)[action] ?? action).join(', '),
              },
              { key: 'hint', header: t.serviceAccounts.hint, render: (row) => <code>{row.tokenHint}…</code> },
              {
                key: 'expires',
                header: t.serviceAccounts.expires,
                render: (row) => (
                  <>
                    {formatDateTime(row.expiresAt, locale)}
                    {row.previousTokenExpiresAt && !row.revokedAt ? (
                      <>
                        <br />
                        {interpolate(t.serviceAccounts.previousValid, { when: formatDateTime(row.previousTokenExpiresAt, locale) })}
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                key: 'used',
                header: t.serviceAccounts.lastUsed,
                render: (row) => (row.lastUsedAt ? formatDateTime(row.lastUsedAt, locale) : t.serviceAccounts.never),
              },
              {
                key: 'status',
                header: t.common.status,
                render: (row) =>
                  row.revokedAt ? (
                    interpolate(t.serviceAccounts.revoked, { when: formatDateTime(row.revokedAt, locale) })
                  ) : (
                    <span className="table-actions">
                      <Button variant="tertiary" disabled={revoke.submitting} onClick={() => rotate(row.id)}>
                        {interpolate(t.serviceAccounts.rotate, { name: row.name })}
                      </Button>
                      <Button
                        variant="tertiary"
                        disabled={revoke.submitting}
                        onClick={() =>
                          void revoke.submit(async () => {
                            await api.post(`/api/v1/admin/service-accounts/${row.id}/revoke`, {}, serviceAccountSchema);
                            await accounts.reload();
                          })
                        }
                      >
                        {interpolate(t.serviceAccounts.revoke, { name: row.name })}
                      </Button>
                    </span>
                  ),
              },
            ]}
          />
        </div>
      ) : (
        <Loading />
      )}
      <h2>{t.serviceAccounts.createHeading}</h2>
      <ErrorSummary errors={form.summary} />
      {units.data ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit(async (data) => {
              setCreated({ ...(await api.post('/api/v1/admin/service-accounts', data, createServiceAccountResponse)), rotated: false });
              form.setValues(initial);
              await accounts.reload();
            });
          }}
        >
          <TextField
            id={form.fieldId('name')}
            label={t.serviceAccounts.name}
            hint={t.serviceAccounts.nameHint}
            value={form.values.name}
            error={form.errorFor('name')}
            onValue={(value) => form.set('name', value)}
          />
          <SelectField
            id={form.fieldId('unitId')}
            label={t.serviceAccounts.unit}
            placeholder={t.serviceAccounts.chooseUnit}
            options={flatten(unitTree(units.data.units.filter((unit) => unit.active))).map((node) => ({ value: node.id, label: indentedName(node) }))}
            value={form.values.unitId}
            error={form.errorFor('unitId')}
            onValue={(value) => form.set('unitId', value)}
          />
          <ChoiceGroup
            id={form.fieldId('actions')}
            type="checkbox"
            name="actions"
            label={t.serviceAccounts.chooseActions}
            hint={t.serviceAccounts.chooseActionsHint}
            options={givable.map((action) => ({ value: action, label: names.actions[action] }))}
            value={form.values.actions}
            error={form.errorFor('actions')}
            onValue={(value) => form.set('actions', value)}
          />
          <SelectField
            id={form.fieldId('expiresInDays')}
            label={t.serviceAccounts.lifetime}
            hint={t.serviceAccounts.lifetimeHint}
            options={LIFETIMES.map((days) => ({ value: String(days), label: interpolate(t.serviceAccounts.days, { days }) }))}
            value={String(form.values.expiresInDays ?? SERVICE_TOKEN_DEFAULT_DAYS)}
            error={form.errorFor('expiresInDays')}
            onValue={(value) => form.set('expiresInDays', Number(value))}
          />
          <div className="form-actions">
            <Button type="submit" disabled={form.submitting}>
              {t.serviceAccounts.create}
            </Button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
