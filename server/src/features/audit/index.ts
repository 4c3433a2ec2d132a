import type { Feature } from '../../platform/feature.ts';
import { auditRoutes } from './audit-routes.ts';

/** The auditors' search, export and review (issue 3, ADR 0006). */
export const auditFeature: Feature = { name: 'audit', routes: auditRoutes };
