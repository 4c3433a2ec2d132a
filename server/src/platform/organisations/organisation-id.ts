import crypto from 'node:crypto';

/**
 * Organisation ids are derived from the organisation's code (e.g. `FK`, `LST-20`, `KOM-2080`) so
 * that every installation, the demo data and the tests agree on them without a lookup.
 */
export function organisationId(code: string): string {
  const hex = crypto.createHash('md5').update(`upptack:organisation:${code}`).digest('hex');
  // Shaped as a version-4 UUID so every validator accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const AGENCY_CODES = ['FK', 'AF', 'MV', 'SOS', 'JAMY'] as const;
export type AgencyCode = (typeof AGENCY_CODES)[number];
