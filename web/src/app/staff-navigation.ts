import type { Action } from '#shared/auth/permissions.ts';
import type { Locale } from '#shared/i18n/messages.ts';

/**
 * The main menu: a feature adds its entry with the action that makes it visible. The label is
 * given in both languages here so the menu needs no per-feature catalogue import.
 */
export type NavigationItem = { path: string; label: Record<Locale, string>; action?: Action };

export const staffNavigation: NavigationItem[] = [
  { path: '/fraga', label: { sv: 'Fråga om våld', en: 'Ask about violence' }, action: 'encounters.read' },
  { path: '/rutiner', label: { sv: 'Rutiner', en: 'Routines' }, action: 'routines.read' },
  { path: '/katalog', label: { sv: 'Stödkatalog', en: 'Support directory' }, action: 'directory.search' },
  { path: '/katalog/redaktion', label: { sv: 'Katalogredaktion', en: 'Directory editing' }, action: 'directory.edit' },
  { path: '/innehall', label: { sv: 'Informationssidor', en: 'Information pages' }, action: 'content.edit' },
  { path: '/enkater', label: { sv: 'Enkäter', en: 'Surveys' }, action: 'surveys.manage' },
  { path: '/uppfoljning', label: { sv: 'Uppföljning', en: 'Follow-up' }, action: 'dashboards.read' },
  { path: '/uppfoljning/lansjamforelse', label: { sv: 'Länsjämförelse', en: 'Regional comparison' }, action: 'regional.read' },
  { path: '/samverkan', label: { sv: 'Samverkan', en: 'Collaboration' }, action: 'collaboration.read' },
  { path: '/kompetens', label: { sv: 'Kompetens', en: 'Competence' }, action: 'staff_support.read' },
  { path: '/kompetens/evenemang', label: { sv: 'Evenemang', en: 'Events' }, action: 'events.manage' },
  { path: '/referensdata', label: { sv: 'Län och kommuner', en: 'Counties and municipalities' } },
  { path: '/jobb', label: { sv: 'Mina bakgrundsjobb', en: 'My background jobs' } },
  { path: '/administration', label: { sv: 'Administration', en: 'Administration' }, action: 'units.read' },
  { path: '/granskning', label: { sv: 'Granskning', en: 'Audit' }, action: 'audit.read' },
  { path: '/konto', label: { sv: 'Mitt konto', en: 'My account' } },
];
