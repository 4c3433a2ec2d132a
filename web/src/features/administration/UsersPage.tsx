import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { userList } from '#shared/contracts/administration.ts';
import { api, query } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';

/** Staff of the organisation (a manager: of their unit) with their current roles. */
export default function UsersPage() {
  const t = useMessages(administrationMessages);
  const app = useMessages(appMessages);
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const users = useResource(() => api.get(`/api/v1/admin/users${query({ q })}`, userList), [q]);
  if (users.error) return <ProblemPage error={users.error} />;
  return (
    <Page title={t.users.title}>
      {can('users.manage') ? (
        <p>
          <Link className="button button--primary" to="/administration/anvandare/ny">
            {t.users.newUser}
          </Link>
        </p>
      ) : null}
      <form
        className="inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(search ? { q: search } : {});
        }}
      >
        <TextField id="users-search" label={t.users.search} type="search" value={search} onValue={setSearch} />
        <Button type="submit" variant="secondary">
          {t.users.searchButton}
        </Button>
      </form>
      {users.data ? (
        <DataTable
          caption={t.users.caption}
          rowKey={(row) => row.id}
          rows={users.data.users}
          emptyText={t.users.empty}
          columns={[
            { key: 'name', header: t.common.name, render: (row) => <Link to={`/administration/anvandare/${row.id}`}>{row.displayName}</Link> },
            { key: 'email', header: t.users.email, render: (row) => row.email },
            {
              key: 'roles',
              header: t.users.roles,
              render: (row) => (row.currentRoles.length > 0 ? row.currentRoles.map((r) => `${app.roles[r.role]} (${r.unitName})`).join(', ') : t.users.noRoles),
            },
            { key: 'totp', header: t.users.secondFactor, render: (row) => (row.totpEnabled ? t.users.on : t.users.off) },
            { key: 'status', header: t.common.status, render: (row) => (row.active ? t.common.active : t.common.inactive) },
          ]}
        />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
