import { describe, expect, it } from 'vitest';
import { serviceInput, type ServiceDetail } from '#shared/contracts/directory.ts';
import { EMPTY_FORM, formFieldOf, formFromDetail, inputFromForm } from './service-form.ts';

const detail: ServiceDetail = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 3,
  owner: { id: '00000000-0000-4000-8000-000000000002', name: 'Länsstyrelsen i Dalarnas län' },
  editable: true,
  service: {
    organizationName: 'Kvinnojouren',
    name: 'Jour',
    description: 'Stöd',
    url: null,
    email: null,
    status: 'active',
    audiences: ['women_exposed'],
    kinds: ['shelter'],
    languages: ['sv', 'ar'],
    interpreter: false,
    eligibility: null,
    area: { national: false, counties: [], municipalities: ['2080'] },
    phones: [
      { number: '023-000 02 00', kind: 'voice', description: 'Jourtelefon', staffOnly: false },
      { number: '023-000 02 99', kind: 'voice', description: 'Direkt', staffOnly: true },
    ],
    locations: [{ name: null, address: 'Hemlig väg 1', postalCode: '791 44', city: 'Falun', municipalityCode: '2080', confidential: true }],
    schedules: [
      { byday: 'MO', opens: '09:00', closes: '21:00' },
      { byday: 'TU', opens: '09:00', closes: '21:00' },
      { byday: 'SA', opens: '10:00', closes: '14:00' },
    ],
    note: 'osäkert',
    source: null,
  },
  verification: { status: 'verified', verifiedOn: '2026-10-24', verifiedBy: null, overdue: false },
  demo: true,
  updatedAt: '2026-10-24T10:00:00Z',
};

describe('the directory edit form mappers', () => {
  it('round-trips an entry through the form without losing phones, the protected flag or hours', () => {
    const form = formFromDetail(detail);
    expect(form.phones).toBe('023-000 02 00');
    expect(form.staffPhones).toBe('023-000 02 99');
    expect(form.confidential).toEqual(['yes']);
    expect(form.municipalities).toEqual(['2080']);
    // Days with the same hours are one row of picked days.
    expect(form.schedules).toEqual([
      { days: ['MO', 'TU'], opens: '09:00', closes: '21:00' },
      { days: ['SA'], opens: '10:00', closes: '14:00' },
    ]);
    const parsed = serviceInput.parse(inputFromForm(form, detail));
    expect(parsed.phones).toEqual(detail.service.phones);
    expect(parsed.locations[0]).toMatchObject({ address: 'Hemlig väg 1', confidential: true });
    expect(parsed.schedules).toEqual(detail.service.schedules);
    expect(parsed.note).toBe('osäkert');
  });

  it('lets the shared schema name what is wrong in a new entry, on the right field', () => {
    const result = serviceInput.safeParse(inputFromForm({ ...EMPTY_FORM, schedules: [{ days: ['MO'], opens: '8', closes: '16' }] }, undefined));
    expect(result.success).toBe(false);
    const fields = new Set(result.success ? [] : result.error.issues.map((issue) => formFieldOf(issue.path.join('.'))));
    expect(fields).toEqual(new Set(['organizationName', 'name', 'audiences', 'kinds', 'municipalities', 'schedules']));
  });

  it('stores picked days as one HSDS schedule per day, in the order of the week', () => {
    const input = inputFromForm({ ...EMPTY_FORM, schedules: [{ days: ['FR', 'MO'], opens: '08:00', closes: '16:30' }] }, undefined);
    expect(input.schedules).toEqual([
      { byday: 'MO', opens: '08:00', closes: '16:30' },
      { byday: 'FR', opens: '08:00', closes: '16:30' },
    ]);
  });
});
