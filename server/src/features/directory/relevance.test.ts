import { describe, expect, it } from 'vitest';
import type { Schedule } from './opening-hours.ts';
import { byRelevance, isCrisisLine, type RankedService } from './relevance.ts';

const ALWAYS: Schedule[] = (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', 'PH'] as const).map((byday) => ({ byday, opens: '00:00', closes: '24:00' }));
const OFFICE: Schedule[] = (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({ byday, opens: '08:00', closes: '16:30' }));

function service(name: string, values: Partial<RankedService> = {}): RankedService {
  return { name, audiences: ['women_exposed'], kinds: ['counselling'], schedules: OFFICE, level: 0, name_matches: false, ...values };
}

const names = (services: RankedService[]) => services.map((entry) => entry.name);

describe('the order of directory results (issue 22)', () => {
  it('puts a line open around the clock first, however far away, and a line with office hours among the rest', () => {
    const falun = [
      service('Familjerådgivningen i Falun', { audiences: ['relatives'] }),
      service('Kvinnojouren i Falun', { kinds: ['shelter'] }),
      service('Brottsofferjouren – stödlinje', { kinds: ['phone_line'], level: 2 }),
      service('Kvinnofridslinjen', { kinds: ['phone_line'], schedules: ALWAYS, level: 2 }),
      service('Socialjouren Dalarna', { kinds: ['social_services_after_hours'], schedules: ALWAYS, level: 1 }),
    ];
    expect(names(byRelevance(falun, { audiences: [] }))).toEqual([
      'Socialjouren Dalarna',
      'Kvinnofridslinjen',
      'Kvinnojouren i Falun',
      'Brottsofferjouren – stödlinje',
      // Couples counselling is for everyone in a relationship, not about violence: last.
      'Familjerådgivningen i Falun',
    ]);
  });

  it('puts what is made for the audience asked about before what is for everyone', () => {
    const found = byRelevance(
      [
        service('Alla välkomna', { audiences: ['everyone'] }),
        service('Samtalsmottagningen', { audiences: ['perpetrators'] }),
        service('Kvinnojouren', { audiences: ['women_exposed'] }),
      ],
      { audiences: ['perpetrators'] },
    );
    expect(names(found)).toEqual(['Samtalsmottagningen', 'Alla välkomna', 'Kvinnojouren']);
  });

  it('puts a service named for the words before one only described by them, then the nearest, then Swedish order', () => {
    const found = byRelevance(
      [
        service('Öppen mottagning', { level: 0 }),
        service('Ängens stöd', { level: 0 }),
        service('Åsens stöd', { level: 0 }),
        service('Jouren', { level: 2, name_matches: true }),
        service('Annan', { level: 1 }),
      ],
      { audiences: [] },
    );
    expect(names(found)).toEqual(['Jouren', 'Åsens stöd', 'Ängens stöd', 'Öppen mottagning', 'Annan']);
  });

  it('counts only around-the-clock lines, chats and after-hours social services as crisis lines', () => {
    expect(isCrisisLine({ kinds: ['phone_line'], schedules: ALWAYS })).toBe(true);
    expect(isCrisisLine({ kinds: ['chat'], schedules: ALWAYS })).toBe(true);
    expect(isCrisisLine({ kinds: ['phone_line'], schedules: OFFICE })).toBe(false);
    expect(isCrisisLine({ kinds: ['police'], schedules: ALWAYS })).toBe(false);
    expect(isCrisisLine({ kinds: ['shelter'], schedules: ALWAYS })).toBe(false);
  });
});
