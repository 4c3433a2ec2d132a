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

  it('offers every language of the table on the start page, each named in itself with its direction', async () => {
    const start = (await anonymous(app).get('/', html)).body;
    const languages = (await anonymous(app).get('/api/v1/languages')).json<{
      languages: Array<{ code: string; name: string; direction: string; script: string }>;
    }>().languages;
    expect(languages.map((language) => language.code)).toEqual(
      expect.arrayContaining(['sv', 'lattlast', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'uk', 'ru', 'fi', 'se', 'fit', 'sma', 'smj', 'rom', 'yi']),
    );
    expect(languages.find((language) => language.code === 'ti')).toMatchObject({ name: 'ትግርኛ', direction: 'ltr', script: 'Ethi' });
    expect(languages.find((language) => language.code === 'fa')).toMatchObject({ direction: 'rtl', script: 'Arab' });
    for (const language of languages) expect(start, language.code).toContain(`>${language.name}</a>`);
    expect(start).toContain('<a href="/?lang=ti" lang="ti" hrefLang="ti" dir="ltr">ትግርኛ</a>');
    expect(start).toContain('<h2 id="sprak">Språk</h2>');
    expect(start).toContain('<a href="/#sprak">Fler språk</a>');
    expect(start).toContain('<a href="/?lang=fa" lang="fa" hrefLang="fa" dir="rtl">فارسی</a>');
  });

  it('shows a language without its own pages in Swedish, with the interpreter line in the language (marked) and in Swedish', async () => {
    const tigrinya = (await anonymous(app).get('/information/vad-ar-vald?lang=ti', html)).body;
    expect(tigrinya).toContain('<html lang="sv" dir="ltr">');
    expect(tigrinya).toContain('<p lang="ti" dir="ltr">እዚ ጽሑፍ ገና ብቋንቋኻ የለን።');
    expect(tigrinya).toContain('Du har rätt till tolk');
    expect(tigrinya).toContain('Vad är våld?');
    expect(tigrinya).toContain(publicSiteMessages.sv.unreviewed);
    expect(tigrinya).toContain('aria-current="true">ትግርኛ</a>');
    expect(tigrinya).toContain('<a href="/?lang=ti#sprak">Fler språk</a>');
    const dari = (await anonymous(app).get('/?lang=prs', html)).body;
    expect(dari).toContain('<p lang="prs" dir="rtl">');
    // The helpline number inside the right-to-left line is an isolated tel: link; the Latin name is isolated too.
    expect(dari).toMatch(/<p lang="prs" dir="rtl">[^]*<bdi>Kvinnofridslinjen<\/bdi>[^]*<a href="tel:020505050" dir="ltr">020-50 50 50<\/a>/);
    // Links keep the reader's language.
    expect(dari).toContain('href="/stod?lang=prs"');
  });

  it('shows service descriptions in Arabic where a translation exists, marked while unreviewed', async () => {
    const arabic = (await anonymous(app).get('/stod?kommun=2080&lang=ar', html)).body;
    expect(arabic).toContain('<p lang="ar" dir="rtl">هاتف دعم لمن تعرض للتهديد');
    expect(arabic).toContain('ترجمة لم يراجعها شخص بعد');
    // A service without a translation keeps its Swedish description, marked as Swedish.
    expect(arabic).toMatch(/<p lang="sv" dir="auto">[^<]*<\/p>/);
    const json = (await anonymous(app).get('/api/v1/directory/services?municipality=2080')).json<{
      services: Array<{ name: string; descriptionLanguage: string }>;
    }>();
    expect(json.services.find((service) => service.name === 'Kvinnofridslinjen')?.descriptionLanguage).toBe('sv');
  });

  it('gives translators the Swedish beside the language and what changed since the last review, and records the reviewer', async () => {
    const client = await signIn(app, knowledgeEditor);
    const list = (await client.get('/api/v1/content')).json<{
      languages: Array<{ code: string }>;
      pages: Array<{ slug: string; kind: string; translations: Array<{ language: string; reviewStatus: string }> }>;
    }>();
    expect(list.languages.length).toBeGreaterThanOrEqual(17);
    expect(list.pages.find((page) => page.slug === 'tolk')).toMatchObject({ kind: 'snippet' });
    expect(list.pages.find((page) => page.slug === 'tolk')?.translations.find((row) => row.language === 'ti')?.reviewStatus).toBe('machine');

    // A language with no text yet: version 0, the Swedish beside it, everything new.
    const empty = (await client.get('/api/v1/content/lagen/so')).json<{
      version: number;
      body: string;
      source: { title: string };
      sourceChanges: Array<{ kind: string }>;
    }>();
    expect(empty.version).toBe(0);
    expect(empty.body).toBe('');
    expect(empty.source.title).toBe('Vad säger lagen?');
    expect(empty.sourceChanges.every((line) => line.kind === 'added')).toBe(true);
    const added = await client.put('/api/v1/content/lagen/so', { version: 0, title: 'Sharciga', body: 'Qoraal cusub.', reviewStatus: 'reviewed' });
    expect(added.status).toBe(200);
    expect(added.json<{ version: number; reviewedByLabel: string | null; reviewedAt: string | null }>()).toMatchObject({ version: 1 });
    expect(added.json<{ reviewedByLabel: string | null }>().reviewedByLabel).toMatch(/^Test /);

    // The Swedish changes: the reviewed translation shows exactly that change, and the list flags it.
    const swedish = (await client.get('/api/v1/content/lagen/sv')).json<{ version: number; title: string; body: string }>();
    expect(
      (
        await client.put('/api/v1/content/lagen/sv', {
          version: swedish.version,
          title: swedish.title,
          body: `${swedish.body}\n\nEn ny mening.`,
          reviewStatus: 'reviewed',
        })
      ).status,
    ).toBe(200);
    const view = (await client.get('/api/v1/content/lagen/so')).json<{
      sourceChanges: Array<{ kind: string; text: string }>;
      changes: Array<{ kind: string }>;
    }>();
    expect(view.sourceChanges.filter((line) => line.kind !== 'same')).toEqual([{ kind: 'added', text: 'En ny mening.' }]);
    expect(view.changes.every((line) => line.kind === 'same')).toBe(true);
    const flagged = (await client.get('/api/v1/content')).json<{
      pages: Array<{ slug: string; translations: Array<{ language: string; sourceChanged: boolean }> }>;
    }>();
    expect(flagged.pages.find((page) => page.slug === 'lagen')?.translations.find((row) => row.language === 'so')?.sourceChanged).toBe(true);
    // A language the table does not hold is not a page.
    expect((await client.get('/api/v1/content/lagen/xx')).status).toBe(404);
  });

  it('lets only knowledge editors change content', async () => {
    const caseworker = await signIn(app, await createUser(app.database, { roles: ['caseworker'] }));
    expect((await caseworker.get('/api/v1/content')).status).toBe(403);
  });
});

describe('public pages outside demo mode (ADR 0109)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ config: { demoMode: false } });
  });
  afterAll(() => app.close());

  it('shows only reviewed text: unreviewed chrome and translations give way to Swedish with the interpreter line', async () => {
    const arabic = (await anonymous(app).get('/information/vad-ar-vald?lang=ar', html)).body;
    expect(arabic).toContain('<html lang="sv" dir="ltr">');
    expect(arabic).not.toContain('ما هو العنف؟');
    expect(arabic).toContain('Vad är våld?');
    expect(arabic).toContain('Du har rätt till tolk');
    // The Arabic interpreter line is a machine draft: not shown outside demo mode.
    expect(arabic).not.toContain('من حقك الحصول على مترجم');
    expect(arabic).not.toContain(publicSiteMessages.sv.unreviewed);
    const search = (await anonymous(app).get('/stod?kommun=2080&lang=ar', html)).body;
    expect(search).not.toContain('هاتف دعم لمن تعرض للتهديد');
    const handout = await app.server.inject({ method: 'GET', url: '/api/v1/directory/handout.pdf?municipality=2080&language=ar' });
    expect(handout.statusCode).toBe(200);
    expect(Buffer.from(handout.rawPayload).toString('latin1')).not.toContain('NotoSansArabic');
  });
});
