import { describe, expect, it } from 'vitest';
import { cellContent } from './DataTable.tsx';

describe('numbers in tables (issue 20)', () => {
  it('writes a number a column renders with Swedish grouping, and leaves text alone', () => {
    expect(cellContent(12345, 'sv')).toBe('12\u00a0345');
    expect(cellContent(12345, 'en')).toBe('12,345');
    expect(cellContent('2026', 'sv')).toBe('2026');
  });
});
