import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantFor, ROLE_GRANTED_BY, SERVICE_ACCOUNT_ACTIONS, type Action } from '#shared/auth/permissions.ts';
import { ROLES, type Role, type Scope } from '#shared/auth/roles.ts';
import type { Route } from '../../platform/http/route.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../test-app.ts';
import { TEST_EPOCH } from '../test-clock.ts';
import type { AuthzWorld, GrantCase } from './route-cases.ts';

/**
 * The grant dimension of the authorization matrix (issue 16 item 1, ADR 0082): every role ×
 * every route that gives access × every action (or role) it can give × where it gives it. The
 * expectations are derived here from the permission table alone, not from the kernel's rule, so
 * the kernel is tested against the table: a caller gives only what it holds itself, at least as
 * wide as it gives it, reaching that unit; nothing crosses organisations but an `all` grant.
 */
const SERVER_SRC = fileURLToPath(new URL('../../', import.meta.url));

async function loadGrantCases(): Promise<GrantCase[]> {
  const files = (fs.readdirSync(SERVER_SRC, { recursive: true }) as string[]).filter((file) => file.endsWith('.authz.ts')).sort();
  const cases: GrantCase[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(SERVER_SRC, file)).href)) as { grantCases?: GrantCase[] };
    cases.push(...(module.grantCases ?? []));
  }
  return cases;
}

/**
 * Body fields that name what someone is given. A route whose body has one of them either
 * declares `grants` (and calls `assertCanGrant`) or is listed below with the reason it gives
 * nothing; a new route with such a field fails until someone decides which.
 */
const GRANT_FIELDS = [
  'action',
  'actions',
  'role',
  'roles',
  'permission',
  'permissions',
  'scope',
  'scopes',
  'grant',
  'grants',
  'delegate',
  'delegates',
  'delegation',
];
const GIVES_NOTHING: Record<string, string> = {
  'POST /api/v1/encounters': 'actions taken in an encounter (referrals), not permissions',
  'PATCH /api/v1/encounters/:id/referrals/:referralId': 'what became of a referral, not a permission',
  'POST /api/v1/training-requirements': 'which roles a training is required of, no access',
  'PUT /api/v1/training-requirements/:id': 'which roles a training is required of, no access',
  // Shared bodies (ADR 0060): membership is the explicit sharing rule between organisations; a
  // convener or secretary is appointed only by a keeper who may record in the body themselves
  // (`requireMayAppoint`, collaboration/caller.test.ts), and the role adds no action to the
  // member's own permission table: it narrows `collaboration.record` to that one body.
  'POST /api/v1/bodies/:id/members': 'shares a body with an organisation under ADR 0060; a convener or secretary only from a keeper who records there',
  'PUT /api/v1/bodies/:id/members/:memberId': 'a role in one body under ADR 0060, only from a keeper who records there',
};

/** Top-level keys of a body schema, through wrappers, pipes, unions and intersections. */
function bodyKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const inner = ['innerType', 'in', 'schema', 'left', 'right'].flatMap((key) => (def[key] ? bodyKeys(def[key] as z.ZodType) : []));
  const options = Array.isArray(def.options) ? (def.options as z.ZodType[]).flatMap(bodyKeys) : [];
  return [...new Set([...inner, ...options])];
}

/** How far a grant held by a caller in `home` reaches. */
function reaches(grant: Scope | undefined, where: 'home' | 'sibling' | 'foreign'): boolean {
  switch (grant) {
    case 'unit':
      return where === 'home';
    case 'agency':
      return where !== 'foreign';
    case 'all':
      return true;
    default:
      return false;
  }
}

const routeKey = (route: Route) => `${route.method} ${route.url}`;
const PLACES = ['home', 'sibling', 'foreign'] as const;

describe('the grant matrix: no route gives an action, scope or role beyond the giver’s own', () => {
  let app: TestApp;
  let world: AuthzWorld;
  let cases: GrantCase[];
  const clients = new Map<Role, ApiClient>();

  beforeAll(async () => {
    // The cases carry dates in 2026's calendar (a role from 2026-11-23); pinned like the matrix.
    app = await createTestApp({ now: TEST_EPOCH });
    cases = await loadGrantCases();
    const region = await createUnit(app.database, { level: 'region', name: 'Bidragsregion' });
    const home = await createUnit(app.database, { parentId: region.id, name: 'Bidragsenhet' });
    const sibling = await createUnit(app.database, { parentId: region.id, name: 'Grannenhet' });
    const foreign = await createUnit(app.database, { organisation: 'MV', name: 'Annan myndighet' });
    const actors = {} as Record<Role, TestUser>;
    for (const role of ROLES) actors[role] = await createUser(app.database, { roles: [role], unit: home });
    const staff = (unit: TestUnit) => createUser(app.database, { roles: ['caseworker'], unit });
    world = { region, home, sibling, foreign, actors, colleague: await staff(home), siblingStaff: await staff(sibling), foreignStaff: await staff(foreign) };
    for (const role of ROLES) clients.set(role, await signIn(app, actors[role]));
  });
  afterAll(() => app.close());

  it('knows every route that gives access: declared, with an entry, and every body that names a grant is one of them', () => {
    const problems: string[] = [];
    const entries = cases.map((entry) => entry.route as string);
    for (const route of app.routes) {
      const key = routeKey(route);
      const named = bodyKeys(route.body).filter((field) => GRANT_FIELDS.includes(field));
      if (route.grants && !entries.includes(key)) problems.push(`${key} declares grants but has no grantCases entry`);
      if (!route.grants && named.length > 0 && !(key in GIVES_NOTHING))
        problems.push(`${key}: its body names ${named.join(', ')}; declare grants (and call assertCanGrant) or say why it gives nothing`);
    }
    for (const key of entries) {
      const route = app.routes.find((candidate) => routeKey(candidate) === key);
      if (!route) problems.push(`${key}: a grant entry for a route that does not exist`);
      else if (!route.grants) problems.push(`${key}: a grant entry for a route that does not declare grants`);
    }
    for (const key of Object.keys(GIVES_NOTHING)) {
      const route = app.routes.find((candidate) => routeKey(candidate) === key);
      if (!route) problems.push(`${key}: listed as giving nothing but no such route`);
      else if (!bodyKeys(route.body).some((field) => GRANT_FIELDS.includes(field)))
        problems.push(`${key}: listed as giving nothing but its body names no grant`);
    }
    expect(problems).toEqual([]);
  });

  it('answers every role × grant route × action or role × place as the permission table says', async () => {
    const problems: string[] = [];
    const routes = new Map(app.routes.map((route) => [routeKey(route), route]));
    let allowedCalls = 0;
    for (const entry of cases) {
      const route = routes.get(entry.route);
      if (!route || !route.grants || route.access.kind !== 'permission') {
        problems.push(`${entry.route}: a grant route must be a permission route that declares grants`);
        continue;
      }
      const routeAction = route.access.action;
      const givens: Array<{ action?: Action; role?: Role }> =
        route.grants === 'actions' ? SERVICE_ACCOUNT_ACTIONS.map((action) => ({ action })) : ROLES.map((role) => ({ role }));
      let succeeded = 0;
      for (const granter of ROLES) {
        const managing = grantFor(routeAction, granter);
        for (const where of PLACES) {
          const unit = world[where];
          for (const given of givens) {
            const call = await entry.prepare({ app, world, granter, unit, ...given });
            const response = await clients.get(granter)!.request(route.method, call.url, call.body);
            let allowed = reaches(managing, where);
            if (given.action) {
              // A service account reaches its unit and below (`unit`): the giver needs at least that.
              allowed &&= reaches(grantFor(given.action, granter), where);
            }
            const neverGiven = given.role !== undefined && (entry.neverGives?.roles.includes(given.role) ?? false);
            if (given.role) {
              allowed &&= ROLE_GRANTED_BY[given.role].includes(granter) && !neverGiven;
            }
            const label = `${entry.route} as ${granter} giving ${given.action ?? given.role} in ${where}`;
            if (allowed) {
              if (response.status !== entry.success) problems.push(`${label}: ${response.status} ${response.body.slice(0, 160)}, expected ${entry.success}`);
              else succeeded++;
            } else {
              // Another organisation the caller cannot administer is "not found" (ADR 0016);
              // otherwise a refusal: 403 (the grant rule or the permission), or a field error
              // naming a role the caller may never give.
              const expected = where === 'foreign' && managing !== undefined && managing !== 'all' ? [404] : [403];
              if (given.role && (!ROLE_GRANTED_BY[given.role].includes(granter) || neverGiven)) expected.push(400);
              if (!expected.includes(response.status))
                problems.push(`${label}: ${response.status} ${response.body.slice(0, 160)}, expected ${expected.join(' or ')}`);
            }
          }
        }
      }
      if (succeeded === 0) problems.push(`${entry.route}: no caller succeeded (the entry proves nothing)`);
      allowedCalls += succeeded;
    }
    expect(problems).toEqual([]);
    expect(allowedCalls).toBeGreaterThan(0);
  }, 600_000);
});
