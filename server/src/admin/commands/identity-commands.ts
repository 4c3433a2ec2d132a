import { and, eq, sql } from 'drizzle-orm';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { memberships, units, users } from '../../platform/auth/schema.ts';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { APP_NOW, queryRows, type Database } from '../../platform/db/database.ts';
import { organisations } from '../../platform/db/reference-schema.ts';
import type { Config } from '../../config.ts';
import { parseFlags, type AdminCommand } from '../command.ts';

const SETUP_HOURS = 72;

/** The flags' values, or undefined when one is missing (the command then prints its usage). */
function requiredFlags<const N extends string>(args: string[], names: readonly N[]): Record<N, string> | undefined {
  const { flags } = parseFlags(args);
  const values = {} as Record<N, string>;
  for (const name of names) {
    const value = flags[name];
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    values[name] = value.trim();
  }
  return values;
}

function db(context: { database: Database | undefined }): Database {
  if (!context.database) throw new Error('this command needs the database');
  return context.database;
}

/** The set-up link of a new administrator: the public address when configured, else a path. */
function setupUrl(config: Config, token: string): string {
  const base = config.publicUrl ? new URL(config.publicUrl).origin : '';
  return `${base}/personal/nytt-losenord#${token}`;
}

async function findUser(database: Database, email: string) {
  const [user] = await database.system((tx) =>
    tx.select({ id: users.id, tenantId: users.tenantId, active: users.active }).from(users).where(eq(users.email, email.toLowerCase())),
  );
  return user;
}

/**
 * `create-admin`: the first system administrator of a new installation (production has no demo
 * accounts). Refuses when an active administrator exists — later ones are added in the staff
 * pages, where it is audited with a person behind it. Prints a one-time set-up link.
 */
export const createAdminCommand: AdminCommand = {
  name: 'create-admin',
  summary: 'Create the first system administrator and print a one-time link to choose a password',
  usage: 'create-admin --email <email> --name "<display name>" --organisation <code, e.g. JAMY> [--unit "<unit name>"]',
  needsDatabase: true,
  async run(args, context) {
    const given = requiredFlags(args, ['email', 'name', 'organisation']);
    if (!given) {
      context.out(`Usage: npm run admin -- ${this.usage}`);
      return 2;
    }
    const email = given.email.toLowerCase();
    const name = given.name;
    const code = given.organisation.toUpperCase();
    const { flags } = parseFlags(args);
    const unitName = typeof flags.unit === 'string' ? flags.unit : 'Systemförvaltning';
    const database = db(context);
    const now = database.clock.now();
    const result = await database.system(async (tx) => {
      const [organisation] = await tx.select().from(organisations).where(eq(organisations.code, code));
      if (!organisation) return { error: `No organisation has the code ${code}.` } as const;
      const [existing] = await queryRows<{ count: number }>(
        tx,
        sql`select count(*)::int as count from memberships m join users u on u.id = m.user_id
             where m.role = 'system_admin' and u.active and (m.ends_on is null or m.ends_on > ${stockholmDate(now)}::date)`,
      );
      if (existing!.count > 0)
        return { error: 'An active system administrator already exists; add more in the staff pages (Administration → Användare).' } as const;
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (taken) return { error: `The email address ${email} is already in use.` } as const;
      let [unit] = await tx
        .select()
        .from(units)
        .where(and(eq(units.tenantId, organisation.id), eq(units.name, unitName)));
      unit ??= (await tx.insert(units).values({ tenantId: organisation.id, level: 'unit', name: unitName }).returning())[0]!;
      const token = randomToken(32);
      const [user] = await tx
        .insert(users)
        .values({
          tenantId: organisation.id,
          email,
          displayName: name,
          passwordSetupHash: sha256Hex(token),
          passwordSetupExpiresAt: new Date(now.getTime() + SETUP_HOURS * 3_600_000),
        })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ tenantId: organisation.id, userId: user!.id, unitId: unit.id, role: 'system_admin', startsOn: stockholmDate(now) });
      await recordAudit(tx, 'system', SYSTEM_SOURCE, {
        action: 'admin_cli.create_admin',
        recordType: 'user',
        recordId: user!.id,
        recordTenantId: organisation.id,
      });
      return { token, unitName: unit.name, organisation: organisation.name } as const;
    });
    if ('error' in result) {
      context.out(result.error ?? '');
      return 1;
    }
    context.out(`Created the system administrator ${email} in ${result.organisation}, unit ${result.unitName}.`);
    context.out(`They choose their password (and then enrol an authenticator app) within ${SETUP_HOURS} hours at:`);
    context.out(`  ${setupUrl(context.config, result.token)}`);
    context.out('The link is shown only now. Give it to the person through a channel you trust.');
    return 0;
  },
};

/** `reset-second-factor`: for an administrator who lost both the app and the recovery codes. */
export const resetSecondFactorCommand: AdminCommand = {
  name: 'reset-second-factor',
  summary: 'Remove a user’s authenticator app and recovery codes; they enrol anew at next sign-in',
  usage: 'reset-second-factor --email <email>',
  needsDatabase: true,
  async run(args, context) {
    const given = requiredFlags(args, ['email']);
    if (!given) {
      context.out(`Usage: npm run admin -- ${this.usage}`);
      return 2;
    }
    const email = given.email;
    const database = db(context);
    const user = await findUser(database, email);
    if (!user) {
      context.out(`No user has the email address ${email.toLowerCase()}.`);
      return 1;
    }
    await database.system(async (tx) => {
      await tx
        .update(users)
        .set({
          totpSecretEncrypted: null,
          totpEnabledAt: null,
          totpLastStep: null,
          recoveryCodeHashes: [],
          securityVersion: sql`${users.securityVersion} + 1`,
          updatedAt: APP_NOW,
        })
        .where(eq(users.id, user.id));
      await recordAudit(tx, 'system', SYSTEM_SOURCE, {
        action: 'admin_cli.reset_second_factor',
        recordType: 'user',
        recordId: user.id,
        recordTenantId: user.tenantId,
      });
    });
    context.out(`The second factor of ${email.toLowerCase()} is removed and their sessions have ended. They enrol a new app at next sign-in.`);
    return 0;
  },
};

/** `deactivate-user`: ends every session at once and refuses sign-in; history is kept. */
export const deactivateUserCommand: AdminCommand = {
  name: 'deactivate-user',
  summary: 'Deactivate a user: their sessions end at once and they can no longer sign in',
  usage: 'deactivate-user --email <email>',
  needsDatabase: true,
  async run(args, context) {
    const given = requiredFlags(args, ['email']);
    if (!given) {
      context.out(`Usage: npm run admin -- ${this.usage}`);
      return 2;
    }
    const email = given.email;
    const database = db(context);
    const user = await findUser(database, email);
    if (!user) {
      context.out(`No user has the email address ${email.toLowerCase()}.`);
      return 1;
    }
    if (!user.active) {
      context.out(`${email.toLowerCase()} is already deactivated.`);
      return 0;
    }
    await database.system(async (tx) => {
      await tx
        .update(users)
        .set({ active: false, securityVersion: sql`${users.securityVersion} + 1`, updatedAt: APP_NOW })
        .where(eq(users.id, user.id));
      await recordAudit(tx, 'system', SYSTEM_SOURCE, {
        action: 'admin_cli.deactivate_user',
        recordType: 'user',
        recordId: user.id,
        recordTenantId: user.tenantId,
      });
    });
    context.out(`${email.toLowerCase()} is deactivated; their sessions have ended.`);
    return 0;
  },
};
