import { describe, expect, it } from 'vitest';
import { parseCompletionCsv } from './completion-import.ts';
import { monthEnd, monthsBetween } from './competence-measures.ts';

describe('the learning platform’s CSV', () => {
  it('finds the three columns in any order, lower-cases emails, skips empty lines and numbers lines as in the file', () => {
    const parsed = parseCompletionCsv('completed_on;EMAIL;course_id;extra\n2026-01-02;Anna@Example.se;abc;x\n\n2026-01-03;bo@example.se;def;y\n');
    expect(parsed.missing).toEqual([]);
    expect(parsed.lines).toEqual([
      { line: 2, email: 'anna@example.se', courseId: 'abc', completedOn: '2026-01-02' },
      { line: 4, email: 'bo@example.se', courseId: 'def', completedOn: '2026-01-03' },
    ]);
  });

  it('names the columns a file lacks', () => {
    expect(parseCompletionCsv('email;kurs\nx;y').missing).toEqual(['course_id', 'completed_on']);
  });
});

describe('months', () => {
  it('ends a month on its last day, February in a leap year too', () => {
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });

  it('lists the months between two, across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
