import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantFor, PERMISSIONS, SERVICE_ACCOUNT_ACTIONS, type PermissionRow } from '#shared/auth/permissions.ts';
import { ROLES, type Role, type Scope } from '#shared/auth/roles.ts';
import { SERVICE_TOKEN_PREFIX, SERVICE_TOKEN_USE } from '../../platform/auth/authenticate.ts';
import { serviceAccounts } from '../../platform/auth/schema.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows } from '../../platform/db/database.ts';
import type { Route } from '../../platform/http/route.ts';
import { createUnit, createUser, type TestUser } from '../builders.ts';
import { exampleFixture } from '../example-records/builders.ts';
import { anonymous, createTestApp, signIn, withToken, type ApiClient, type TestApp } from '../test-app.ts';
import { MATRIX_SCOPES, type AuthzWorld, type MatrixActor, type MatrixScope, type RouteCase } from './route-cases.ts';
import { TEST_EPOCH } from '../test-clock.ts';

const SERVER_SRC = fileURLToPath(new URL('../../', import.meta.url));

/** Every `*.authz.ts` under server/src: each exports `authorizationCases`. */
async function loadCases(): Promise<RouteCase[]> {
  const files = (fs.readdirSync(SERVER_SRC, { recursive: true }) as string[]).filter((file) => file.endsWith('.authz.ts')).sort();
  const cases: RouteCase[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(SERVER_SRC, file)).href)) as { authorizationCases?: RouteCase[] };
    if (!module.authorizationCases) throw new Error(`${file} does not export authorizationCases`);
    cases.push(...module.authorizationCases);
  }
  return cases;
}

/** How far a grant reaches from the caller's `home` unit. */
function reaches(grant: Scope | undefined, scope: MatrixScope): boolean {
  switch (grant) {
    case 'own':
      return scope === 'own';
    case 'unit':
      return scope === 'own' || scope === 'unit';
    case 'agency':
      return scope !== 'other_agency';
    case 'all':
      return true;
    default:
      return false;
  }
}

const routeKey = (route: Route) => `${route.method} ${route.url}`;

describe('the authorization matrix: every role × every API route × every scope, on real records', () => {
  let app: TestApp;
  let world: AuthzWorld;
  let cases: RouteCase[];
  const clients = new Map<MatrixActor, ApiClient>();

  beforeAll(async () => {
    // The routes' cases carry dates in 2026's calendar (deadlines, events, completions); the matrix
    // is about permissions, so its clock is pinned to a day in that calendar (ADR 0019).
    app = await createTestApp({ ...exampleFixture, now: TEST_EPOCH, config: { breakGlassMinutes: 10 } });
    cases = await loadCases();
    const region = await createUnit(app.database, { level: 'region', name: 'Matrisregion' });
    const home = await createUnit(app.database, { parentId: region.id, name: 'Matrisenhet' });
    const sibling = await createUnit(app.database, { parentId: region.id, name: 'Grannenhet' });
    const foreign = await createUnit(app.database, { organisation: 'AF', name: 'Annan myndighet' });
    const actors = {} as Record<Role, TestUser>;
    for (const role of ROLES) actors[role] = await createUser(app.database, { roles: [role], unit: home });
    world = {
      region,
      home,
      sibling,
      foreign,
      actors,
      colleague: await createUser(app.database, { roles: ['caseworker'], unit: home }),
      siblingStaff: await createUser(app.database, { roles: ['caseworker'], unit: sibling }),
      foreignStaff: await createUser(app.database, { roles: ['caseworker'], unit: foreign }),
    };
    for (const role of ROLES) clients.set(role, await signIn(app, actors[role]));
    const token = `${SERVICE_TOKEN_PREFIX}${randomToken(32)}`;
    await app.database.system((tx) =>
      tx.insert(serviceAccounts).values({
        tenantId: home.tenantId,
        unitId: home.id,
        name: 'Matrisintegration',
        tokenHash: sha256Hex(token),
        tokenHint: token.slice(0, 8),
        actions: SERVICE_ACCOUNT_ACTIONS,
      }),
    );
    clients.set('service', withToken(app, token));
  });
  afterAll(() => app.close());

  /** Events of what the call did: each use of a token is audited too, and proven on its own. */
  async function auditCount(): Promise<number> {
    const [row] = await app.database.system((tx) =>
      queryRows<{ count: number }>(tx, sql`select count(*)::int as count from audit_events where action <> ${SERVICE_TOKEN_USE}`),
    );
    return row!.count;
  }

  function ownerFor(scope: MatrixScope, actor: MatrixActor) {
    switch (scope) {
      case 'own':
        return { unit: world.home, user: actor === 'service' ? world.colleague : world.actors[actor] };
      case 'unit':
        return { unit: world.home, user: world.colleague };
      case 'other_unit':
        return { unit: world.sibling, user: world.siblingStaff };
      case 'other_agency':
        return { unit: world.foreign, user: world.foreignStaff };
    }
  }

  it('has exactly one entry per API route, and no entry without a route', () => {
    const routes = app.routes.map(routeKey);
    const entries = cases.map((entry) => entry.route);
    const duplicates = entries.filter((key, index) => entries.indexOf(key) !== index);
    expect(duplicates, 'routes with more than one entry').toEqual([]);
    expect(
      routes.filter((key) => !entries.includes(key as RouteCase['route'])),
      'routes without an entry in a *.authz.ts file',
    ).toEqual([]);
    expect(
      entries.filter((key) => !routes.includes(key)),
      'entries for routes that do not exist',
    ).toEqual([]);
  });

  it('answers every caller as the permission table says, in every scope, on real records', async () => {
    const problems: string[] = [];
    const routes = new Map(app.routes.map((route) => [routeKey(route), route]));
    for (const entry of cases) {
      const route = routes.get(entry.route);
      if (!route) continue;
      const access = route.access;

      if (entry.kind === 'anonymous') {
        if (access.kind !== 'public' && access.kind !== 'auth') problems.push(`${entry.route}: an anonymous entry for a ${access.kind} route`);
        const call = await entry.call(app);
        const response = await anonymous(app).request(route.method, call.url, call.body);
        if (response.status !== entry.status) problems.push(`${entry.route} anonymous: ${response.status}, expected ${entry.status}`);
        continue;
      }

      if (access.kind === 'public' || access.kind === 'auth') {
        problems.push(`${entry.route}: a ${access.kind} route needs an anonymous entry`);
        continue;
      }
      if (access.kind === 'permission' && entry.reach)
        problems.push(`${entry.route}: permission routes take their reach from the permission table, not the entry`);
      const row: PermissionRow | undefined = access.kind === 'permission' ? PERMISSIONS[access.action] : undefined;
      const individualLevel = row ? row.individualLevel : entry.individualLevel === true;
      const grantOf = (actor: MatrixActor): Scope | undefined => {
        if (access.kind !== 'permission') return entry.reach?.[actor];
        if (actor === 'service') return SERVICE_ACCOUNT_ACTIONS.includes(access.action) ? 'unit' : undefined;
        return grantFor(access.action, actor);
      };

      let succeeded = 0;
      for (const scope of MATRIX_SCOPES) {
        for (const actor of [...ROLES, 'service'] as MatrixActor[]) {
          const context = { app, world, owner: ownerFor(scope, actor), actor, scope };
          const call = await entry.prepare(context);
          const before = await auditCount();
          const response = await clients.get(actor)!.request(route.method, call.url, call.body);
          const events = (await auditCount()) - before;
          const grant = grantOf(actor);
          const usable = grant !== undefined && (grant !== 'aggregated' || entry.aggregatedNumbers === true);
          // The matrix never makes records as the service account: nothing is its "own".
          const reach = actor === 'service' && grant === 'own' ? false : reaches(grant, scope);
          const allowed = entry.kind === 'record' ? reach : usable && (!entry.tenantParam || scope !== 'other_agency' || grant === 'all');
          const where = `${entry.route} as ${actor} on a record in scope ${scope}`;
          const refusal = allowed ? entry.refusedBy?.({ actor, scope }) : undefined;

          if (response.status >= 200 && response.status < 300 && !allowed) problems.push(`${where}: UNEXPECTED ${response.status}`);
          if (allowed && refusal !== undefined) {
            if (response.status !== refusal) problems.push(`${where}: ${response.status}, expected the refusal ${refusal}`);
          } else if (allowed) {
            if (response.status !== entry.success) problems.push(`${where}: ${response.status} ${response.body.slice(0, 160)}, expected ${entry.success}`);
            else succeeded++;
            if (entry.audit !== undefined && events !== entry.audit) problems.push(`${where}: ${events} audit events, expected ${entry.audit}`);
            if (call.shows && entry.kind === 'collection' && call.shows(response) !== reach) {
              problems.push(`${where}: the answer ${call.shows(response) ? 'shows' : 'does not show'} the record, expected the opposite`);
            }
          } else {
            const foreign = scope === 'other_agency' && usable && !entry.publicRecords;
            const expected = foreign ? [404] : [403, 404];
            if (!expected.includes(response.status)) problems.push(`${where}: ${response.status}, expected ${expected.join(' or ')}`);
            if (individualLevel && events !== 1) problems.push(`${where}: a refused individual-level access wrote ${events} audit events, expected 1`);
          }
        }
        const call = await entry.prepare({ app, world, owner: ownerFor(scope, 'caseworker'), actor: 'caseworker', scope });
        const response = await anonymous(app).request(route.method, call.url, call.body);
        if (response.status !== 401) problems.push(`${entry.route} without a session in scope ${scope}: ${response.status}, expected 401`);
      }
      if (succeeded === 0) problems.push(`${entry.route}: no caller succeeded in any scope (the entry proves nothing)`);
    }
    expect(problems).toEqual([]);
    // About 2 000 calls on real records: minutes when the two cores are shared with other work.
  }, 600_000);
});
