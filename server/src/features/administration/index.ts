import type { Feature } from '../../platform/feature.ts';
import { administrationRoutes } from './administration-routes.ts';
import { seedDemoIdentity } from './demo-data.ts';

/** Organisations, units, users with roles, service accounts (issue 3). */
export const administrationFeature: Feature = {
  name: 'administration',
  routes: administrationRoutes,
  demoData: { order: 0, seed: (tx) => seedDemoIdentity(tx) },
};

/** What other features use: how an administration service sees its caller (the identity feature's too). */
export type { Caller } from './unit-service.ts';
