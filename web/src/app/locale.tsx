import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, isLocale, type Locale, type Messages, type Catalogue, type Translation } from '#shared/i18n/messages.ts';
import { localeCookie } from '#shared/i18n/locale-cookie.ts';

/** Staff may choose English; the choice is kept in this browser (staff pages only). */
const STORAGE_KEY = 'upptack.locale';

type LocaleState = { locale: Locale; setLocale(locale: Locale): void };
const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => {} });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  });
  useEffect(() => {
    document.documentElement.lang = locale;
    window.localStorage.setItem(STORAGE_KEY, locale);
    // Download links send no X-Locale header; the cookie carries the choice to the API.
    document.cookie = localeCookie(locale, window.location.protocol === 'https:');
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** The catalogue in the user's language: `const t = useMessages(appMessages)`. */
export function useMessages<T extends Catalogue>(messages: Messages<T>): Translation<T> {
  return messages[useLocale().locale];
}

export function currentLocale(): Locale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}
