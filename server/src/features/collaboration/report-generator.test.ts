import { describe, expect, it } from 'vitest';
import { generateReport, type ReportSources } from './report-generator.ts';
import { lateness } from './views.ts';

const sources = (overrides: Partial<ReportSources> = {}): ReportSources => ({
  year: 2026,
  asOf: '2026-12-31',
  plan: { purpose: 'Samstämmig information.', baselineExisting: null, baselineMissing: 'Kontaktlistor.' },
  goals: [
    { id: 'g1', parentId: null, title: 'Information på fler språk' },
    { id: 'g2', parentId: 'g1', title: 'Fem språk' },
    { id: 'g3', parentId: null, title: 'Hänvisning' },
  ],
  activities: [
    { title: 'Översättning', responsible: 'Migrationsverket', startsOn: '2026-03-01', endsOn: '2026-10-31', status: 'ongoing' },
    { title: 'Inventering', responsible: 'Migrationsverket', startsOn: '2026-01-15', endsOn: '2026-02-28', status: 'done' },
  ],
  decisions: [{ year: 2026, number: 2, decidedOn: '2026-05-04', text: 'Kontaktlistor tas fram.', responsible: null, status: 'in_progress' }],
  indicators: [
    {
      goal: 'Hänvisning',
      name: 'Andel frågetillfällen där frågan om våld ställdes',
      unit: 'share',
      year: 2026,
      current: { text: '62 %' },
      target: 100,
      hasDataSource: true,
    },
    { goal: 'Hänvisning', name: 'Genomförda handledningstillfällen', unit: 'number', year: 2026, current: null, target: null, hasDataSource: false },
  ],
  ...overrides,
});

describe('lateness against plan', () => {
  it('is late when not finished after the end, or not begun after the start', () => {
    expect(lateness({ status: 'ongoing', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-07-01')).toBe('not_finished');
    expect(lateness({ status: 'postponed', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-07-01')).toBe('not_finished');
    expect(lateness({ status: 'planned', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-02-01')).toBe('not_started');
    expect(lateness({ status: 'planned', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-01-01')).toBeNull();
    expect(lateness({ status: 'ongoing', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-06-30')).toBeNull();
    expect(lateness({ status: 'done', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2027-01-01')).toBeNull();
    expect(lateness({ status: 'cancelled', startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2027-01-01')).toBeNull();
  });
});

describe('the yearly report', () => {
  it('writes every section from the plan, its activities and the year’s decisions, in order', () => {
    const sections = generateReport(sources(), 'sv');
    expect(sections.map((s) => s.key)).toEqual(['purpose', 'baseline', 'goals', 'indicators', 'activities', 'decisions', 'assessment']);
    const text = Object.fromEntries(sections.map((s) => [s.key, s.text]));
    expect(text.purpose).toBe('Samstämmig information.');
    expect(text.baseline).toBe('Det som saknas: Kontaktlistor.');
    expect(text.indicators).toBe(
      '– Hänvisning: Andel frågetillfällen där frågan om våld ställdes — 62 % (2026), mål 100 %.\n– Hänvisning: Genomförda handledningstillfällen — ingen datakälla ännu.',
    );
    expect(text.goals).toBe('1. Information på fler språk\n   1.1 Fem språk\n2. Hänvisning');
    expect(text.activities).toBe(
      [
        '1 av 2 aktiviteter under 2026 är genomförda.',
        '',
        '– Översättning (Migrationsverket, 2026-03-01–2026-10-31): pågår – försenad mot planen',
        '– Inventering (Migrationsverket, 2026-01-15–2026-02-28): genomförd',
      ].join('\n'),
    );
    expect(text.decisions).toBe('Beslut 2026:2 (2026-05-04): Kontaktlistor tas fram. Ansvarig: ingen angiven. Uppföljning: pågår');
  });

  it('says plainly what the plan lacks, in the chosen language', () => {
    const sections = generateReport(
      sources({ plan: { purpose: null, baselineExisting: null, baselineMissing: null }, goals: [], indicators: [], activities: [], decisions: [] }),
      'en',
    );
    expect(sections.map((s) => s.text)).toEqual([
      'The purpose is not described in the work plan.',
      'The baseline is not described in the work plan.',
      'The work plan has no goals.',
      'No indicators are linked to the goals.',
      'The work plan has no activities in 2026.',
      'The body made no decisions in 2026.',
      'Write the body’s own assessment of the year’s work: what went well, what did not happen and why, and what the body proposes for next year.',
    ]);
  });
});
