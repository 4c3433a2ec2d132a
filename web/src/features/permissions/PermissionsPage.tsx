import { ACTIONS, PERMISSION_AREAS, PERMISSIONS, ROLE_GRANTED_BY, type PermissionRow } from '#shared/auth/permissions.ts';
import { ROLES } from '#shared/auth/roles.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { Page } from '../../ui/Page.tsx';
import { permissionMessages } from './messages.ts';

/** The permission table as documentation, generated from the table in the code. */
export default function PermissionsPage() {
  const t = useMessages(permissionMessages);
  const app = useMessages(appMessages);
  return (
    <Page title={t.title} lead={t.lead}>
      {PERMISSION_AREAS.map((area) => {
        const actions = ACTIONS.filter((action) => PERMISSIONS[action].area === area);
        if (actions.length === 0) return null;
        return (
          <section key={area}>
            <h2>{t.areas[area]}</h2>
            <DataTable
              caption={interpolate(t.caption, { area: t.areas[area] })}
              rowKey={(action) => action}
              rows={actions}
              columns={[
                { key: 'action', header: t.action, render: (action) => t.actions[action] },
                ...ROLES.map((role) => ({
                  key: role,
                  header: app.roles[role],
                  render: (action: (typeof actions)[number]) => {
                    const scope = (PERMISSIONS[action] as PermissionRow).grants[role];
                    return scope ? app.scopes[scope] : t.none;
                  },
                })),
                {
                  key: 'individual',
                  header: t.individualLevel,
                  render: (action) => {
                    const row: PermissionRow = PERMISSIONS[action];
                    return row.individualLevel ? t.individualLevelYes : row.secondFactor ? t.secondFactorOnly : t.none;
                  },
                },
              ]}
            />
          </section>
        );
      })}
      <section>
        <h2>{t.grantingHeading}</h2>
        <p>{t.grantingText}</p>
        <DataTable
          caption={t.grantingCaption}
          rowKey={(role) => role}
          rows={[...ROLES]}
          columns={[
            { key: 'role', header: t.role, render: (role) => app.roles[role] },
            { key: 'grantedBy', header: t.grantedBy, render: (role) => ROLE_GRANTED_BY[role].map((granter) => app.roles[granter]).join(', ') },
          ]}
        />
      </section>
    </Page>
  );
}
