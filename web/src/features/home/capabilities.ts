import type { PermissionArea } from '#shared/auth/permissions.ts';

/** What the start page offers per capability area, and where its pages start. */
export const CAPABILITY_AREAS: Array<{ area: PermissionArea; path: string }> = [
  { area: 'screening', path: '/fraga' },
  { area: 'directory', path: '/katalog' },
  { area: 'competence', path: '/kompetens' },
  { area: 'follow_up', path: '/uppfoljning' },
  { area: 'surveys', path: '/enkater' },
  { area: 'collaboration', path: '/samverkan' },
  { area: 'administration', path: '/administration' },
  { area: 'audit', path: '/granskning' },
];
