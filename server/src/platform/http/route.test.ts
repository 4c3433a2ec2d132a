import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Scope } from '#shared/auth/roles.ts';
import type { ServiceActor, UserActor } from '../auth/actor.ts';
import { callerFor } from './register-routes.ts';
import { defineRoute } from './route.ts';

const now = new Date('2026-11-23T09:00:00Z');
const source = { ip: '192.0.2.1', requestId: 'req-1' };
const person: UserActor = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-0000000000aa',
  email: 'handlaggare@example.se',
  displayName: 'Handläggare',
  demo: false,
  sessionIdHash: 'hash',
  csrfToken: 'csrf',
  stage: 'full',
  totpEnabled: true,
  secondFactorRequired: true,
  idleExpiresAt: now,
  absoluteExpiresAt: now,
  actingUnitId: '00000000-0000-4000-8000-0000000000u1',
  roles: ['caseworker'],
  unitScopeIds: ['00000000-0000-4000-8000-0000000000u1'],
  memberships: [],
};
const integration: ServiceActor = {
  kind: 'service',
  serviceAccountId: '00000000-0000-4000-8000-0000000000s1',
  tenantId: person.tenantId,
  actingUnitId: '00000000-0000-4000-8000-0000000000u2',
  unitScopeIds: ['00000000-0000-4000-8000-0000000000u2'],
  actions: ['encounters.read'],
};

describe('the typed caller of a route (issue 17)', () => {
  it('is anonymous on a public route', () => {
    expect(callerFor({ kind: 'anonymous' }, undefined, { kind: 'public' }, source, now)).toEqual({
      kind: 'anonymous',
      actor: { kind: 'anonymous' },
      source,
      now,
    });
  });

  it('names the person, the organisation, the acting unit and, on a permission route, the action and its scope', () => {
    const caller = callerFor(person, 'own', { kind: 'permission', action: 'encounters.create' }, source, now);
    expect(caller).toMatchObject({
      kind: 'user',
      tenantId: person.tenantId,
      userId: person.userId,
      serviceAccountId: null,
      actingUnitId: person.actingUnitId,
      unitScopeIds: person.unitScopeIds,
      action: 'encounters.create',
      scope: 'own',
      source,
      now,
    });
  });

  it('names a service account and no person', () => {
    const caller = callerFor(integration, 'unit', { kind: 'signed_in' }, source, now);
    expect(caller).toMatchObject({ kind: 'service', userId: null, serviceAccountId: integration.serviceAccountId, actingUnitId: integration.actingUnitId });
    expect(caller).not.toHaveProperty('scope');
  });

  it('narrows the handler’s caller by the declared access, and its result by the declared responses (checked by tsc)', () => {
    const routes = [
      defineRoute({
        method: 'GET',
        url: '/example/permission',
        summary: 'A permission route',
        tags: [],
        access: { kind: 'permission', action: 'encounters.read' },
        responses: { 200: { description: 'Reach', schema: z.object({ scope: z.string() }) } },
        async handler({ caller }) {
          const scope: Scope = caller.scope;
          return { scope };
        },
      }),
      defineRoute({
        method: 'GET',
        url: '/example/public',
        summary: 'A public route',
        tags: [],
        access: { kind: 'public' },
        responses: { 200: { description: 'Nothing about the caller', schema: z.object({ kind: z.literal('anonymous') }) } },
        async handler({ caller }) {
          // @ts-expect-error -- an anonymous caller has no organisation
          void caller.tenantId;
          return { kind: caller.kind };
        },
      }),
      defineRoute({
        method: 'GET',
        url: '/example/wrong-answer',
        summary: 'A route answering what it does not declare',
        tags: [],
        access: { kind: 'signed_in' },
        responses: { 200: { description: 'A count', schema: z.object({ count: z.number() }) } },
        // @ts-expect-error -- the body does not match the declared response
        async handler() {
          return { count: 'many' };
        },
      }),
    ];
    expect(routes.map((route) => route.access.kind)).toEqual(['permission', 'public', 'signed_in']);
  });
});
