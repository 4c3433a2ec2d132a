import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse, ServiceDetail } from '#shared/contracts/directory.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { seedDemoData } from '../../platform/demo/demo-seed.ts';
import { FEATURES } from '../index.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { createUnit, createUser, type TestUser } from '../../test-support/builders.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { testConfig } from '../../config.ts';
import { DEMO_PROTECTED_ADDRESS, DEMO_STAFF_ONLY_NUMBER, demoServiceId } from './demo-data.ts';

/** Every public way out of the directory, for the "protected address never appears" checks. */
const PUBLIC_URLS = [
  '/api/v1/directory/services?municipality=2080',
  '/api/v1/directory/services?municipality=2080&audience=women_exposed&language=ar',
  '/api/v1/directory/services?county=20',
  '/api/v1/directory/services?municipality=2080&q=kvinnojour',
  '/api/v1/public/directory/export.json',
  '/api/v1/public/directory/export.csv',
];

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-pdf-')), 'handout.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('the support directory', () => {
  let app: TestApp;
  let editor: TestUser;
  let secondEditor: TestUser;
  let caseworker: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    const config = testConfig();
    await seedDemoData(app.database, FEATURES, { config, clock: app.clock, cipher: createFieldCipher(config.encryptionKey) });
    const lst = await createUnit(app.database, { organisation: 'LST-20' });
    editor = await createUser(app.database, { roles: ['directory_editor'], unit: lst });
    secondEditor = await createUser(app.database, { roles: ['directory_editor'], unit: lst });
    caseworker = await createUser(app.database, { roles: ['caseworker'] });
  });
  afterAll(() => app.close());

  it('finds services for people who use violence in Falun, crisis lines first, then what is made for them, nearest first, each with its reasons', async () => {
    const response = await anonymous(app).get('/api/v1/directory/services?municipality=2080&audience=perpetrators');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
    const body = response.json<SearchResponse>();
    expect(body.municipality).toEqual({ code: '2080', name: 'Falun' });
    const names = body.services.map((service) => service.name);
    expect(names).toContain('Samtalsmottagningen i Falun – för dig som använder våld');
    expect(names).toContain('Välj att sluta');
    // No line for people who use violence is open around the clock: what is made for them comes
    // first, nearest first; then what is for everyone (relevance.test.ts has the whole rule).
    expect(names).toEqual([
      'Samtalsmottagningen i Falun – för dig som använder våld',
      'Välj att sluta',
      'Socialjouren Dalarna',
      '1177 Vårdguiden på telefon',
      'Polisen – 114 14',
      'Polisen och SOS Alarm – 112',
    ]);
    const local = body.services.find((service) => service.name.startsWith('Samtalsmottagningen'));
    expect(local?.reasons.map((reason) => reason.code)).toEqual(['area_municipality', 'audience']);
    expect(local?.reasons[0]?.text).toBe('Finns i Falun');
    // A county-wide service for everyone matches too, and says why.
    const socialjour = body.services.find((service) => service.name === 'Socialjouren Dalarna');
    expect(socialjour?.level).toBe('county');
    expect(socialjour?.reasons.map((reason) => reason.code)).toEqual(['area_county', 'audience_everyone']);
  });

  it('puts the crisis lines open around the clock first for a client in Falun, and couples counselling after what is about violence', async () => {
    const names = (await anonymous(app).get('/api/v1/directory/services?municipality=2080')).json<SearchResponse>().services.map((service) => service.name);
    // The two national lines open around the clock, in Swedish order.
    expect(names.slice(0, 2)).toEqual(['Bris – stödlinjen för barn', 'Kvinnofridslinjen']);
    expect(names.indexOf('Kvinnojouren i Falun – skyddat boende och stödsamtal')).toBeLessThan(names.indexOf('Familjerådgivningen i Falun'));
    expect(names.indexOf('Socialtjänsten i Falun – stöd vid våld i nära relation')).toBeLessThan(names.indexOf('Familjerådgivningen i Falun'));
  });

  it('counts an interpreter as a language match and gives it as the reason', async () => {
    const body = (await anonymous(app).get('/api/v1/directory/services?municipality=2080&language=ar')).json<SearchResponse>();
    const shelter = body.services.find((service) => service.id === demoServiceId('falun-kvinnojour'));
    expect(shelter?.reasons.find((reason) => reason.code === 'language')).toMatchObject({ value: 'ar', text: 'Talar arabiska' });
    const social = body.services.find((service) => service.id === demoServiceId('falun-socialtjanst'));
    expect(social?.reasons.find((reason) => reason.code === 'interpreter')).toMatchObject({ value: 'ar' });
    expect(body.services.some((service) => service.name === 'Bris – stödlinjen för barn')).toBe(false);
  });

  it('shows lines only for professionals only when professionals are asked for', async () => {
    const clients = (await anonymous(app).get('/api/v1/directory/services?municipality=2080')).json<SearchResponse>();
    expect(clients.services.some((service) => service.name.startsWith('Nationella stödtelefonen'))).toBe(false);
    const staff = (await anonymous(app).get('/api/v1/directory/services?municipality=2080&audience=professionals')).json<SearchResponse>();
    expect(staff.services.some((service) => service.name.startsWith('Nationella stödtelefonen'))).toBe(true);
  });

  it('answers unknown codes with 400 naming the parameter and the allowed values', async () => {
    const audience = await anonymous(app).get('/api/v1/directory/services?municipality=2080&audience=aliens');
    expect(audience.status).toBe(400);
    const error = audience.json<{ errors: Array<{ field: string; location: string; message: string }> }>().errors[0];
    expect(error).toMatchObject({ field: 'audience', location: 'query' });
    expect(error?.message).toContain('perpetrators');
    const language = await anonymous(app).get('/api/v1/directory/services?municipality=2080&language=xx');
    expect(language.json<{ errors: Array<{ field: string; message: string }> }>().errors[0]?.field).toBe('language');
    expect(language.json<{ errors: Array<{ message: string }> }>().errors[0]?.message).toContain('ar, fa');
    const municipality = await anonymous(app).get('/api/v1/directory/services?municipality=9999');
    expect(municipality.status).toBe(400);
    expect(municipality.json<{ errors: Array<{ field: string; message: string }> }>().errors[0]).toMatchObject({ field: 'municipality' });
    const none = await anonymous(app).get('/api/v1/directory/services?audience=perpetrators');
    expect(none.status).toBe(400);
  });

  it('keeps unverified national lines (delvis) from the public but shows them to staff, marked', async () => {
    const publicNames = (await anonymous(app).get('/api/v1/directory/services?municipality=2080')).json<SearchResponse>().services.map((s) => s.name);
    expect(publicNames).toContain('Kvinnofridslinjen');
    expect(publicNames).not.toContain('Stödlinjen för män');
    expect(publicNames).not.toContain('Tjejjouren i Falun – chatt');
    const staff = await signIn(app, caseworker);
    const staffBody = (await staff.get('/api/v1/directory/staff/services?municipality=2080')).json<SearchResponse>();
    const men = staffBody.services.find((service) => service.name === 'Stödlinjen för män');
    expect(men?.verification.status).toBe('unverified');
  });

  it('shows opening hours only when verified, with the date', async () => {
    const body = (await anonymous(app).get('/api/v1/directory/services?municipality=2080')).json<SearchResponse>();
    const kvinnofrid = body.services.find((service) => service.name === 'Kvinnofridslinjen');
    expect(kvinnofrid?.openingHours).toMatchObject({ open: true, hoursVerifiedOn: '2026-11-22' });
    expect(kvinnofrid?.openingHours.text).toContain('Öppet dygnet runt');
    // Brottsofferjouren's hours are from 2020 (anmarkning): not shown as fact.
    const bojs = body.services.find((service) => service.name.startsWith('Brottsofferjouren – stödlinje'));
    expect(bojs?.openingHours.open).toBeNull();
    expect(bojs?.schedules).toEqual([]);
    // On a Monday at 10:00 in Stockholm office hours are open, the after-hours service closed.
    const today = app.clock.now();
    app.clock.set('2026-11-23T09:00:00Z');
    const open = (await anonymous(app).get('/api/v1/directory/services?municipality=2080&openNow=true')).json<SearchResponse>();
    app.clock.set(today);
    expect(open.services.some((service) => service.id === demoServiceId('falun-socialtjanst'))).toBe(true);
    expect(open.services.some((service) => service.name === 'Socialjouren Dalarna')).toBe(false);
  });

  it('never lets the protected address or a staff-only number out through a public response', async () => {
    for (const url of PUBLIC_URLS) {
      const response = await anonymous(app).get(url);
      expect(response.status, url).toBe(200);
      expect(response.body, url).not.toContain(DEMO_PROTECTED_ADDRESS);
      expect(response.body, url).not.toContain(DEMO_STAFF_ONLY_NUMBER);
      expect(response.headers['set-cookie'], url).toBeUndefined();
    }
    const shelter = (await anonymous(app).get('/api/v1/directory/services?municipality=2080'))
      .json<SearchResponse>()
      .services.find((s) => s.id === demoServiceId('falun-kvinnojour'));
    expect(shelter?.confidentialLocation).toBe(true);
    expect(shelter?.phones.map((phone) => phone.number)).toEqual(['023-000 02 00']);
  });

  it('gives staff the confidential contact route but not the protected address', async () => {
    const staff = await signIn(app, caseworker);
    const response = await staff.get('/api/v1/directory/staff/services?municipality=2080&audience=women_exposed');
    expect(response.body).toContain(DEMO_STAFF_ONLY_NUMBER);
    expect(response.body).not.toContain(DEMO_PROTECTED_ADDRESS);
    const detail = await staff.get(`/api/v1/directory/entries/${demoServiceId('falun-kvinnojour')}`);
    expect(detail.body).not.toContain(DEMO_PROTECTED_ADDRESS);
    // The editors who keep the entry see it, so they can keep it right.
    const owner = await signIn(app, editor);
    expect((await owner.get(`/api/v1/directory/entries/${demoServiceId('falun-kvinnojour')}`)).body).toContain(DEMO_PROTECTED_ADDRESS);
  });

  it('gives the public role no way to the editorial tables, only to the public read model', async () => {
    const asPublic = <T>(query: ReturnType<typeof sql>) =>
      app.database.transaction({ role: 'upptack_public', settings: {} }, (tx) => tx.execute(query) as Promise<T>);
    await expect(asPublic(sql`select address from directory_locations`)).rejects.toThrow();
    await expect(asPublic(sql`select note from directory_services`)).rejects.toThrow();
    await expect(asPublic(sql`select number from directory_phones`)).rejects.toThrow();
    const readModel = await asPublic<{ rows: Array<Record<string, unknown>> }>(sql`select * from directory_public_services`);
    const text = JSON.stringify(readModel.rows);
    expect(readModel.rows.length).toBeGreaterThan(10);
    expect(text).not.toContain(DEMO_PROTECTED_ADDRESS);
    expect(text).not.toContain(DEMO_STAFF_ONLY_NUMBER);
    expect(text).not.toContain('Stödlinjen för män');
  });

  it('renders the Falun handout with the local services and the national lines, and without the protected address', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/api/v1/directory/handout.pdf?municipality=2080&language=sv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['set-cookie']).toBeUndefined();
    const text = pdfText(Buffer.from(response.rawPayload));
    expect(text).toContain('Stöd vid våld – Falun');
    expect(text).toContain('Socialtjänsten i Falun');
    expect(text).toContain('Samtalsmottagningen i Falun');
    expect(text).toContain('Kvinnofridslinjen');
    expect(text).toContain('020-50 50 50');
    expect(text).toContain('Välj att sluta');
    expect(text).not.toContain(DEMO_PROTECTED_ADDRESS);
    expect(text).not.toContain(DEMO_STAFF_ONLY_NUMBER);
    expect(text).not.toContain('Stödlinjen för män');
  });

  it('renders the Arabic handout right to left with a bundled font, tagged, with a text layer that keeps the letters', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/api/v1/directory/handout.pdf?municipality=2080&language=ar' });
    expect(response.statusCode).toBe(200);
    const pdf = Buffer.from(response.rawPayload);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('NotoSansArabic');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toMatch(/\/Lang \(ar\)/);
    const text = pdfText(pdf);
    // The words as written, dots and all (ADR 0023 lost them; one embedded glyph per letter gives them back, ADR 0110).
    expect(text).toContain('الدعم في حالات العنف');
    expect(text).toContain('لا ينبغي لأحد أن يعيش مع العنف أو التهديد');
    expect(text).toContain('يجب على الخدمات الاجتماعية في بلديتك');
    expect(text).toContain('Falun');
    expect(text).toContain('Kvinnofridslinjen');
    expect(text).toContain('020-50 50 50');
    // The national line's description in Arabic (a machine draft: demo mode, marked).
    expect(text).toContain('هاتف دعم لمن تعرض للتهديد');
    expect(text).toContain('ترجمة لم يراجعها شخص بعد');
    expect(text).not.toContain(DEMO_PROTECTED_ADDRESS);
  });

  it('renders any language of the table: Tigrinya in an Ethiopic font with the interpreter line, Ukrainian in Cyrillic', async () => {
    const tigrinya = await app.server.inject({ method: 'GET', url: '/api/v1/directory/handout.pdf?municipality=2080&language=ti' });
    expect(tigrinya.statusCode).toBe(200);
    const pdf = Buffer.from(tigrinya.rawPayload);
    expect(pdf.toString('latin1')).toMatch(/\/Lang \(ti\)/);
    const text = pdfText(pdf);
    expect(text).toContain('እዚ ጽሑፍ ገና ብቋንቋኻ የለን።');
    expect(text).toContain('Du har rätt till tolk');
    expect(text).toContain('Stöd vid våld – Falun');
    const ukrainian = pdfText(
      Buffer.from((await app.server.inject({ method: 'GET', url: '/api/v1/directory/handout.pdf?municipality=2080&language=uk' })).rawPayload),
    );
    expect(ukrainian).toContain('Ви маєте право на перекладача');
    const yiddish = await anonymous(app).get('/api/v1/directory/handout.pdf?municipality=2080&language=yi');
    expect(yiddish.status).toBe(422);
    expect(yiddish.json<{ detail: string }>().detail).toContain('/stod');
    const unknown = await anonymous(app).get('/api/v1/directory/handout.pdf?municipality=2080&language=xx');
    expect(unknown.status).toBe(400);
  });

  it('versions every published change and tells the second of two editors about the conflict', async () => {
    const client = await signIn(app, editor);
    const publisher = await signIn(app, secondEditor);
    const id = demoServiceId('falun-familjeradgivning');
    const current = (await client.get(`/api/v1/directory/entries/${id}`)).json<ServiceDetail>();
    expect(current.verification.overdue).toBe(true);
    const { service } = current;
    const first = await client.put(`/api/v1/directory/entries/${id}`, {
      version: current.version,
      service: { ...service, description: 'Ny text från redaktör A' },
    });
    expect(first.status).toBe(202);
    expect((await publisher.post(`/api/v1/directory/changes/${first.json<{ id: string }>().id}/publish`)).status).toBe(200);
    const second = await client.put(`/api/v1/directory/entries/${id}`, {
      version: current.version,
      service: { ...service, description: 'Text från redaktör B' },
    });
    expect(second.status).toBe(409);
    expect(second.json<{ code: string }>().code).toBe('version_conflict');
    const history = (await client.get(`/api/v1/directory/entries/${id}/history`)).json<{
      versions: Array<{ version: number; change: string; changedBy: string | null }>;
    }>();
    expect(history.versions.map((version) => version.change)).toEqual(['updated', 'created']);
    expect(history.versions[0]?.changedBy).toContain('Test');
  });

  it('flags entries not verified in 12 months on the editor dashboard; a renewal takes effect at once, a first check goes through a second editor (ADR 0112)', async () => {
    const client = await signIn(app, editor);
    const dashboard = (await client.get('/api/v1/directory/dashboard')).json<{ needsAttention: Array<{ id: string; reason: string; version: number }> }>();
    const publicNames = async () =>
      (await anonymous(app).get('/api/v1/directory/services?municipality=2080')).json<SearchResponse>().services.map((s) => s.name);

    // Renewing the check of a published entry is a confirmation: immediate.
    const familjeradgivning = dashboard.needsAttention.find((entry) => entry.id === demoServiceId('falun-familjeradgivning'));
    expect(familjeradgivning?.reason).toBe('overdue');
    const renewed = await client.post(`/api/v1/directory/entries/${demoServiceId('falun-familjeradgivning')}/verify`, { version: familjeradgivning?.version });
    expect(renewed.status).toBe(200);
    expect(renewed.json<ServiceDetail>().verification).toMatchObject({ status: 'verified', verifiedOn: stockholmDate(app.clock.now()) });

    // A never-checked entry is not public; checking it would publish it, so one editor cannot.
    const tjejjour = dashboard.needsAttention.find((entry) => entry.id === demoServiceId('falun-tjejjour'));
    expect(tjejjour?.reason).toBe('unverified');
    const refused = await client.post(`/api/v1/directory/entries/${demoServiceId('falun-tjejjour')}/verify`, { version: tjejjour?.version });
    expect(refused.status).toBe(409);
    expect(refused.problem().detail).toContain('spara för granskning');
    expect(await publicNames()).not.toContain('Tjejjouren i Falun – chatt');
    // Through review: the author ticks "checked today", another editor publishes.
    const detail = (await client.get(`/api/v1/directory/entries/${demoServiceId('falun-tjejjour')}`)).json<ServiceDetail>();
    const proposed = await client.put(`/api/v1/directory/entries/${detail.id}`, { version: detail.version, service: detail.service, verify: true });
    expect(proposed.status).toBe(202);
    expect(await publicNames()).not.toContain('Tjejjouren i Falun – chatt');
    const publisher = await signIn(app, secondEditor);
    expect((await publisher.post(`/api/v1/directory/changes/${proposed.json<{ id: string }>().id}/publish`)).status).toBe(200);
    expect(await publicNames()).toContain('Tjejjouren i Falun – chatt');
  });

  it('lets editors change only what their organisation keeps, within its area', async () => {
    const client = await signIn(app, editor);
    const national = await client.get('/api/v1/directory/entries/980d4d51-5d49-4abf-83d2-ed83e96c8459');
    const detail = national.json<ServiceDetail>();
    expect(detail.editable).toBe(false);
    const refused = await client.put(`/api/v1/directory/entries/${detail.id}`, { version: detail.version, service: detail.service });
    expect(refused.status).toBe(403);
    const outside = await client.post('/api/v1/directory/entries', {
      service: {
        organizationName: 'X',
        name: 'Y',
        audiences: ['everyone'],
        kinds: ['counselling'],
        area: { municipalities: ['1480'] },
        phones: [{ number: '031-000 00 00' }],
      },
    });
    expect(outside.status).toBe(400);
    expect(outside.json<{ errors: Array<{ code: string }> }>().errors[0]?.code).toBe('outside_area');
    const noRoute = await client.post('/api/v1/directory/entries', {
      service: {
        organizationName: 'X',
        name: 'Y',
        audiences: ['women_exposed'],
        kinds: ['shelter'],
        area: { municipalities: ['2080'] },
        locations: [{ address: 'Hemligt 1', confidential: true }],
      },
    });
    expect(noRoute.status).toBe(400);
    expect(noRoute.json<{ errors: Array<{ code: string }> }>().errors[0]?.code).toBe('directory_confidential_needs_contact');
    const caseworkerClient = await signIn(app, caseworker);
    expect((await caseworkerClient.post('/api/v1/directory/entries', {})).status).toBe(403);
  });
});
