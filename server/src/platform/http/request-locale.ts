import type { FastifyRequest } from 'fastify';
import { isLocale, localeFromAcceptLanguage, type Locale } from '#shared/i18n/messages.ts';

/** The interface language of a request: `X-Locale` from the staff app, else Accept-Language. */
export function requestLocale(request: FastifyRequest): Locale {
  const explicit = request.headers['x-locale'];
  if (isLocale(explicit)) return explicit;
  return localeFromAcceptLanguage(request.headers['accept-language']);
}
