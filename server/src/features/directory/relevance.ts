import type { Audience, Kind } from '#shared/contracts/directory.ts';
import { compareSwedish } from '#shared/i18n/collation.ts';
import { isAlwaysOpen, type Schedule } from './opening-hours.ts';

/**
 * The order of search results (issue 22, ADR 0102): a person looking for help sees first what
 * they can reach right now, then what is made for them, then what is nearest.
 *  1. Crisis lines: a phone line, chat or after-hours social services open around the clock.
 *  2. Made for the person: a service for the audience asked about (or, when none is asked, for
 *     people exposed to or using violence) before one for everyone, relatives or professionals.
 *  3. Named for the words searched for before only described by them.
 *  4. Nearest: the municipality, then the county, then national.
 *  5. Swedish alphabetical order of the name.
 */
export type RankedService = {
  name: string;
  audiences: readonly Audience[];
  kinds: readonly Kind[];
  schedules: Schedule[];
  /** 0 municipality, 1 county, 2 national. */
  level: number;
  /** Every word searched for is in the name (always false without words). */
  name_matches: boolean;
};

const CRISIS_KINDS: readonly Kind[] = ['phone_line', 'chat', 'social_services_after_hours'];
/** Audiences that do not say the service is about violence. */
const GENERAL_AUDIENCES: readonly Audience[] = ['everyone', 'relatives', 'professionals'];

export function isCrisisLine(service: Pick<RankedService, 'kinds' | 'schedules'>): boolean {
  return service.kinds.some((kind) => CRISIS_KINDS.includes(kind)) && isAlwaysOpen(service.schedules);
}

function madeFor(service: RankedService, asked: readonly Audience[]): boolean {
  if (asked.length > 0) return service.audiences.some((audience) => asked.includes(audience) && audience !== 'everyone');
  return service.audiences.some((audience) => !GENERAL_AUDIENCES.includes(audience));
}

/** A copy of `services` in the order of relevance for the audiences asked about. */
export function byRelevance<T extends RankedService>(services: readonly T[], asked: { audiences: readonly Audience[] }): T[] {
  const keyed = services.map((service) => ({
    service,
    key: [isCrisisLine(service) ? 0 : 1, madeFor(service, asked.audiences) ? 0 : 1, service.name_matches ? 0 : 1, service.level],
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return compareSwedish(a.service.name, b.service.name);
  });
  return keyed.map((entry) => entry.service);
}
