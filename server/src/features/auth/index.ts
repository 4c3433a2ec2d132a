/**
 * Sign-in with a password and an authenticator code (issue 3); the feature is registered in
 * features/index.ts by its routes. What other features use of it (the identity feature signs a
 * person in through the same service, with the same texts and throttle):
 */
export { createAuthService } from './auth-service.ts';
export { authMessages } from './messages.ts';
export { createLoginThrottle } from './login-throttle.ts';
