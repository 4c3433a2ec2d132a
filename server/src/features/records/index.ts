import type { Feature } from '../../platform/feature.ts';
import { recordsRoutes } from './records-routes.ts';

/** Kernel routes for the protection rules and break-the-glass of every record type (ADR 0010, 0014). */
export const recordsFeature: Feature = { name: 'records', routes: recordsRoutes };
