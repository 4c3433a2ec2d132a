import type { Tx } from '../../platform/db/database.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { Role } from '#shared/auth/roles.ts';
import { memberships, units, users, type UnitLevel } from '../../platform/auth/schema.ts';
import { DEMO_PASSWORD, demoUnitId, demoUserId } from '../../platform/demo/demo-ids.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';

type DemoUnit = {
  key: string;
  organisation: string;
  parent?: string;
  level: UnitLevel;
  name: string;
  municipality?: string;
};

/** A small but complete organisation: every agency, a county board, units in four municipalities. */
export const DEMO_UNITS: DemoUnit[] = [
  { key: 'fk-sjukforsakring-mitt', organisation: 'FK', level: 'region', name: 'Sjukförsäkring, region Mitt' },
  { key: 'fk-sjukpenning-falun', organisation: 'FK', parent: 'fk-sjukforsakring-mitt', level: 'unit', name: 'Sjukpenning Falun', municipality: '2080' },
  { key: 'fk-sjukpenning-borlange', organisation: 'FK', parent: 'fk-sjukforsakring-mitt', level: 'unit', name: 'Sjukpenning Borlänge', municipality: '2081' },
  { key: 'fk-underhallsstod-goteborg', organisation: 'FK', level: 'unit', name: 'Underhållsstöd Göteborg', municipality: '1480' },
  { key: 'af-falun', organisation: 'AF', level: 'unit', name: 'Arbetsförmedlingen Falun', municipality: '2080' },
  { key: 'af-malmo', organisation: 'AF', level: 'unit', name: 'Arbetsförmedlingen Malmö', municipality: '1280' },
  { key: 'mv-mottagning-goteborg', organisation: 'MV', level: 'unit', name: 'Mottagningsenhet Göteborg', municipality: '1480' },
  { key: 'mv-mottagning-malmo', organisation: 'MV', level: 'unit', name: 'Mottagningsenhet Malmö', municipality: '1280' },
  { key: 'sos-kunskapsstod', organisation: 'SOS', level: 'unit', name: 'Enheten för kunskapsstöd' },
  { key: 'jamy-samordning', organisation: 'JAMY', level: 'unit', name: 'Samordning mäns våld mot kvinnor' },
  { key: 'lst20-social-hallbarhet', organisation: 'LST-20', level: 'unit', name: 'Enheten för social hållbarhet', municipality: '2080' },
];

type DemoUser = { key: string; email: string; name: string; organisation: string; unit: string; roles: Role[] };

/** One account per role (README "Demo accounts"), plus a few colleagues for the numbers. */
export const DEMO_USERS: DemoUser[] = [
  {
    key: 'fk-caseworker',
    email: 'handlaggare.fk@demo.upptack.se',
    name: 'Frida Handläggare',
    organisation: 'FK',
    unit: 'fk-sjukpenning-falun',
    roles: ['caseworker'],
  },
  {
    key: 'fk-caseworker-2',
    email: 'handlaggare2.fk@demo.upptack.se',
    name: 'Karim Handläggare',
    organisation: 'FK',
    unit: 'fk-sjukpenning-falun',
    roles: ['caseworker'],
  },
  {
    key: 'fk-caseworker-borlange',
    email: 'handlaggare.borlange.fk@demo.upptack.se',
    name: 'Lena Handläggare',
    organisation: 'FK',
    unit: 'fk-sjukpenning-borlange',
    roles: ['caseworker'],
  },
  { key: 'fk-manager', email: 'chef.fk@demo.upptack.se', name: 'Maria Chef', organisation: 'FK', unit: 'fk-sjukpenning-falun', roles: ['manager'] },
  {
    key: 'fk-coordinator',
    email: 'samordnare.fk@demo.upptack.se',
    name: 'Sara Samordnare',
    organisation: 'FK',
    unit: 'fk-sjukforsakring-mitt',
    roles: ['agency_coordinator'],
  },
  {
    key: 'fk-auditor',
    email: 'granskare.fk@demo.upptack.se',
    name: 'Gustav Granskare',
    organisation: 'FK',
    unit: 'fk-sjukforsakring-mitt',
    roles: ['auditor'],
  },
  { key: 'af-caseworker', email: 'handlaggare.af@demo.upptack.se', name: 'Ali Handläggare', organisation: 'AF', unit: 'af-falun', roles: ['caseworker'] },
  {
    key: 'mv-caseworker',
    email: 'handlaggare.mv@demo.upptack.se',
    name: 'Mona Handläggare',
    organisation: 'MV',
    unit: 'mv-mottagning-goteborg',
    roles: ['caseworker'],
  },
  {
    key: 'mv-coordinator',
    email: 'samordnare.mv@demo.upptack.se',
    name: 'Mikael Samordnare',
    organisation: 'MV',
    unit: 'mv-mottagning-goteborg',
    roles: ['agency_coordinator'],
  },
  {
    key: 'national-coordinator',
    email: 'nationell.samordnare@demo.upptack.se',
    name: 'Nora Nationell',
    organisation: 'JAMY',
    unit: 'jamy-samordning',
    roles: ['national_coordinator'],
  },
  {
    key: 'knowledge-editor',
    email: 'kunskapsredaktor@demo.upptack.se',
    name: 'Klara Kunskapsredaktör',
    organisation: 'SOS',
    unit: 'sos-kunskapsstod',
    roles: ['knowledge_editor'],
  },
  {
    key: 'county-strategist',
    email: 'lansstrateg@demo.upptack.se',
    name: 'Lars Länsstrateg',
    organisation: 'LST-20',
    unit: 'lst20-social-hallbarhet',
    roles: ['county_strategist'],
  },
  {
    key: 'directory-editor',
    email: 'katalogredaktor@demo.upptack.se',
    name: 'Disa Katalogredaktör',
    organisation: 'LST-20',
    unit: 'lst20-social-hallbarhet',
    roles: ['directory_editor'],
  },
  { key: 'system-admin', email: 'admin@demo.upptack.se', name: 'Adam Administratör', organisation: 'JAMY', unit: 'jamy-samordning', roles: ['system_admin'] },
];

export async function seedDemoIdentity(tx: Tx): Promise<void> {
  for (const unit of DEMO_UNITS) {
    await tx.insert(units).values({
      id: demoUnitId(unit.key),
      tenantId: organisationId(unit.organisation),
      parentId: unit.parent ? demoUnitId(unit.parent) : null,
      level: unit.level,
      name: unit.name,
      countyCode: unit.municipality?.slice(0, 2) ?? null,
      municipalityCode: unit.municipality ?? null,
      demo: true,
    });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    await tx.insert(users).values({
      id: demoUserId(user.key),
      tenantId: organisationId(user.organisation),
      email: user.email,
      displayName: user.name,
      passwordHash,
      demo: true,
    });
    for (const role of user.roles) {
      await tx.insert(memberships).values({
        tenantId: organisationId(user.organisation),
        userId: demoUserId(user.key),
        unitId: demoUnitId(user.unit),
        role,
        // The demo's caseworkers and managers work as such (ADR 0116); a coordinator's job role is not stated.
        jobRole: role === 'caseworker' || role === 'manager' ? role : null,
        startsOn: '2024-01-01',
        demo: true,
      });
    }
  }
}
