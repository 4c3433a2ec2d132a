/**
 * The staff app's interface language, kept for the API only (`Path=/api/`): exports and handouts
 * opened by a link then come in the language the person reads the interface in. It is a
 * preference, not an identifier, and public pages never set or read it (they take `?lang=`).
 */
export const LOCALE_COOKIE = 'upptack_locale';

export function localeCookie(locale: string, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/api/; SameSite=Strict; Max-Age=31536000${secure ? '; Secure' : ''}`;
}
