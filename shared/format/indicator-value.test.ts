import { describe, expect, it } from 'vitest';
import { formatIndicatorValue } from './indicator-value.ts';

describe('indicator values as readers expect them (issue 20)', () => {
  it('shows a rate per 10 000, not per one, with a decimal comma in Swedish', () => {
    expect(formatIndicatorValue(0.0001296, 'rate_per_10000', 'sv')).toBe('1,3');
    expect(formatIndicatorValue(0.0001296, 'rate_per_10000', 'en')).toBe('1.3');
  });
  it('shows shares in percent, with the decimals asked for', () => {
    expect(formatIndicatorValue(0.455, 'share', 'sv', { shareDecimals: 1 })).toBe('45,5 %');
    expect(formatIndicatorValue(0.714, 'share', 'sv')).toBe('71 %');
  });
  it('groups thousands the Swedish way', () => {
    expect(formatIndicatorValue(12345.5, 'number', 'sv')).toBe('12\u00a0345,5');
  });
});
