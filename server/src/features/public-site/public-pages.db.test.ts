import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_LANGUAGES } from '#shared/contracts/directory.ts';
import { seedDemoData } from '../../platform/demo/demo-seed.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { testConfig } from '../../config.ts';
import { FEATURES } from '../index.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { createUnit, createUser, type TestUser } from '../../test-support/builders.ts';
import { DEMO_PROTECTED_ADDRESS, DEMO_STAFF_ONLY_NUMBER } from '../directory/index.ts';
import { publicSiteMessages } from './messages.ts';

const html = { accept: 'text/html' };
const PAGES = [
  '/',
  '/information/vad-ar-vald',
  '/information/lagen',
  '/information/stod-och-skydd',
  '/information/dolj-ditt-besok',
  '/stod',
  '/stod?kommun=2080&malgrupp=perpetrators',
  '/tillganglighet',
];

describe('public information pages', () => {
  let app: TestApp;
  let knowledgeEditor: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    const config = testConfig();
    await seedDemoData(app.database, FEATURES, { config, clock: app.clock, cipher: createFieldCipher(config.encryptionKey) });
    knowledgeEditor = await createUser(app.database, {
      roles: ['knowledge_editor'],
      unit: await createUnit(app.database, { organisation: 'SOS', municipalityCode: null }),
    });
  });
  afterAll(() => app.close());

  it('serves every page in every language: not cached, no cookie, neutral title, quick exit first', async () => {
    for (const language of PUBLIC_LANGUAGES) {
      for (const page of PAGES) {
        const url = language === 'sv' ? page : `${page}${page.includes('?') ? '&' : '?'}lang=${language}`;
        const response = await anonymous(app).get(url, html);
        expect(response.status, url).toBe(200);
        expect(response.headers['cache-control'], url).toBe('no-store');
        expect(response.headers['set-cookie'], url).toBeUndefined();
        const title = /<title>([^<]*)<\/title>/.exec(response.body)?.[1] ?? '';
        expect(title, url).not.toMatch(/våld|violence|العنف|stöd|support|dölj|hide/i);
        expect(response.body.indexOf('data-quick-exit'), url).toBeLessThan(response.body.indexOf('skip-link'));
        expect(response.body, url).not.toContain(DEMO_PROTECTED_ADDRESS);
        expect(response.body, url).not.toContain(DEMO_STAFF_ONLY_NUMBER);
      }
    }
  });

  it('lays Arabic out right to left and labels translations nobody has reviewed', async () => {
    const arabic = await anonymous(app).get('/information/vad-ar-vald?lang=ar', html);
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.body).toContain('ما هو العنف؟');
    expect(arabic.body).toContain(publicSiteMessages.ar.unreviewed);
    const easy = await anonymous(app).get('/information/vad-ar-vald?lang=lattlast', html);
    expect(easy.body).toContain('<html lang="sv" dir="ltr">');
    expect(easy.body).toContain(publicSiteMessages.lattlast.unreviewed);
    const swedish = await anonymous(app).get('/information/vad-ar-vald', html);
    expect(swedish.body).not.toContain(publicSiteMessages.sv.unreviewed);
  });

  it('lists municipalities in Swedish order: Å, Ä, Ö after Z (issue 22)', async () => {
    const page = (await anonymous(app).get('/stod', html)).body;
    const at = (name: string) => page.indexOf(`>${name}</option>`);
    const positions = ['Ydre', 'Åre', 'Älvdalen', 'Örebro'].map(at);
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("keeps the helpline's digit groups in order in Arabic prose and makes every number tappable (issues 21, 22)", async () => {
    const arabic = await anonymous(app).get('/?lang=ar', html);
    expect(arabic.body).toContain('<a href="tel:020505050" dir="ltr">020-50 50 50</a>');
    expect(arabic.body).toContain('<bdi>Kvinnofridslinjen</bdi>');
    const swedish = await anonymous(app).get('/', html);
    expect(swedish.body).toContain('<a href="tel:112" dir="ltr">112</a>');
    expect(swedish.body).toContain('<a href="tel:020505050" dir="ltr">020-50 50 50</a>');
  });

  it('finds support for people who use violence in Falun, in Arabic, with the reasons', async () => {
    const response = await anonymous(app).get('/stod?kommun=2080&malgrupp=perpetrators&lang=ar', html);
    expect(response.body).toContain('Samtalsmottagningen i Falun');
    expect(response.body).toContain('Välj att sluta');
    expect(response.body).toContain('موجهة إلى: من يمارس العنف ويريد التوقف');
    expect(response.body.indexOf('Samtalsmottagningen i Falun')).toBeLessThan(response.body.indexOf('Välj att sluta'));
  });

  it('keeps a draft off the public pages, and versions every edit with a conflict for the second editor', async () => {
    const client = await signIn(app, knowledgeEditor);
    const current = (await client.get('/api/v1/content/lagen/en')).json<{ version: number; title: string; body: string }>();
    const saved = await client.put('/api/v1/content/lagen/en', {
      version: current.version,
      title: 'Draft law page',
      body: current.body,
      reviewStatus: 'draft',
    });
    expect(saved.status).toBe(200);
    const stale = await client.put('/api/v1/content/lagen/en', { version: current.version, title: 'Other', body: current.body, reviewStatus: 'reviewed' });
    expect(stale.status).toBe(409);
    const page = await anonymous(app).get('/information/lagen?lang=en', html);
    expect(page.body).not.toContain('Draft law page');
    expect(page.body).toContain('Vad säger lagen?');
    const versions = await app.database.system((tx) =>
      tx.execute(sql`select version from content_translation_versions where slug = 'lagen' and language = 'en' order by version`),
    );
    expect((versions as unknown as { rows: Array<{ version: number }> }).rows.map((row) => Number(row.version))).toEqual([1, 2]);
    const reviewed = await client.put('/api/v1/content/lagen/en', {
      version: current.version + 1,
      title: 'What does the law say?',
      body: current.body,
      reviewStatus: 'reviewed',
    });
    expect(reviewed.status).toBe(200);
    expect((await anonymous(app).get('/information/lagen?lang=en', html)).body).not.toContain(publicSiteMessages.en.unreviewed);
  });

  it('lets only knowledge editors change content', async () => {
    const caseworker = await signIn(app, await createUser(app.database, { roles: ['caseworker'] }));
    expect((await caseworker.get('/api/v1/content')).status).toBe(403);
  });
});
