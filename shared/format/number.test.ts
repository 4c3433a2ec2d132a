import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from './number.ts';

describe('numbers in the interface (issue 20)', () => {
  it('writes Swedish numbers with a decimal comma and a space between thousands', () => {
    expect(formatNumber(1234567.891, 'sv')).toBe('1\u00a0234\u00a0567,89');
    expect(formatNumber(2.5, 'sv', 1)).toBe('2,5');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
  it('writes shares in percent with the decimals asked for, and a missing share as a dash', () => {
    expect(formatPercent(0.4555, 'sv', 1)).toBe('45,6 %');
    expect(formatPercent(0.714, 'sv')).toBe('71 %');
    expect(formatPercent(null, 'sv')).toBe('–');
  });
});
