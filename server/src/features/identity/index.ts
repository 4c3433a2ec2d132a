import type { Feature } from '../feature.ts';
import { identityRoutes } from './identity-routes.ts';

/** Sign-in with an organisation's own identity provider (issue 19, ADR 0099). */
export const identityFeature: Feature = { name: 'identity', routes: identityRoutes };
