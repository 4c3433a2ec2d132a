import { describe, expect, it } from 'vitest';
import { validateLine } from './directory-exchange.ts';
import { hsdsId, parseJsonImport, PROFILE_TAXONOMIES, withScheme } from './hsds.ts';

const term = (taxonomy: keyof typeof PROFILE_TAXONOMIES, code: string) => ({
  id: hsdsId('test', code),
  taxonomy_term: { id: hsdsId('term', code), code, name: code, description: code, taxonomy: PROFILE_TAXONOMIES[taxonomy] },
});
const service = (extra: Record<string, unknown> = {}) => ({
  id: '0b9d6f0e-3c1a-4f4e-9a51-2f4f0c3b8d11',
  name: 'Stödlinje',
  status: 'active',
  organization: { id: '5e0e7d0c-8a2b-4d6c-b1f7-0c9e2a4b6d13', name: 'Förening', description: '' },
  service_areas: [{ id: hsdsId('area'), name: 'Sverige', area_type: 'national' }],
  phones: [{ id: hsdsId('phone'), number: '020-50 50 50' }],
  attributes: [term('audiences', 'everyone'), term('kinds', 'phone_line')],
  ...extra,
});

describe('HSDS 3.0 files', () => {
  it('gives the same name-based UUID for the same place and another for another', () => {
    expect(hsdsId('service', 'a', 'phone', '0')).toBe(hsdsId('service', 'a', 'phone', '0'));
    expect(hsdsId('service', 'a', 'phone', '0')).not.toBe(hsdsId('service', 'a', 'phone', '1'));
    expect(hsdsId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('adds https:// only to a web address typed without a scheme', () => {
    expect(withScheme('www.example.se/stod')).toBe('https://www.example.se/stod');
    expect(withScheme('http://example.se')).toBe('http://example.se');
  });

  it('reads a bare list, a page of the HSDS API and organisations carrying services alike', () => {
    for (const file of [
      [service()],
      { contents: [service()] },
      { contents: [{ id: hsdsId('o'), name: 'Förening', description: '', services: [service({ organization: undefined })] }] },
    ]) {
      const parsed = parseJsonImport(JSON.stringify(file));
      expect(parsed.fileProblems).toEqual([]);
      expect(validateLine(parsed.lines[0]!)).toMatchObject({
        organizationName: 'Förening',
        audiences: ['everyone'],
        kinds: ['phone_line'],
        area: { national: true },
      });
    }
  });

  it('names the HSDS field of a problem the contract finds, not the contract’s own', () => {
    const parsed = parseJsonImport(
      JSON.stringify([
        service({
          organization: undefined,
          phones: [{ id: hsdsId('p'), number: '555-ABC' }],
          schedules: [
            { id: hsdsId('s'), freq: 'WEEKLY', byday: 'MO', opens_at: '25:00', closes_at: '16:00' },
            { id: hsdsId('m'), freq: 'MONTHLY', bymonthday: '1' },
          ],
          service_at_locations: [{ id: hsdsId('l'), location: { id: hsdsId('loc'), location_type: 'physical', municipality_code: '20800' } }],
        }),
      ]),
    );
    const line = parsed.lines[0]!;
    expect(validateLine(line)).toBeUndefined();
    expect(line.problems.map((problem) => problem.field)).toEqual([
      'organization.name',
      'schedules[1].freq',
      'phones[0].number',
      'service_at_locations[0].location.municipality_code',
      'schedules[0].opens_at',
    ]);
    expect(line.problems[0]?.message.sv).toContain('Tjänsten saknar organisation');
  });
});
