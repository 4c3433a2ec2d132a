import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TOKEN_USE } from '../../platform/auth/authenticate.ts';
import { serviceAccounts } from '../../platform/auth/schema.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, withToken, type ApiClient, type TestApp } from '../../test-support/test-app.ts';

/**
 * Issue 16 items 1–2: no grant beyond one's own, and service accounts' tokens that expire, rotate
 * without downtime and are audited at every use. Each test here failed on the code before.
 */
type Created = { token: string; serviceAccount: { id: string; expiresAt: string; previousTokenExpiresAt: string | null; tokenHint: string } };

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('service accounts: no grant beyond one’s own, expiry, rotation, audited use', () => {
  let app: TestApp;
  let region: TestUnit;
  let home: TestUnit;
  let migration: TestUnit;
  let coordinator: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    region = await createUnit(app.database, { level: 'region', name: 'Region Nord' });
    home = await createUnit(app.database, { parentId: region.id, name: 'Luleå' });
    migration = await createUnit(app.database, { organisation: 'MV', level: 'region', name: 'Migrationsverket Region Syd' });
    coordinator = await createUser(app.database, { roles: ['agency_coordinator'], unit: region });
    admin = await createUser(app.database, { roles: ['system_admin'], organisation: 'JAMY' });
  });
  afterAll(() => app.close());

  /** Sessions end when the clock moves days: sign in anew for each use. */
  const asCoordinator = (): Promise<ApiClient> => signIn(app, coordinator);

  async function uses(accountId: string) {
    return app.database.system((tx) =>
      queryRows<{ outcome: string; actor_kind: string; actor_id: string; tenant_id: string; details: Record<string, string> }>(
        tx,
        sql`select outcome, actor_kind, actor_id, tenant_id, details from audit_events where action = ${SERVICE_TOKEN_USE} and record_id = ${accountId} order by seq`,
      ),
    );
  }

  it('refuses a coordinator, who sees numbers only, a token that reads encounters (403), and gives the actions they hold', async () => {
    const client = await asCoordinator();
    const refused = await client.post('/api/v1/admin/service-accounts', { name: 'Läser möten', unitId: region.id, actions: ['encounters.read'] });
    expect(refused.status).toBe(403);
    expect(refused.problem().code).toBe('forbidden');
    const mixed = await client.post('/api/v1/admin/service-accounts', { name: 'Blandat', unitId: home.id, actions: ['units.read', 'encounters.create'] });
    expect(mixed.status).toBe(403);
    const stored = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from service_accounts where tenant_id = ${region.tenantId}`),
    );
    expect(stored[0]!.count).toBe(0);

    const allowed = await client.post('/api/v1/admin/service-accounts', { name: 'Rutiner', unitId: home.id, actions: ['units.read', 'routines.read'] });
    expect(allowed.status).toBe(201);
  });

  it('refuses a system administrator a token that reads encounters in another organisation’s unit (403), and any action they do not hold', async () => {
    const client = await signIn(app, admin);
    const refused = await client.post('/api/v1/admin/service-accounts', { name: 'Migrationsverket', unitId: migration.id, actions: ['encounters.read'] });
    expect(refused.status).toBe(403);
    expect((await client.post('/api/v1/admin/service-accounts', { name: 'Rutiner', unitId: migration.id, actions: ['routines.read'] })).status).toBe(403);
    // `units.read` is theirs in every organisation (ADR 0016): that much they may give.
    expect((await client.post('/api/v1/admin/service-accounts', { name: 'Enheter', unitId: migration.id, actions: ['units.read'] })).status).toBe(201);
    const [row] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from service_accounts where 'encounters.read' = any (actions)`),
    );
    expect(row!.count).toBe(0);
  });

  it('gives a token 90 days by default, at most a year, and answers 401 once it has expired', async () => {
    const client = await asCoordinator();
    const tooLong = await client.post('/api/v1/admin/service-accounts', { name: 'För länge', unitId: home.id, actions: ['units.read'], expiresInDays: 366 });
    expect(tooLong.status).toBe(400);
    const created = await client.post('/api/v1/admin/service-accounts', { name: 'Ärendesystem', unitId: home.id, actions: ['units.read'] });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toContain('no-store');
    const { token, serviceAccount } = created.json<Created>();
    expect(new Date(serviceAccount.expiresAt).getTime() - app.clock.now().getTime()).toBe(90 * DAY);
    // Shown once: the list never carries it, the database keeps its hash only.
    const list = await client.get('/api/v1/admin/service-accounts');
    expect(list.body).not.toContain(token);
    const [stored] = await app.database.system((tx) => tx.select().from(serviceAccounts).where(eq(serviceAccounts.id, serviceAccount.id)));
    expect(JSON.stringify(stored)).not.toContain(token);

    const integration = withToken(app, token);
    expect((await integration.get('/api/v1/admin/units')).status).toBe(200);
    app.clock.advance(90 * DAY - 60_000);
    expect((await integration.get('/api/v1/admin/units')).status).toBe(200);
    app.clock.advance(60_000);
    const expired = await integration.get('/api/v1/admin/units');
    expect(expired.status).toBe(401);
    const events = await uses(serviceAccount.id);
    expect(events.at(-1)).toMatchObject({ outcome: 'denied', details: { refusal: 'expired' } });
  });

  it('rotates without downtime: old and new tokens both work during the overlap, only the new one after', async () => {
    const client = await asCoordinator();
    const created = (await client.post('/api/v1/admin/service-accounts', { name: 'Roteras', unitId: home.id, actions: ['units.read'] })).json<Created>();
    const oldToken = created.token;
    const rotated = await client.post(`/api/v1/admin/service-accounts/${created.serviceAccount.id}/rotate`, { overlapHours: 24, expiresInDays: 30 });
    expect(rotated.status).toBe(200);
    expect(rotated.headers['cache-control']).toContain('no-store');
    const { token: newToken, serviceAccount } = rotated.json<Created>();
    expect(newToken).not.toBe(oldToken);
    expect(serviceAccount.tokenHint).toBe(newToken.slice(0, 8));
    expect(new Date(serviceAccount.previousTokenExpiresAt!).getTime() - app.clock.now().getTime()).toBe(24 * HOUR);
    expect(new Date(serviceAccount.expiresAt).getTime() - app.clock.now().getTime()).toBe(30 * DAY);

    expect((await withToken(app, oldToken).get('/api/v1/admin/units')).status).toBe(200);
    expect((await withToken(app, newToken).get('/api/v1/admin/units')).status).toBe(200);
    app.clock.advance(23 * HOUR);
    expect((await withToken(app, oldToken).get('/api/v1/admin/units')).status).toBe(200);
    app.clock.advance(HOUR);
    expect((await withToken(app, oldToken).get('/api/v1/admin/units')).status).toBe(401);
    expect((await withToken(app, newToken).get('/api/v1/admin/units')).status).toBe(200);

    const events = await uses(serviceAccount.id);
    expect(events.map((event) => [event.outcome, event.details.token, event.details.refusal ?? null])).toEqual([
      ['allowed', 'previous', null],
      ['allowed', 'current', null],
      ['allowed', 'previous', null],
      ['denied', 'previous', 'rotated'],
      ['allowed', 'current', null],
    ]);
  });

  it('refuses to rotate a revoked account, and a rotation by someone who does not hold its actions', async () => {
    const client = await asCoordinator();
    const created = (await client.post('/api/v1/admin/service-accounts', { name: 'Återkallas', unitId: home.id, actions: ['units.read'] })).json<Created>();
    expect((await client.post(`/api/v1/admin/service-accounts/${created.serviceAccount.id}/revoke`)).status).toBe(200);
    expect((await client.post(`/api/v1/admin/service-accounts/${created.serviceAccount.id}/rotate`, {})).status).toBe(409);
    expect((await withToken(app, created.token).get('/api/v1/admin/units')).status).toBe(401);

    // An account given encounters by someone who held them (inserted directly: no role both holds
    // them and manages service accounts) cannot be re-issued by a coordinator who does not.
    const [row] = await app.database.system((tx) =>
      tx
        .insert(serviceAccounts)
        .values({ tenantId: home.tenantId, unitId: home.id, name: 'Möten', tokenHash: 'x'.repeat(64), tokenHint: 'upk_xxxx', actions: ['encounters.create'] })
        .returning({ id: serviceAccounts.id }),
    );
    expect((await client.post(`/api/v1/admin/service-accounts/${row!.id}/rotate`, {})).status).toBe(403);
  });

  it('audits every use of a token, allowed and refused, naming the account, its organisation and the route', async () => {
    const client = await asCoordinator();
    const { token, serviceAccount } = (
      await client.post('/api/v1/admin/service-accounts', { name: 'Granskas', unitId: home.id, actions: ['units.read'] })
    ).json<Created>();
    const integration = withToken(app, token);
    expect((await integration.get('/api/v1/admin/units')).status).toBe(200);
    expect((await integration.get(`/api/v1/admin/units/${home.id}`)).status).toBe(200);
    // Allowed to sign in, refused the action: still a use.
    expect((await integration.get('/api/v1/admin/users')).status).toBe(403);
    // Three uses within the same minute: `last_used_at` is touched once, yet each use is audited.
    const events = await uses(serviceAccount.id);
    expect(events).toHaveLength(3);
    for (const event of events) expect(event).toMatchObject({ actor_kind: 'service', actor_id: serviceAccount.id, tenant_id: home.tenantId });
    expect(events.map((event) => [event.outcome, event.details.route])).toEqual([
      ['allowed', '/api/v1/admin/units'],
      ['allowed', '/api/v1/admin/units/:id'],
      ['allowed', '/api/v1/admin/users'],
    ]);
  });
});
