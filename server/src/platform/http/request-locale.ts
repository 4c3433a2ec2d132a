import type { FastifyRequest } from 'fastify';
import { isLocale, localeFromAcceptLanguage, type Locale } from '#shared/i18n/messages.ts';
import { LOCALE_COOKIE } from '#shared/i18n/locale-cookie.ts';

/**
 * The interface language of a request: `X-Locale` from the staff app's fetches, else the staff
 * app's locale cookie (a download link is a plain navigation and sends no header), else
 * Accept-Language.
 */
export function requestLocale(request: FastifyRequest): Locale {
  const explicit = request.headers['x-locale'];
  if (isLocale(explicit)) return explicit;
  const chosen = request.cookies?.[LOCALE_COOKIE];
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(request.headers['accept-language']);
}
