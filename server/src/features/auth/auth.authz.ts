import { defineRouteCases } from '../../test-support/authorization/route-cases.ts';

/**
 * The authentication routes admit anonymous callers by contract (`/api/v1/auth/*`). The matrix
 * checks what an anonymous caller gets; the rest is in the auth tests named below.
 */
const coveredBy = 'server/src/features/auth/*.db.test.ts';

export const authorizationCases = defineRouteCases([
  {
    route: 'POST /api/v1/auth/login',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/login', body: { email: 'ingen@test.upptack.se', password: 'inte rätt lösenord alls' } }),
  },
  { route: 'POST /api/v1/auth/logout', kind: 'anonymous', status: 204, coveredBy, call: async () => ({ url: '/api/v1/auth/logout', body: {} }) },
  { route: 'GET /api/v1/auth/session', kind: 'anonymous', status: 200, coveredBy, call: async () => ({ url: '/api/v1/auth/session' }) },
  {
    route: 'POST /api/v1/auth/acting-unit',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/acting-unit', body: { unitId: '00000000-0000-4000-8000-000000000000' } }),
  },
  {
    route: 'POST /api/v1/auth/totp/enrolment',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/totp/enrolment', body: {} }),
  },
  {
    route: 'POST /api/v1/auth/totp/enrolment/confirm',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/totp/enrolment/confirm', body: { totp: '123456' } }),
  },
  {
    route: 'POST /api/v1/auth/password',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/password', body: { currentPassword: 'x', newPassword: 'ett helt nytt långt lösenord' } }),
  },
  {
    route: 'POST /api/v1/auth/password-setup',
    kind: 'anonymous',
    status: 410,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/password-setup', body: { token: 'ingen-giltig-token-alls-0000000', password: 'ett helt nytt långt lösenord' } }),
  },
]);
