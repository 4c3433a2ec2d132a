import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import {
  addMembershipRequest,
  approveResetResponse,
  unitList,
  userDetail,
  userResetResponse,
  type AddMembershipRequest,
  type SetupLink,
  type UserDetail,
} from '#shared/contracts/administration.ts';
import { mayGrantRole } from '#shared/auth/permissions.ts';
import { JOB_ROLES, ROLES, type JobRole, type Role } from '#shared/auth/roles.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime, stockholmDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSession, useSignedInSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';
import { SetupLinkBox } from './SetupLinkBox.tsx';
import { flatten, indentedName, unitTree } from './unit-tree.ts';

function AddRole({ user, onSaved }: { user: UserDetail; onSaved(user: UserDetail): void }) {
  const t = useMessages(administrationMessages);
  const app = useMessages(appMessages);
  const session = useSignedInSession();
  const units = useResource(() => api.get('/api/v1/admin/units', unitList), []);
  const initial: AddMembershipRequest = { unitId: '', role: '' as Role, startsOn: stockholmDate(new Date()), endsOn: '' };
  const form = useForm(addMembershipRequest, initial, { idPrefix: 'role' });
  if (!units.data) return null;
  return (
    <section>
      <h2>{t.users.addRoleHeading}</h2>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            onSaved(await api.post(`/api/v1/admin/users/${user.id}/memberships`, data, userDetail));
            form.setValues(initial);
          });
        }}
      >
        <SelectField
          id={form.fieldId('unitId')}
          label={t.users.unit}
          placeholder={t.users.chooseUnit}
          options={flatten(unitTree(units.data.units.filter((unit) => unit.active))).map((node) => ({ value: node.id, label: indentedName(node) }))}
          value={form.values.unitId}
          error={form.errorFor('unitId')}
          onValue={(value) => form.set('unitId', value)}
        />
        <SelectField
          id={form.fieldId('role')}
          label={t.users.role}
          placeholder={t.users.chooseRole}
          options={ROLES.filter((role) => mayGrantRole(session.roles, role)).map((role) => ({ value: role, label: app.roles[role] }))}
          value={form.values.role}
          error={form.errorFor('role')}
          onValue={(value) => form.set('role', value as Role)}
        />
        <SelectField
          id={form.fieldId('jobRole')}
          label={t.users.jobRole}
          hint={t.users.jobRoleHint}
          placeholder={t.users.noJobRole}
          options={JOB_ROLES.map((jobRole) => ({ value: jobRole, label: t.users.jobRoles[jobRole] }))}
          value={String(form.values.jobRole ?? '')}
          error={form.errorFor('jobRole')}
          onValue={(value) => form.set('jobRole', value === '' ? null : (value as JobRole))}
        />
        <TextField
          id={form.fieldId('startsOn')}
          label={t.users.startsOn}
          hint={t.users.dateHint}
          inputMode="numeric"
          value={form.values.startsOn}
          error={form.errorFor('startsOn')}
          onValue={(value) => form.set('startsOn', value)}
        />
        <TextField
          id={form.fieldId('endsOn')}
          label={t.users.endsOn}
          hint={t.users.dateHint}
          inputMode="numeric"
          value={String(form.values.endsOn ?? '')}
          error={form.errorFor('endsOn')}
          onValue={(value) => form.set('endsOn', value)}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.users.addRole}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** One staff member: roles past and present and, for those who manage users, the changes. */
export default function UserPage() {
  const t = useMessages(administrationMessages);
  const app = useMessages(appMessages);
  const { locale } = useLocale();
  const { can, session } = useSession();
  const { id = '' } = useParams();
  const user = useResource(() => api.get(`/api/v1/admin/users/${id}`, userDetail), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const [link, setLink] = useState<SetupLink | null>(null);
  const actions = useForm(z.object({}), {}, { idPrefix: 'actions' });
  if (user.error) return <ProblemPage error={user.error} />;
  if (!user.data) return <Loading />;
  const detail = user.data;
  const manage = can('users.manage') && session?.user.id !== detail.id;
  const act = (path: string, message: string | null) =>
    actions.submit(async () => {
      user.setData(await api.post(`/api/v1/admin/users/${detail.id}/${path}`, {}, userDetail));
      setLink(null);
      setNotice(message);
    });
  return (
    <Page title={detail.displayName} hasErrors={actions.summary.length > 0} lead={detail.email}>
      <p>
        <Link to="/administration/anvandare">{interpolate(t.common.back, { title: t.users.title })}</Link>
      </p>
      {notice ? (
        <MessageBox variant="success" live>
          {notice}
        </MessageBox>
      ) : null}
      {link ? <SetupLinkBox link={link} lead={t.users.handoverLead} /> : null}
      <ErrorSummary errors={actions.summary} />
      <h2>{t.users.detailsHeading}</h2>
      <SummaryList
        rows={[
          { key: t.users.account, value: detail.active ? t.common.active : t.common.inactive },
          {
            key: t.users.password,
            value: detail.passwordSet
              ? t.users.passwordSet
              : detail.setupLinkExpiresAt
                ? interpolate(t.users.passwordPending, { expires: formatDateTime(detail.setupLinkExpiresAt, locale) })
                : t.users.passwordMissing,
          },
          { key: t.users.secondFactor, value: detail.totpEnabled ? t.users.on : t.users.off },
          { key: t.users.recoveryCodes, value: String(detail.recoveryCodesLeft) },
        ]}
      />
      <h2>{t.users.membershipsHeading}</h2>
      <DataTable
        caption={t.users.membershipsCaption}
        rowKey={(row) => row.id}
        rows={detail.memberships}
        columns={[
          { key: 'role', header: t.users.role, render: (row) => app.roles[row.role] },
          { key: 'unit', header: t.users.unit, render: (row) => row.unitName },
          { key: 'jobRole', header: t.users.jobRole, render: (row) => (row.jobRole ? t.users.jobRoles[row.jobRole] : t.users.noJobRole) },
          { key: 'from', header: t.users.from, render: (row) => formatDate(row.startsOn, locale) },
          { key: 'until', header: t.users.until, render: (row) => (row.endsOn ? formatDate(row.endsOn, locale) : t.users.untilFurther) },
          { key: 'status', header: t.common.status, render: (row) => (row.current ? t.users.current : t.users.ended) },
          ...(manage
            ? [
                {
                  key: 'end',
                  header: t.users.actionsHeading,
                  render: (row: UserDetail['memberships'][number]) =>
                    row.endsOn === null || row.endsOn > stockholmDate(new Date()) ? (
                      <Button
                        variant="tertiary"
                        onClick={() =>
                          void actions.submit(async () => {
                            user.setData(
                              await api.post(`/api/v1/admin/users/${detail.id}/memberships/${row.id}/end`, { endsOn: stockholmDate(new Date()) }, userDetail),
                            );
                            setNotice(t.common.saved);
                          })
                        }
                      >
                        {interpolate(t.users.endRole, { role: app.roles[row.role], unit: row.unitName })}
                      </Button>
                    ) : (
                      t.common.none
                    ),
                },
              ]
            : []),
        ]}
      />
      {detail.resets.length > 0 ? (
        <section>
          <h2>{t.users.resetsHeading}</h2>
          <DataTable
            caption={t.users.resetsCaption}
            rowKey={(row) => row.id}
            rows={detail.resets}
            columns={[
              { key: 'kind', header: t.users.resetKind, render: (row) => t.users.resetKinds[row.kind] },
              { key: 'requested', header: t.users.requestedAt, render: (row) => formatDateTime(row.requestedAt, locale) },
              { key: 'status', header: t.users.resetStatusHeading, render: (row) => t.users.resetStatuses[row.status] },
              ...(manage
                ? [
                    {
                      key: 'approve',
                      header: t.users.actionsHeading,
                      render: (row: UserDetail['resets'][number]) =>
                        row.status !== 'awaiting_approval' && row.status !== 'awaiting_handover' ? (
                          t.common.none
                        ) : row.requestedByMe ? (
                          t.users.requestedByYou
                        ) : (
                          <Button
                            variant="tertiary"
                            disabled={actions.submitting}
                            onClick={() =>
                              void actions.submit(async () => {
                                const approved = await api.post(`/api/v1/admin/users/${detail.id}/resets/${row.id}/approve`, {}, approveResetResponse);
                                setLink(approved.setupLink);
                                setNotice(approved.setupLink ? null : t.users.approved);
                                await user.reload();
                              })
                            }
                          >
                            {row.status === 'awaiting_approval' ? t.users.approve : t.users.release}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </section>
      ) : null}
      {manage ? <AddRole user={detail} onSaved={(next) => user.setData(next)} /> : null}
      {manage ? (
        <section>
          <h2>{t.users.actionsHeading}</h2>
          <p>{t.users.actionsText}</p>
          <div className="form-actions" id={actions.fieldId('form')} tabIndex={-1}>
            <Button variant="secondary" disabled={actions.submitting} onClick={() => void act(detail.active ? 'deactivate' : 'reactivate', t.common.saved)}>
              {detail.active ? t.users.deactivate : t.users.reactivate}
            </Button>
            {detail.totpEnabled ? (
              <Button
                variant="secondary"
                disabled={actions.submitting}
                onClick={() =>
                  void actions.submit(async () => {
                    const { user: next, reset } = await api.post(`/api/v1/admin/users/${detail.id}/reset-second-factor`, {}, userResetResponse);
                    user.setData(next);
                    setLink(null);
                    setNotice(reset.status === 'done' ? t.users.secondFactorReset : t.users.secondFactorRequested);
                  })
                }
              >
                {t.users.resetSecondFactor}
              </Button>
            ) : null}
            <Button
              variant="secondary"
              disabled={actions.submitting}
              onClick={() =>
                void actions.submit(async () => {
                  const { user: next, reset } = await api.post(`/api/v1/admin/users/${detail.id}/reset-password`, {}, userResetResponse);
                  user.setData(next);
                  setLink(null);
                  setNotice(reset.delivery === 'mail' ? t.users.resetMailed : t.users.resetAwaitsHandover);
                })
              }
            >
              {t.users.resetPassword}
            </Button>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
