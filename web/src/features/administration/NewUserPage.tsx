import { useState } from 'react';
import { Link } from 'react-router';
import { createUserRequest, createUserResponse, unitList, type CreateUserRequest } from '#shared/contracts/administration.ts';
import { mayGrantRole } from '#shared/auth/permissions.ts';
import { JOB_ROLES, ROLES, type JobRole, type Role } from '#shared/auth/roles.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSignedInSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';
import { flatten, indentedName, unitTree } from './unit-tree.ts';

type Created = z.infer<typeof createUserResponse>;

/** Creating an account with its first role; the person chooses their password from a link. */
export default function NewUserPage() {
  const t = useMessages(administrationMessages);
  const app = useMessages(appMessages);
  const session = useSignedInSession();
  const units = useResource(() => api.get('/api/v1/admin/units', unitList), []);
  const [created, setCreated] = useState<Created | null>(null);
  const initial: CreateUserRequest = { email: '', displayName: '', unitId: '', role: '' as Role, startsOn: stockholmDate(new Date()) };
  const form = useForm(createUserRequest, initial, { idPrefix: 'user' });
  if (units.error) return <ProblemPage error={units.error} />;
  if (!units.data) return <Loading />;
  if (created) {
    return (
      <Page title={interpolate(t.users.created, { name: created.user.displayName })}>
        <MessageBox variant="success" live>
          {created.reset.delivery === 'mail' ? t.users.resetMailed : t.users.resetAwaitsHandover}
        </MessageBox>
        <p>
          <Link to={`/administration/anvandare/${created.user.id}`}>{t.users.openUser}</Link>
        </p>
      </Page>
    );
  }
  const grantable = ROLES.filter((role) => mayGrantRole(session.roles, role));
  return (
    <Page title={t.users.newTitle} hasErrors={form.summary.length > 0} lead={t.users.newLead}>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => setCreated(await api.post('/api/v1/admin/users', data, createUserResponse)));
        }}
      >
        <TextField
          id={form.fieldId('displayName')}
          label={t.users.displayName}
          autoComplete="off"
          value={form.values.displayName}
          error={form.errorFor('displayName')}
          onValue={(value) => form.set('displayName', value)}
        />
        <TextField
          id={form.fieldId('email')}
          label={t.users.email}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={form.values.email}
          error={form.errorFor('email')}
          onValue={(value) => form.set('email', value)}
        />
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
          options={grantable.map((role) => ({ value: role, label: app.roles[role] }))}
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
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.users.create}
          </Button>
        </div>
      </form>
    </Page>
  );
}
