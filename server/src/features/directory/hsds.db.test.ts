import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ServiceDetail } from '#shared/contracts/directory.ts';
import { testConfig } from '../../config.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { seedDemoData } from '../../platform/demo/demo-seed.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { FEATURES } from '../index.ts';
import { DEMO_PROTECTED_ADDRESS } from './demo-data.ts';
import { createDirectoryEntry } from './directory-builders.ts';
import { PROFILE_TAXONOMIES } from './hsds.ts';
import { hsdsValidators, schemaErrors, type HsdsValidators } from './hsds-schemas.ts';

type Json = Record<string, unknown>;
type HsdsService = Json & {
  id: string;
  name: string;
  organization_id: string;
  url?: string;
  phones: Json[];
  service_at_locations: Json[];
  attributes: Array<{ taxonomy_term: { code: string; taxonomy: string } }>;
};
type HsdsDocument = { profile: string; hsds_version: string; organizations: Array<Json & { id: string }>; services: HsdsService[] };

const SECRET_ADDRESS = 'Hemliga gatan 7';
const STAFF_PHONE = '023-000 77 77';

describe('HSDS 3.0: the export against the official schemas, and the import of standard files', () => {
  let app: TestApp;
  let client: ApiClient;
  let validators: HsdsValidators;
  const built: Record<'noPhone' | 'noUrl' | 'confidential' | 'located', ServiceDetail> = {} as never;

  beforeAll(async () => {
    app = await createTestApp();
    const config = testConfig();
    await seedDemoData(app.database, FEATURES, { config, clock: app.clock, cipher: createFieldCipher(config.encryptionKey) });
    const editor = await createUser(app.database, { roles: ['directory_editor'], unit: await createUnit(app.database, { organisation: 'LST-20' }) });
    client = await signIn(app, editor);
    const dalarna = { area: { counties: ['20'] } };
    built.noPhone = await createDirectoryEntry(app.database, editor, {
      ...dalarna,
      name: 'Chatt utan telefon',
      kinds: ['chat'],
      phones: [],
      url: 'www.example.se/chatt',
    });
    built.noUrl = await createDirectoryEntry(app.database, editor, { ...dalarna, name: 'Linje utan webbadress', description: '' });
    built.confidential = await createDirectoryEntry(app.database, editor, {
      ...dalarna,
      name: 'Jour med skyddad adress',
      kinds: ['shelter'],
      phones: [{ number: '023-000 66 66' }, { number: STAFF_PHONE, staffOnly: true }],
      locations: [{ address: SECRET_ADDRESS, postalCode: '791 00', city: 'Falun', municipalityCode: '2080', confidential: true }],
    });
    built.located = await createDirectoryEntry(app.database, editor, {
      area: { municipalities: ['2080'] },
      name: 'Mottagning med adress och tider',
      kinds: ['counselling'],
      languages: ['sv', 'ar'],
      interpreter: true,
      eligibility: 'Vuxna',
      email: 'stod@example.se',
      locations: [
        { name: 'Mottagningen', address: 'Stora Torget 1', postalCode: '791 83', city: 'Falun', municipalityCode: '2080' },
        { name: 'Filial utan gatuadress', municipalityCode: '2080' },
      ],
      schedules: [
        { byday: 'MO', opens: '08:00', closes: '16:30' },
        { byday: 'PH', opens: '10:00', closes: '14:00' },
      ],
    });
    validators = hsdsValidators();
  });
  afterAll(() => app.close());

  async function exported(): Promise<{ body: string; document: HsdsDocument }> {
    const response = await anonymous(app).get('/api/v1/public/directory/export.json');
    expect(response.status).toBe(200);
    return { body: response.body, document: response.json<HsdsDocument>() };
  }

  async function stage(content: unknown): Promise<ImportPreview> {
    const started = await client.post('/api/v1/directory/imports', { format: 'hsds_json', content: JSON.stringify(content), filename: 'hsds.json' });
    expect(started.status).toBe(202);
    const { importId, jobId } = started.json<{ importId: string; jobId: string }>();
    await app.jobs.runUntilIdle();
    expect((await client.get(`/api/v1/jobs/${jobId}`)).json<{ status: string }>().status).toBe('succeeded');
    return (await client.get(`/api/v1/directory/imports/${importId}`)).json<ImportPreview>();
  }

  it('exports every service and organisation of the demo directory and of the built entries valid against the official schemas', async () => {
    const { document } = await exported();
    expect(document).toMatchObject({ profile: 'urn:upptack:hsds-profile:se:1.0', hsds_version: '3.0' });
    const ids = document.services.map((service) => service.id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(built).map((entry) => entry.id)));
    expect(document.services.length).toBeGreaterThan(10);
    expect(schemaErrors(validators.service, document.services)).toEqual([]);
    expect(schemaErrors(validators.organization, document.organizations)).toEqual([]);
    const organizations = new Set(document.organizations.map((organization) => organization.id));
    expect(document.services.filter((service) => !organizations.has(service.organization_id)).map((service) => service.name)).toEqual([]);
  });

  it('leaves out what is absent instead of writing null, and gives web addresses their scheme', async () => {
    const { body, document } = await exported();
    expect(body).not.toContain(':null');
    const byId = new Map(document.services.map((service) => [service.id, service]));
    expect(byId.get(built.noPhone.id)).toMatchObject({ url: 'https://www.example.se/chatt', phones: [] });
    expect(byId.get(built.noUrl.id)).not.toHaveProperty('url');
    expect(byId.get(built.noUrl.id)).not.toHaveProperty('email');
    const located = byId.get(built.located.id);
    expect(located).toMatchObject({ email: 'stod@example.se', interpretation_services: 'Tolk kan ordnas.', eligibility_description: 'Vuxna' });
    expect(located?.service_at_locations.map((entry) => entry.location)).toEqual([
      expect.objectContaining({
        name: 'Mottagningen',
        municipality_code: '2080',
        addresses: [expect.objectContaining({ address_1: 'Stora Torget 1', city: 'Falun', state_province: 'Dalarnas län', country: 'SE' })],
      }),
      expect.objectContaining({ name: 'Filial utan gatuadress', addresses: [] }),
    ]);
    expect(located?.service_areas).toEqual([expect.objectContaining({ name: 'Falun', area_type: 'municipality', code: '2080' })]);
    const codes = located?.attributes.map((attribute) => `${attribute.taxonomy_term.taxonomy} ${attribute.taxonomy_term.code}`);
    expect(codes).toEqual(expect.arrayContaining([`${PROFILE_TAXONOMIES.audiences} women_exposed`, `${PROFILE_TAXONOMIES.kinds} counselling`]));
  });

  it('never exports a protected address or a staff-only phone, only that the address is protected', async () => {
    const { body, document } = await exported();
    for (const secret of [SECRET_ADDRESS, DEMO_PROTECTED_ADDRESS, STAFF_PHONE, STAFF_PHONE.replace(/\D/g, '')]) expect(body).not.toContain(secret);
    const shelter = document.services.find((service) => service.id === built.confidential.id);
    expect(shelter?.service_at_locations).toEqual([]);
    expect(shelter?.phones.map((phone) => phone.number)).toEqual(['023-000 66 66']);
    expect(shelter?.attributes.map((attribute) => attribute.taxonomy_term.code)).toContain('confidential_location');
  });

  it('imports its own export back as the same services, keeping the protected address and staff phone it never carried', async () => {
    const { document } = await exported();
    const ours = new Set([built.noPhone.id, built.noUrl.id, built.located.id, built.confidential.id]);
    const preview = await stage({ ...document, services: document.services.filter((service) => ours.has(service.id)) });
    expect(preview.fileProblems).toEqual([]);
    expect(preview.lines.map((line) => [line.name, line.action, line.problems])).toEqual(
      document.services.filter((service) => ours.has(service.id)).map((service) => [service.name, 'unchanged', []]),
    );
  });

  describe('a standard HSDS 3.0 service list from another system', () => {
    const organization = { id: crypto.randomUUID(), name: 'Dalarnas stödförening', description: 'Ideell förening' };
    const term = (taxonomy: keyof typeof PROFILE_TAXONOMIES, code: string) => {
      const id = crypto.randomUUID();
      return {
        id: crypto.randomUUID(),
        taxonomy_term_id: id,
        taxonomy_term: { id, code, name: code, description: code, taxonomy: PROFILE_TAXONOMIES[taxonomy] },
      };
    };
    const mappable = {
      id: crypto.randomUUID(),
      organization_id: organization.id,
      organization,
      name: 'Stödsamtal för anhöriga',
      description: 'Samtal för anhöriga',
      url: 'https://www.example.se/anhoriga',
      status: 'active',
      phones: [{ id: crypto.randomUUID(), number: '023-000 55 55', type: 'cell' }],
      schedules: [{ id: crypto.randomUUID(), freq: 'WEEKLY', byday: 'MO,TU,WE', opens_at: '09:00:00', closes_at: '15:00:00' }],
      service_areas: [{ id: crypto.randomUUID(), name: 'Falun', area_type: 'municipality', code: '2080' }],
      languages: [{ id: crypto.randomUUID(), code: 'fi' }],
      attributes: [term('audiences', 'relatives'), term('kinds', 'counselling')],
    };
    const unmappable = {
      id: crypto.randomUUID(),
      organization_id: organization.id,
      name: 'Tjänst från en annan katalog',
      status: 'temporarily closed',
      phones: [{ id: crypto.randomUUID(), number: '023-000 44 44', type: 'fax' }],
      service_areas: [{ id: crypto.randomUUID(), name: 'Springfield', extent_type: 'text', extent: 'Springfield' }],
    };
    const page = { total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false, contents: [mappable, unmappable] };

    it('is itself valid HSDS 3.0', () => {
      expect(schemaErrors(validators.service, page.contents)).toEqual([]);
    });

    it('previews what can be mapped and names the record and field of everything that cannot, in Swedish; nothing is written before apply', async () => {
      const preview = await stage({ ...page, organizations: [organization] });
      expect(preview.lines.map((line) => [line.line, line.name, line.action])).toEqual([
        [1, 'Stödsamtal för anhöriga', 'create'],
        [2, 'Tjänst från en annan katalog', 'reject'],
      ]);
      expect(preview.lines[0]?.serviceId).toBe(mappable.id);
      const problems = preview.lines[1]?.problems ?? [];
      expect(problems.map((problem) => problem.field)).toEqual([
        'status',
        'service_areas[0]',
        'phones[0].type',
        'attributes (audiences)',
        'attributes (kinds)',
        'service_areas',
      ]);
      expect(problems.find((problem) => problem.field === 'status')?.message).toBe(
        'Okänt värde ”temporarily closed”. Tillåtna värden: active, inactive, defunct.',
      );
      expect(problems.find((problem) => problem.field === 'service_areas[0]')?.message).toContain('Området ”Springfield” kan inte tolkas');
      expect(problems.find((problem) => problem.field === 'attributes (audiences)')?.message).toMatch(/målgrupp/i);
      expect((await anonymous(app).get('/api/v1/public/directory/export.json')).body).not.toContain(mappable.name);

      const refused = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, { verify: true });
      expect(refused.status).toBe(422);
      const applied = await client.post(`/api/v1/directory/imports/${preview.id}/apply`, { verify: true, onlyValidRows: true });
      expect(applied.json()).toMatchObject({ created: 1, updated: 0 });

      const detail = (await client.get(`/api/v1/directory/entries/${mappable.id}`)).json<ServiceDetail>();
      expect(detail.service).toMatchObject({
        organizationName: 'Dalarnas stödförening',
        audiences: ['relatives'],
        kinds: ['counselling'],
        languages: ['fi'],
        area: { national: false, counties: [], municipalities: ['2080'] },
        phones: [expect.objectContaining({ number: '023-000 55 55', kind: 'voice' })],
        schedules: [
          { byday: 'MO', opens: '09:00', closes: '15:00' },
          { byday: 'TU', opens: '09:00', closes: '15:00' },
          { byday: 'WE', opens: '09:00', closes: '15:00' },
        ],
      });
      // The publisher's ids are kept: importing the same file again changes nothing.
      const again = await stage({ contents: [mappable] });
      expect(again.lines.map((line) => line.action)).toEqual(['unchanged']);
    });

    it('reads organisations that carry their services, and refuses a list of organisations without any', async () => {
      const carried = {
        ...mappable,
        id: crypto.randomUUID(),
        name: 'Jourtelefon från organisationslistan',
        organization: undefined,
        organization_id: undefined,
      };
      const preview = await stage({ contents: [{ ...organization, services: [carried] }] });
      expect(preview.lines.map((line) => [line.action, line.problems])).toEqual([['create', []]]);
      const onlyOrganizations = await stage({ contents: [organization] });
      expect(onlyOrganizations.fileProblems.map((problem) => problem.code)).toEqual(['hsds_no_services']);
      expect(onlyOrganizations.totals.rows).toBe(0);
    });

    it('refuses an id that another organisation keeps, and an id that is not a UUID', async () => {
      const { document } = await exported();
      const national = document.services.find((service) => service.name === '1177 Vårdguiden på telefon');
      const preview = await stage({
        contents: [
          { ...mappable, id: national?.id },
          { ...mappable, id: 'tjänst-1' },
        ],
      });
      expect(preview.lines.map((line) => line.problems.map((problem) => problem.code))).toEqual([['unknown_id'], ['hsds_id']]);
    });
  });
});
