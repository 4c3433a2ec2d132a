import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFilename, escapeText, foldLine, renderCalendar, type CalendarEvent } from './icalendar.ts';
import { stockholmInstant, stockholmLocal } from './local-time.ts';

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'meeting-1@upptack',
  sequence: 2,
  start: new Date('2026-12-01T09:00:00Z'),
  end: new Date('2026-12-01T11:00:00Z'),
  summary: 'Styrgruppsmöte; beslut, uppföljning',
  location: 'Socialstyrelsen, Stockholm',
  url: 'https://moten.example.se/abc',
  description: 'Dagordning:\n1. Färdplanen\n2. Övrigt',
  cancelled: false,
  lastModified: new Date('2026-11-20T08:00:00Z'),
  ...overrides,
});

/** Parses with ical.js (Mozilla's parser, an independent implementation) and returns the events. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)) };
}

describe('iCalendar export (RFC 5545)', () => {
  it('writes an event that an independent parser reads back at the right instant, with its texts', () => {
    const text = renderCalendar([event()], { name: 'Styrgruppen', now: new Date('2026-11-23T09:00:00Z') });
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events).toHaveLength(1);
    const [parsed] = events;
    expect(parsed!.uid).toBe('meeting-1@upptack');
    expect(parsed!.sequence).toBe(2);
    expect(parsed!.summary).toBe('Styrgruppsmöte; beslut, uppföljning');
    expect(parsed!.location).toBe('Socialstyrelsen, Stockholm');
    expect(parsed!.description).toBe('Dagordning:\n1. Färdplanen\n2. Övrigt');
    expect(parsed!.startDate.zone?.tzid).toBe('Europe/Stockholm');
    expect(parsed!.startDate.toJSDate().toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(parsed!.endDate.toJSDate().toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(text).toContain('DTSTART;TZID=Europe/Stockholm:20261201T100000\r\n');
    expect(text).toContain('DTSTAMP:20261123T090000Z\r\n');
    expect(parsed!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('keeps summer-time meetings at the right instant (UTC+2)', () => {
    const start = new Date('2026-06-10T11:00:00Z');
    const text = renderCalendar([event({ start, end: new Date('2026-06-10T12:30:00Z') })], { name: 'x', now: start });
    expect(text).toContain('DTSTART;TZID=Europe/Stockholm:20260610T130000\r\n');
    expect(parse(text).events[0]!.startDate.toJSDate().toISOString()).toBe('2026-06-10T11:00:00.000Z');
  });

  it('marks a cancelled meeting so calendars remove it', () => {
    const text = renderCalendar([event({ cancelled: true })], { name: 'x', now: new Date() });
    expect(parse(text).events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('writes a whole schedule as one calendar', () => {
    const text = renderCalendar(
      [event(), event({ uid: 'meeting-2@upptack', start: new Date('2027-02-01T09:00:00Z'), end: new Date('2027-02-01T10:00:00Z') })],
      { name: 'Utvecklingsgruppen', now: new Date() },
    );
    expect(parse(text).events.map((e) => e.uid)).toEqual(['meeting-1@upptack', 'meeting-2@upptack']);
  });

  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const long = `SUMMARY:${'å'.repeat(100)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, index) => (index === 0 ? line : line.slice(1))).join('')).toBe(long);
    const text = renderCalendar([event({ description: 'Ö'.repeat(200) })], { name: 'x', now: new Date() });
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(parse(text).events[0]!.description).toBe('Ö'.repeat(200));
  });

  it('names the file with plain characters', () => {
    expect(calendarFilename('Utvecklingsgruppen för information och hänvisning')).toBe('utvecklingsgruppen-for-information-och-hanvisning.ics');
    expect(calendarFilename('???')).toBe('kalender.ics');
  });
});

describe('Stockholm local time', () => {
  it('maps local times to instants in winter and summer', () => {
    expect(stockholmInstant('2026-12-01', '10:00')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(stockholmInstant('2026-06-10', '13:00')?.toISOString()).toBe('2026-06-10T11:00:00.000Z');
    expect(stockholmLocal(new Date('2026-06-10T11:00:00Z'))).toEqual({ date: '2026-06-10', time: '13:00' });
  });

  it('knows the hour skipped when summer time starts, and takes the first of the hour repeated in October', () => {
    expect(stockholmInstant('2026-03-29', '02:30')).toBeUndefined();
    expect(stockholmInstant('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
