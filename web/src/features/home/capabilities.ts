import type { PermissionArea } from '#shared/auth/permissions.ts';

/**
 * What the start page offers per capability area. `path` is set when the area's pages exist;
 * an area without one is shown plainly as not built yet (issue 2: placeholders say so).
 */
export const CAPABILITY_AREAS: Array<{ area: PermissionArea; path?: string }> = [
  { area: 'screening', path: '/fraga' },
  { area: 'directory', path: '/katalog' },
  { area: 'competence', path: '/kompetens' },
  { area: 'follow_up', path: '/uppfoljning' },
  { area: 'surveys', path: '/enkater' },
  { area: 'collaboration', path: '/samverkan' },
  { area: 'administration', path: '/administration' },
  { area: 'audit', path: '/granskning' },
];
