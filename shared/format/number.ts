import type { Locale } from '../i18n/messages.ts';

/**
 * Numbers as the interface's language writes them: in Swedish a decimal comma and a (no-break)
 * space between thousands ("12 345,5"), in English "12,345.5". Every number the staff pages,
 * server-rendered pages and exports show as text goes through here, never `toFixed` or `String`.
 */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2, minimumFractionDigits = 0): string {
  return value.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits, minimumFractionDigits });
}

/** A share (0…1) in percent, "45,5 %"; null reads "–". */
export function formatPercent(share: number | null, locale: Locale, decimals = 0): string {
  return share === null ? '–' : `${formatNumber(share * 100, locale, decimals)} %`;
}
