import type { IndicatorUnit } from '../contracts/follow-up.ts';
import type { Locale } from '../i18n/messages.ts';
import { formatNumber, formatPercent } from './number.ts';

/**
 * An indicator's value as a reader expects it, in the interface's language: shares in percent,
 * rates per 10 000 (values are stored per one), decimal comma in Swedish. Server exports and the
 * staff pages use this one function, so a rate never reads "0.0001296 per 10 000" (issue 20).
 */
export function formatIndicatorValue(value: number, unit: IndicatorUnit, locale: Locale, options: { shareDecimals?: number } = {}): string {
  if (unit === 'share') return formatPercent(value, locale, options.shareDecimals ?? 0);
  if (unit === 'rate_per_10000') return formatNumber(value * 10_000, locale, 1);
  return formatNumber(value, locale, 2);
}
