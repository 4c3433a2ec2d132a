import { z } from 'zod';
import { PERMISSION_AREAS, PERMISSIONS, ACTIONS, type PermissionRow } from '#shared/auth/permissions.ts';
import { ROLES, SCOPES } from '#shared/auth/roles.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';

const permissionTable = z.object({
  roles: z.array(z.enum(ROLES)),
  scopes: z.array(z.enum(SCOPES)),
  areas: z.array(z.enum(PERMISSION_AREAS)),
  actions: z.array(
    z.object({
      action: z.string(),
      area: z.enum(PERMISSION_AREAS),
      individualLevel: z.boolean(),
      grants: z.record(z.string(), z.enum(SCOPES)),
    }),
  ),
});

/** The permission table as data, for the documentation page every signed-in user can read. */
export function permissionRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/permissions',
      summary: 'The permission table: role × action × scope',
      tags: ['Behörigheter'],
      access: { kind: 'signed_in' },
      responses: { 200: { description: 'The table', schema: permissionTable } },
      async handler() {
        return {
          roles: [...ROLES],
          scopes: [...SCOPES],
          areas: [...PERMISSION_AREAS],
          actions: ACTIONS.map((action) => {
            const row: PermissionRow = PERMISSIONS[action];
            return { action, area: row.area, individualLevel: row.individualLevel, grants: { ...row.grants } };
          }),
        };
      },
    }),
  ];
}
