import type { FastifyReply } from 'fastify';
import { TIME_ZONE } from '#shared/time/stockholm.ts';
import { stockholmLocal } from './local-time.ts';

/**
 * iCalendar (RFC 5545) for meetings, so invitations can be sent from the agencies' own calendars
 * (ADR 0064). Times are written in Europe/Stockholm local time with a TZID and the zone's
 * definition, so a calendar anywhere shows the meeting at the right moment; stamps are UTC.
 */
export type CalendarEvent = {
  /** Stable across exports: a calendar recognises an updated meeting by it. */
  uid: string;
  /** Grows with every change, so calendars replace the earlier copy (RFC 5545 3.8.7.4). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string | null;
  url: string | null;
  description: string;
  cancelled: boolean;
  lastModified: Date;
};

const CRLF = '\r\n';

/** The zone as Europe has defined it since 1996 (last Sunday of March and of October). */
const STOCKHOLM_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line into lines of at most 75 octets, each continuation starting with a space
 * (RFC 5545 3.1), never splitting a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function localStamp(instant: Date): string {
  const { date, time } = stockholmLocal(instant);
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

function eventLines(event: CalendarEvent, now: Date): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(now)}`,
    `LAST-MODIFIED:${utcStamp(event.lastModified)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART;TZID=${TIME_ZONE}:${localStamp(event.start)}`,
    `DTEND;TZID=${TIME_ZONE}:${localStamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    // URI values are not TEXT: no escaping, but the link was checked to be https without spaces.
    ...(event.url ? [`URL:${event.url}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** A whole calendar: one meeting, or a body's schedule (`name` shows in calendar apps). */
export function renderCalendar(events: CalendarEvent[], options: { name: string; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Upptäck//Samverkan//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...STOCKHOLM_TIMEZONE,
    ...events.flatMap((event) => eventLines(event, options.now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A file name for the download: letters, digits and dashes only. */
export function calendarFilename(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'kalender'}.ics`;
}

/** Answers with a calendar file as a download named after it. */
export function sendCalendar(reply: FastifyReply, calendar: { name: string; text: string }): FastifyReply {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${calendarFilename(calendar.name)}"`)
    .send(calendar.text);
}
