import crypto from 'node:crypto';
import type { JobRole, Role } from '#shared/auth/roles.ts';
import { rolesRequireSecondFactor } from '#shared/auth/permissions.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { memberships, units, users, type UnitLevel } from '../platform/auth/schema.ts';
import { createFieldCipher, type FieldCipher } from '../platform/crypto/field-encryption.ts';
import { testConfig } from '../config.ts';
import { APP_NOW, type Database } from '../platform/db/database.ts';
import { newTotpSecret } from '../platform/auth/totp.ts';
import { organisationId } from '../platform/organisations/organisation-id.ts';

/**
 * Small builders for test data (conventions: `createX(partial)` fills the rest and creates
 * missing parents). Each test states only what it asserts on.
 */
export const TEST_PASSWORD = 'test-password-that-is-long';

let passwordHash: Promise<string> | undefined;
/** The cipher of `testConfig()`, which test apps use unless a test sets another key. */
const testCipher = () => createFieldCipher(testConfig().encryptionKey);
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));
const unique = () => crypto.randomBytes(4).toString('hex');

export type TestUnit = { id: string; tenantId: string; name: string; organisation: string };

export async function createUnit(
  database: Database,
  partial: { organisation?: string; name?: string; parentId?: string | null; level?: UnitLevel; municipalityCode?: string | null } = {},
): Promise<TestUnit> {
  const organisation = partial.organisation ?? 'FK';
  const municipalityCode = partial.municipalityCode === undefined ? '2080' : partial.municipalityCode;
  const [row] = await database.system((tx) =>
    tx
      .insert(units)
      .values({
        tenantId: organisationId(organisation),
        parentId: partial.parentId ?? null,
        level: partial.level ?? 'unit',
        name: partial.name ?? `Enhet ${unique()}`,
        municipalityCode,
        countyCode: municipalityCode?.slice(0, 2) ?? null,
      })
      .returning(),
  );
  if (!row) throw new Error('unit not created');
  return { id: row.id, tenantId: row.tenantId, name: row.name, organisation };
}

export type TestUser = {
  id: string;
  email: string;
  password: string;
  tenantId: string;
  unitId: string;
  organisation: string;
  roles: Role[];
  /** Set when the user was created with `totp: true` (plain base32 secret). */
  totpSecret?: string;
};

export async function createUser(
  database: Database,
  partial: {
    roles?: Role[];
    organisation?: string;
    unit?: TestUnit;
    email?: string;
    demo?: boolean;
    active?: boolean;
    startsOn?: string;
    endsOn?: string | null;
    /** The job role of each membership (ADR 0116); none unless given. */
    jobRole?: JobRole | null;
    /**
     * The enrolled authenticator. By default a user whose roles need a second factor has one, as
     * in production (encrypted with the test configuration's key; `signIn` computes the codes).
     * `false` makes a user who has not enrolled yet; a cipher encrypts under another key.
     */
    totp?: { cipher: FieldCipher } | false;
  } = {},
): Promise<TestUser> {
  const unit = partial.unit ?? (await createUnit(database, { organisation: partial.organisation ?? 'FK' }));
  const roles = partial.roles ?? ['caseworker'];
  const email = partial.email ?? `user-${unique()}@test.upptack.se`;
  const id = crypto.randomUUID();
  const enrolled = partial.totp ?? (rolesRequireSecondFactor(roles) && !partial.demo ? { cipher: testCipher() } : false);
  const totpSecret = enrolled ? newTotpSecret() : undefined;
  await database.system(async (tx) => {
    await tx.insert(users).values({
      id,
      tenantId: unit.tenantId,
      email,
      displayName: `Test ${email.split('@')[0]}`,
      passwordHash: await testPasswordHash(),
      demo: partial.demo ?? false,
      active: partial.active ?? true,
      ...(totpSecret && enrolled ? { totpSecretEncrypted: enrolled.cipher.encrypt(totpSecret, `totp:${id}`), totpEnabledAt: APP_NOW } : {}),
    });
    for (const role of roles) {
      await tx.insert(memberships).values({
        tenantId: unit.tenantId,
        userId: id,
        unitId: unit.id,
        role,
        jobRole: partial.jobRole ?? null,
        startsOn: partial.startsOn ?? '2024-01-01',
        endsOn: partial.endsOn ?? null,
      });
    }
  });
  return {
    id,
    email,
    password: TEST_PASSWORD,
    tenantId: unit.tenantId,
    unitId: unit.id,
    organisation: unit.organisation,
    roles,
    ...(totpSecret ? { totpSecret } : {}),
  };
}
