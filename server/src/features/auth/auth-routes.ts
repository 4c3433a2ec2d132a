import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  changePasswordRequest,
  loginRequest,
  passwordSetupRequest,
  sessionResponse,
  signedOutResponse,
  switchUnitRequest,
  totpEnrolmentConfirm,
  totpEnrolmentDone,
  totpEnrolmentStart,
} from '#shared/contracts/auth.ts';
import { z } from 'zod';
import { SESSION_COOKIE, sessionCookieOptions } from '../../platform/auth/sessions.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { createAuthService } from './auth-service.ts';
import { authMessages } from './messages.ts';

/** The cookie is Secure everywhere except plain-HTTP localhost (development and tests). */
function cookieOptions(context: FeatureContext, request: FastifyRequest) {
  return sessionCookieOptions(context.config.publicUrl, request);
}

/**
 * Sign-in is only accepted as JSON from our own pages: a cross-site form post cannot send
 * `application/json` without a preflight, and browsers label cross-site requests.
 */
function assertSameOrigin(request: FastifyRequest, context: FeatureContext) {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const expected = context.config.publicUrl ? new URL(context.config.publicUrl).origin : `${request.protocol}://${request.host}`;
  if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && origin !== expected)) {
    throw new AppError('forbidden', { detail: pick(authMessages, (m) => m.crossSite) });
  }
}

const tags = ['Inloggning'];

export function authRoutes(context: FeatureContext): Route[] {
  const auth = createAuthService(context);
  const clearCookie = (reply: FastifyReply, request: FastifyRequest) => reply.clearCookie(SESSION_COOKIE, cookieOptions(context, request));

  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/login',
      summary: 'Sign in with email, password and (when enrolled) a one-time code',
      tags,
      access: { kind: 'auth' },
      body: loginRequest,
      bodyExample: { email: 'handlaggare.fk@demo.upptack.se', password: 'upptack-demo-2026' },
      responses: { 200: { description: 'Signed in', schema: sessionResponse } },
      async handler({ caller, body, request, reply }) {
        assertSameOrigin(request, context);
        // The sign-in flow writes its own audit with an explicit identity (ADR 0098); the address is always kept.
        const outcome = await auth.login(body, { ...caller.source, ip: request.ip });
        reply.setCookie(SESSION_COOKIE, outcome.token, cookieOptions(context, request));
        const actor = await context.sessions.resolve(outcome.token);
        if (!actor) throw new Error('a new session did not resolve');
        return auth.sessionResponse(actor);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/logout',
      summary: 'Sign out: the session ends on the server at once',
      tags,
      access: { kind: 'auth' },
      responses: { 204: { description: 'Signed out' } },
      async handler({ caller, request, reply }) {
        if (caller.actor.kind === 'user') await auth.logout(caller.actor, caller.source);
        clearCookie(reply, request);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/auth/session',
      summary: 'Who is signed in, their acting unit, roles and permissions, and the CSRF token',
      tags,
      access: { kind: 'auth' },
      responses: { 200: { description: 'The session', schema: z.union([sessionResponse, signedOutResponse]) } },
      async handler({ caller }) {
        if (caller.actor.kind !== 'user') return { signedIn: false as const };
        return auth.sessionResponse(caller.actor);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/acting-unit',
      summary: 'Switch the acting unit; every action is taken in one unit',
      tags,
      access: { kind: 'auth' },
      body: switchUnitRequest,
      responses: { 200: { description: 'The session in the new unit', schema: sessionResponse } },
      async handler({ caller, body, request }) {
        if (caller.actor.kind !== 'user' || caller.actor.stage !== 'full') throw new AppError('unauthenticated');
        await auth.switchActingUnit(caller.actor, body.unitId, caller.source);
        const token = request.cookies[SESSION_COOKIE];
        const updated = token ? await context.sessions.resolve(token) : null;
        if (!updated) throw new AppError('session_expired');
        return auth.sessionResponse(updated);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment',
      summary: 'Start enrolling an authenticator app: a new secret as a QR code (not yet active)',
      tags,
      access: { kind: 'auth' },
      responses: { 200: { description: 'The secret to scan', schema: totpEnrolmentStart } },
      async handler({ caller }) {
        // Any second-factor stage: enrolling is how a user reaches the full stage.
        if (caller.actor.kind !== 'user') throw new AppError('unauthenticated');
        return auth.startTotpEnrolment(caller.actor);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment/confirm',
      summary: 'Confirm enrolment with a first code; answers the one-time recovery codes, shown once',
      tags,
      access: { kind: 'auth' },
      body: totpEnrolmentConfirm,
      responses: { 200: { description: 'Enrolled', schema: totpEnrolmentDone } },
      async handler({ caller, body, reply }) {
        reply.header('cache-control', 'no-store');
        if (caller.actor.kind !== 'user') throw new AppError('unauthenticated');
        return auth.confirmTotpEnrolment(caller.actor, body.totp, caller.source);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password',
      summary: 'Change one’s own password; every other session of the user ends',
      tags,
      access: { kind: 'auth' },
      body: changePasswordRequest,
      responses: { 200: { description: 'Changed; a new session for this client', schema: sessionResponse } },
      async handler({ caller, body, request, reply }) {
        const user = caller.actor;
        if (user.kind !== 'user') throw new AppError('unauthenticated');
        if (user.stage !== 'full') throw new AppError('second_factor_required');
        const token = await auth.changePassword(user, body, caller.source);
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(context, request));
        const renewed = await context.sessions.resolve(token);
        if (!renewed) throw new Error('a renewed session did not resolve');
        return auth.sessionResponse(renewed);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password-setup',
      summary: 'Choose a password with a one-time set-up link from an administrator',
      tags,
      access: { kind: 'auth' },
      body: passwordSetupRequest,
      responses: { 204: { description: 'The password is set; sign in with it' } },
      async handler({ caller, body, request }) {
        assertSameOrigin(request, context);
        await auth.setUpPassword(body, { ...caller.source, ip: request.ip });
        return undefined;
      },
    }),
  ];
}

/** The client address is checked against throttling before anything else (see app.ts). */
export function loginThrottleHook(context: FeatureContext) {
  const auth = createAuthService(context);
  return async (request: FastifyRequest) => {
    if (request.method === 'POST' && request.routeOptions.url === '/api/v1/auth/login') {
      await auth.assertIpNotThrottled(request.ip);
    }
  };
}
