import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.ts';
import { users } from '../../platform/auth/schema.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { ADMIN_COMMANDS } from './index.ts';

const command = (name: string) => {
  const found = ADMIN_COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};

describe('the admin CLI: first administrator, second factor reset, deactivation, audit check, key rotation', () => {
  let app: TestApp;
  let output: string[];
  const run = (name: string, args: string[], config = testConfig({ publicUrl: 'https://upptack.example.se' })) => {
    output = [];
    return command(name).run(args, { config, database: app.database, out: (line) => void output.push(line) });
  };

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('lists every identity command in `help`', () => {
    expect(ADMIN_COMMANDS.map((c) => c.name)).toEqual(
      expect.arrayContaining(['create-admin', 'reset-second-factor', 'deactivate-user', 'verify-audit', 'rotate-encryption-key']),
    );
  });

  it('creates the first system administrator with a one-time link, and refuses a second', async () => {
    expect(await run('create-admin', ['--email', 'Admin@Jamy.se'])).toBe(2);
    expect(output[0]).toMatch(/^Usage: npm run admin -- create-admin/);
    expect(await run('create-admin', ['--email', 'Admin@Jamy.se', '--name', 'Första Admin', '--organisation', 'jamy'])).toBe(0);
    const link = output.find((line) => line.includes('/personal/nytt-losenord#'))!.trim();
    expect(link).toMatch(/^https:\/\/upptack\.example\.se\/personal\/nytt-losenord#[A-Za-z0-9_-]{43}$/);
    const set = await anonymous(app).post('/api/v1/auth/password-setup', { token: link.split('#')[1], password: 'ett långt lösenord för den första' });
    expect(set.status).toBe(204);
    const login = await anonymous(app).post('/api/v1/auth/login', { email: 'admin@jamy.se', password: 'ett långt lösenord för den första' });
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({ stage: 'totp_enrolment' });

    expect(await run('create-admin', ['--email', 'second@jamy.se', '--name', 'Andra', '--organisation', 'JAMY'])).toBe(1);
    expect(output[0]).toMatch(/already exists/);
    const [event] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from audit_events where action = 'admin_cli.create_admin'`),
    );
    expect(event!.count).toBe(1);
  });

  it('resets a second factor and deactivates a user, ending their sessions', async () => {
    const user = await createUser(app.database, { roles: ['auditor'], totp: { cipher: app.context.cipher } });
    const client = await signIn(app, user);
    expect(await run('reset-second-factor', ['--email', user.email.toUpperCase()])).toBe(0);
    expect((await client.get('/api/v1/permissions')).status).toBe(401);
    const [row] = await app.database.system((tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(row).toMatchObject({ totpSecretEncrypted: null, totpEnabledAt: null, recoveryCodeHashes: [] });

    const other = await createUser(app.database, { roles: ['directory_editor'] });
    const otherClient = await signIn(app, other);
    expect(await run('deactivate-user', ['--email', other.email])).toBe(0);
    expect((await otherClient.get('/api/v1/permissions')).status).toBe(401);
    expect(await run('deactivate-user', ['--email', 'nobody@test.upptack.se'])).toBe(1);
  });

  it('verifies the audit chain and reports where it breaks', async () => {
    expect(await run('verify-audit', [])).toBe(0);
    expect(output[0]).toMatch(/^The audit trail is intact: \d+ events/);
    const copy = await createTestApp();
    try {
      await createUser(copy.database, { roles: ['caseworker'], demo: true });
      const user = await createUser(copy.database, { roles: ['caseworker'], demo: true });
      await signIn(copy, user);
      await signIn(copy, user);
      await copy.database.runScript(`
        alter table audit_events disable trigger audit_events_append_only;
        delete from audit_events where seq = 1;
        alter table audit_events enable trigger audit_events_append_only;`);
      const lines: string[] = [];
      const code = await command('verify-audit').run([], { config: testConfig(), database: copy.database, out: (line) => void lines.push(line) });
      expect(code).toBe(1);
      expect(lines[0]).toMatch(/^THE AUDIT TRAIL IS BROKEN at event 2: the sequence numbers have a gap/);
    } finally {
      await copy.close();
    }
  });

  it('re-encrypts every value under the previous key with the new one, to the same secret', async () => {
    const oldKey = app.context.config.encryptionKey;
    const newKey = crypto.randomBytes(32);
    const user = await createUser(app.database, { roles: ['auditor'], totp: { cipher: createFieldCipher(oldKey) } });
    expect(await run('rotate-encryption-key', [], testConfig({ encryptionKey: newKey }))).toBe(2);
    expect(await run('rotate-encryption-key', ['--batch', '1'], testConfig({ encryptionKey: newKey, encryptionKeyPrevious: oldKey }))).toBe(0);
    expect(output.at(-1)).toBe('Nothing is left under the previous key: ENCRYPTION_KEY_PREVIOUS can be removed.');
    const newOnly = createFieldCipher(newKey);
    const rows = await app.database.system((tx) =>
      queryRows<{ value: string }>(tx, sql`select totp_secret_encrypted as value from users where totp_secret_encrypted is not null`),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => newOnly.isCurrent(row.value))).toBe(true);
    const [mine] = await app.database.system((tx) => tx.select({ value: users.totpSecretEncrypted }).from(users).where(eq(users.id, user.id)));
    expect(newOnly.decrypt(mine!.value!, `totp:${user.id}`)).toBe(user.totpSecret);
  });
});
