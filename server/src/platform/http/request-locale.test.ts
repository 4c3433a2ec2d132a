import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeCookie } from '#shared/i18n/locale-cookie.ts';
import { requestLocale } from './request-locale.ts';

/** Which language an answer is written in, for fetches (header) and for download links (cookie). */
describe('requestLocale', () => {
  const app = Fastify();
  beforeAll(async () => {
    await app.register(fastifyCookie);
    app.get('/api/v1/locale', async (request) => requestLocale(request));
    await app.ready();
  });
  afterAll(() => app.close());

  const localeOf = async (headers: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/v1/locale', headers })).body;
  const cookieOf = (locale: string) => localeCookie(locale, false).split(';')[0]!;

  it('takes the staff app’s X-Locale first', async () => {
    expect(await localeOf({ 'x-locale': 'en', cookie: cookieOf('sv'), 'accept-language': 'sv' })).toBe('en');
  });

  it('takes the locale cookie when a link sends no header, over the browser’s language', async () => {
    expect(await localeOf({ cookie: cookieOf('en'), 'accept-language': 'sv-SE,sv' })).toBe('en');
    expect(await localeOf({ cookie: cookieOf('sv'), 'accept-language': 'en-GB,en' })).toBe('sv');
  });

  it('ignores a cookie or header that names no interface language, and falls back to Accept-Language, then Swedish', async () => {
    expect(await localeOf({ cookie: cookieOf('xx'), 'x-locale': 'de', 'accept-language': 'en' })).toBe('en');
    expect(await localeOf({})).toBe('sv');
  });

  it('scopes the cookie to the API and keeps it off other sites', () => {
    expect(localeCookie('en', true)).toBe('upptack_locale=en; Path=/api/; SameSite=Strict; Max-Age=31536000; Secure');
  });
});
