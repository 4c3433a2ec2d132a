import crypto from 'node:crypto';
import type { z } from 'zod';
import type { attendanceRequest, eventInput, evaluationRequest, ParticipationReport, registrationInput } from '#shared/contracts/competence.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import type { Tx } from '../../platform/db/database.ts';
import { cellKeySecret, keyedTable, MAX_NOISE, perturbTables } from '../../platform/disclosure/cell-key.ts';
import { formatCell, type DisclosureSettings, type ProtectedCell } from '../../platform/disclosure/disclosure-control.ts';
import { AppError, invalidField, notFound, pick, type Localized } from '../../platform/errors/app-error.ts';
import { combinedResults, createSurvey, getSurvey, openRound, roundDetail, roundResults } from '../surveys/index.ts';
import type { Caller } from './competence-service.ts';
import * as repository from './event-repository.ts';
import { competenceMessages } from './messages.ts';

/**
 * Events (issue 6): webinars, inspiration days, conferences… with a public registration link
 * (no account; ADR 0011), attendance marked afterwards, participation per municipality and
 * organisation over time, and anonymous evaluations through the survey engine (ADR 0051): an
 * event's evaluation is a survey round with an open link, owned by the organiser.
 */

const errorText = (select: (m: (typeof competenceMessages)['sv']['errors']) => string, params: Record<string, string> = {}): Localized => ({
  sv: interpolate(select(competenceMessages.sv.errors), params),
  en: interpolate(select(competenceMessages.en.errors), params),
});
const tokenData = (id: string) => `competence_events:${id}:token`;

export function registrationLink(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ?? ''}/evenemang/${token}`;
}

function registrationOpen(event: { registrationClosed: boolean; registrationClosesOn: string; startsAt: Date }, now: Date): boolean {
  return !event.registrationClosed && stockholmDate(now) <= event.registrationClosesOn && now < event.startsAt;
}

function summary(row: repository.EventRow, now: Date) {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    digital: row.digital,
    place: row.place,
    series: row.series,
    capacity: row.capacity,
    registered: row.registered,
    attended: row.attended,
    registrationOpen: registrationOpen(row, now),
    demo: row.demo,
  };
}

export async function listEvents(tx: Tx, now: Date) {
  return (await repository.listEventRows(tx)).map((row) => summary(row, now));
}

async function findEvent(tx: Tx, id: string) {
  const [row] = await repository.listEventRows(tx, { id });
  if (!row) throw notFound();
  return row;
}

export async function eventDetail(tx: Tx, id: string, options: { cipher: FieldCipher; publicUrl: string | undefined; now: Date }) {
  const row = await findEvent(tx, id);
  const token = options.cipher.decrypt(row.registrationTokenEncrypted, tokenData(row.id));
  let evaluation = null;
  if (row.evaluationRoundId) {
    const round = await roundDetail(tx, row.evaluationRoundId, { cipher: options.cipher, publicUrl: options.publicUrl, mailConfigured: false });
    evaluation = { roundId: round.id, link: round.openLink, responses: round.anonymousResponses };
  }
  return {
    ...summary(row, options.now),
    organisers: row.organisers,
    audience: row.audience,
    topics: row.topics,
    countyCode: row.countyCode,
    registrationClosesOn: row.registrationClosesOn,
    registrationClosed: row.registrationClosed,
    registrationLink: registrationLink(options.publicUrl, token),
    evaluation,
    version: row.version,
  };
}

/** A new event with its registration link (256 random bits: hash for the lookup, encrypted for the organiser). */
export async function createEvent(
  tx: Tx,
  caller: Caller,
  input: z.output<typeof eventInput>,
  options: { cipher: FieldCipher; demo?: boolean; id?: string },
): Promise<{ id: string; token: string }> {
  if (input.countyCode && (await repository.municipalitiesOf(tx, input.countyCode, [])).length === 0) {
    throw invalidField(
      'countyCode',
      'county_unknown',
      errorText((m) => m.unknownCounty, { code: input.countyCode }),
    );
  }
  if (input.registrationClosesOn > stockholmDate(new Date(input.startsAt)))
    throw invalidField(
      'registrationClosesOn',
      'closes_after_start',
      errorText((m) => m.closesAfterStart),
    );
  const id = options.id ?? crypto.randomUUID();
  const token = randomToken(32);
  await repository.insertEvent(tx, {
    id,
    tenantId: caller.tenantId,
    createdBy: caller.userId,
    title: input.title,
    kind: input.kind,
    organisers: input.organisers,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    place: input.place ?? null,
    digital: input.digital,
    audience: input.audience,
    topics: input.topics,
    countyCode: input.countyCode ?? null,
    series: input.series ?? null,
    capacity: input.capacity ?? null,
    registrationClosesOn: input.registrationClosesOn,
    registrationTokenHash: sha256Hex(token),
    registrationTokenEncrypted: options.cipher.encrypt(token, tokenData(id)),
    demo: options.demo ?? false,
  });
  return { id, token };
}

export async function setRegistrationClosed(tx: Tx, id: string, version: number, closed: boolean): Promise<void> {
  await findEvent(tx, id);
  if (!(await repository.setRegistrationClosed(tx, id, version, closed)))
    throw new AppError('version_conflict', { detail: pick(competenceMessages, (m) => m.errors.versionConflict) });
}

export async function registrations(tx: Tx, id: string) {
  await findEvent(tx, id);
  return (await repository.registrationRows(tx, id)).map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    attended: row.attended,
    registeredAt: new Date(row.created_at).toISOString(),
    personalDataErasedAt: row.personal_data_erased_at === null ? null : new Date(row.personal_data_erased_at).toISOString(),
  }));
}

/** Marks attendance; every registration must belong to the event, or nothing changes. */
export async function markAttendance(tx: Tx, id: string, input: z.output<typeof attendanceRequest>): Promise<number> {
  await findEvent(tx, id);
  for (const [index, entry] of input.attendance.entries()) {
    if (!(await repository.setAttended(tx, id, entry.registrationId, entry.attended))) {
      throw invalidField(
        `attendance.${index}.registrationId`,
        'unknown_registration',
        errorText((m) => m.unknownRegistration),
      );
    }
  }
  return input.attendance.length;
}

/**
 * The event's anonymous evaluation: a round of the shipped evaluation template (or one of the
 * organisation's own surveys, e.g. a reusable template it built), with an open link and no named
 * respondents. Free text stays with the organiser (the round's owner).
 */
export async function createEvaluation(
  tx: Tx,
  caller: Caller,
  id: string,
  input: z.output<typeof evaluationRequest>,
  options: { cipher: FieldCipher; demo?: boolean },
): Promise<string> {
  const event = await findEvent(tx, id);
  if (event.evaluationRoundId) throw new AppError('conflict', { detail: errorText((m) => m.evaluationExists) });
  const owner = { tenantId: caller.tenantId, userId: caller.userId };
  const surveyId = input.surveyId
    ? (await getSurvey(tx, input.surveyId)).id
    : (await createSurvey(tx, owner, { template: 'event_evaluation', title: `Utvärdering: ${event.title}`.slice(0, 200) }, { demo: options.demo ?? false })).id;
  const eventDay = stockholmDate(event.endsAt);
  const round = await openRound(
    tx,
    owner,
    {
      surveyId,
      title: `Utvärdering: ${event.title}`.slice(0, 200),
      year: Number(eventDay.slice(0, 4)),
      deadline: input.deadline ?? addDays(eventDay, 30),
      allowLate: false,
      respondents: [],
      openLink: true,
    },
    { cipher: options.cipher, demo: options.demo ?? false },
  );
  await repository.setEvaluationRound(tx, id, round.id);
  return round.openToken!;
}

export async function evaluationResults(tx: Tx, id: string, options: { cipher: FieldCipher; settings: DisclosureSettings; locale: Locale }) {
  const event = await findEvent(tx, id);
  if (!event.evaluationRoundId) throw new AppError('not_found', { detail: errorText((m) => m.noEvaluation) });
  return roundResults(tx, event.evaluationRoundId, options);
}

/** Every evaluated event of a series together (e.g. each year's inspiration day). */
export async function seriesResults(tx: Tx, series: string, options: { cipher: FieldCipher; settings: DisclosureSettings; locale: Locale }) {
  const rounds = (await repository.listEventRows(tx, { series })).flatMap((event) => (event.evaluationRoundId ? [event.evaluationRoundId] : []));
  if (rounds.length === 0) throw new AppError('not_found', { detail: errorText((m) => m.noSeries) });
  return { series, events: rounds.length, ...(await combinedResults(tx, rounds, options)) };
}

// ---- Participation per municipality and organisation over time
const cellText = (cell: ProtectedCell, settings: DisclosureSettings) => ({ value: cell.value, text: formatCell(cell, settings) });
const plain = (value: number): ProtectedCell => ({ value, suppressed: null });

/**
 * Attended participants per municipality and per organisation, per year, for the organiser's
 * events — with every municipality of the county, so those that never take part show (the
 * county report's question). `published` publishes both tables by the cell-key method (ADR 0053,
 * 0056) for sharing outside the organisation: any span of years may be asked, so suppressing each
 * answer on its own would let two spans be subtracted. `internal` is the organiser's exact tally
 * of its own registrations, audited by the route (ADR 0056).
 */
export async function participation(
  tx: Tx,
  caller: Caller,
  query: { county?: string | undefined; from?: number | undefined; to?: number | undefined; view: 'internal' | 'published' },
  options: { settings: DisclosureSettings; now: Date },
): Promise<ParticipationReport> {
  const thisYear = Number(stockholmDate(options.now).slice(0, 4));
  const to = query.to ?? thisYear;
  const from = Math.min(query.from ?? to - 2, to);
  const years = Array.from({ length: to - from + 1 }, (_, index) => from + index);
  const county = query.county ?? (await repository.organisationCounty(tx, caller.tenantId));
  const rows = await repository.participationRows(tx, from, to);
  const municipalities = await repository.municipalitiesOf(tx, county, [
    ...new Set(rows.flatMap((row) => (row.municipality_code ? [row.municipality_code] : []))),
  ]);
  const yearIndex = new Map(years.map((year, index) => [year, index]));
  const municipalityCounts = municipalities.map((municipality) => {
    const counts = years.map(() => 0);
    const events = new Set<string>();
    for (const row of rows.filter((entry) => entry.municipality_code === municipality.code)) {
      counts[yearIndex.get(Number(row.year))!]! += Number(row.participants);
      events.add(row.event_id);
    }
    return { municipality, counts, events: events.size };
  });
  const organisationKeys = [...new Set(rows.map((row) => `${row.organisation_kind}|${row.organisation_name}`))].sort((a, b) =>
    a.split('|')[1]!.localeCompare(b.split('|')[1]!, 'sv'),
  );
  const organisationCounts = organisationKeys.map((key) => {
    const [kind, name] = key.split('|') as [ParticipationReport['organisations'][number]['kind'], string];
    const counts = years.map(() => 0);
    for (const row of rows.filter((entry) => entry.organisation_kind === kind && entry.organisation_name === name))
      counts[yearIndex.get(Number(row.year))!]! += Number(row.participants);
    return { name, kind, counts };
  });
  const neverTakenPart = municipalityCounts
    .filter((entry) => entry.municipality.county_code === county && entry.counts.every((count) => count === 0))
    .map((entry) => ({ code: entry.municipality.code, name: entry.municipality.name }));
  const yearLabels = years.map(String);

  if (query.view === 'published' && (municipalityCounts.length > 0 || organisationCounts.length > 0)) {
    // A record is one event's attended participants from one organisation and municipality (the
    // finest level the query keeps), keyed by its identity and count: a cell's key is the sum of
    // its records', in every span asked.
    const secret = await cellKeySecret(tx);
    const recordsWhere = (match: (row: (typeof rows)[number]) => boolean, year: number) =>
      rows
        .filter((row) => Number(row.year) === year && match(row))
        .map((row) => ({
          identity: `competence_event_participation|${row.event_id}|${row.municipality_code ?? ''}|${row.organisation_kind}|${row.organisation_name}`,
          count: Number(row.participants),
        }));
    const tables = [
      keyedTable(
        secret,
        {
          id: 'municipalities',
          rowDimension: 'municipality',
          columnDimension: 'year_with_municipality',
          rows: municipalityCounts.map((entry) => entry.municipality.code),
          columns: yearLabels,
          counts: municipalityCounts.map((entry) => entry.counts),
        },
        (r, c) => recordsWhere((row) => row.municipality_code === municipalityCounts[r]!.municipality.code, years[c]!),
      ),
      keyedTable(
        secret,
        {
          id: 'organisations',
          rowDimension: 'organisation',
          columnDimension: 'year',
          rows: organisationKeys,
          columns: yearLabels,
          counts: organisationCounts.map((entry) => entry.counts),
        },
        (r, c) => recordsWhere((row) => `${row.organisation_kind}|${row.organisation_name}` === organisationKeys[r], years[c]!),
      ),
    ].filter((table) => table.rows.length > 0);
    const protectedTables = new Map(perturbTables(tables, options.settings).map((table) => [table.id, table]));
    const municipalTable = protectedTables.get('municipalities');
    const organisationTable = protectedTables.get('organisations');
    return {
      view: 'published',
      countyCode: county,
      years,
      municipalities: municipalityCounts.map((entry, index) => ({
        code: entry.municipality.code,
        name: entry.municipality.name,
        years: municipalTable!.cells[index]!.map((cell) => cellText(cell, { ...options.settings, display: municipalTable!.display })),
        total: cellText(municipalTable!.rowTotals[index]!, { ...options.settings, display: municipalTable!.display }),
        events: entry.events,
      })),
      organisations: organisationCounts.map((entry, index) => ({
        name: entry.name,
        kind: entry.kind,
        years: organisationTable!.cells[index]!.map((cell) => cellText(cell, { ...options.settings, display: organisationTable!.display })),
        total: cellText(organisationTable!.rowTotals[index]!, { ...options.settings, display: organisationTable!.display }),
      })),
      neverTakenPart,
      disclosure: { threshold: options.settings.threshold, display: options.settings.display, noise: MAX_NOISE },
    };
  }
  const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
  return {
    view: query.view,
    countyCode: county,
    years,
    municipalities: municipalityCounts.map((entry) => ({
      code: entry.municipality.code,
      name: entry.municipality.name,
      years: entry.counts.map((count) => cellText(plain(count), options.settings)),
      total: cellText(plain(sum(entry.counts)), options.settings),
      events: entry.events,
    })),
    organisations: organisationCounts.map((entry) => ({
      name: entry.name,
      kind: entry.kind,
      years: entry.counts.map((count) => cellText(plain(count), options.settings)),
      total: cellText(plain(sum(entry.counts)), options.settings),
    })),
    neverTakenPart,
    disclosure: { threshold: options.settings.threshold, display: options.settings.display, noise: 0 },
  };
}

// ---- The public registration link (a transaction as upptack_public with the token's hash)
export async function publicEvent(tx: Tx, now: Date) {
  const event = await repository.tokenEvent(tx);
  if (!event) throw notFound();
  const startsAt = new Date(event.starts_at);
  const taken = await repository.tokenRegisteredCount(tx);
  const open = registrationOpen({ registrationClosed: event.registration_closed, registrationClosesOn: event.registration_closes_on, startsAt }, now);
  return {
    title: event.title,
    kind: event.kind,
    organisers: event.organisers,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(event.ends_at).toISOString(),
    place: event.place,
    digital: event.digital,
    audience: event.audience,
    registrationClosesOn: event.registration_closes_on,
    open: open && (event.capacity === null || taken < event.capacity),
    placesLeft: event.capacity === null ? null : Math.max(0, event.capacity - taken),
  };
}

/** One registration through the link; a full, closed or duplicate one is refused and nothing is saved. */
export async function register(tx: Tx, input: z.output<typeof registrationInput>, now: Date): Promise<void> {
  if (input.municipalityCode && !(await repository.municipalityExists(tx, input.municipalityCode))) {
    throw invalidField(
      'municipalityCode',
      'municipality_unknown',
      errorText((m) => m.unknownMunicipality, { code: input.municipalityCode }),
    );
  }
  const outcome = await repository.register(tx, {
    id: crypto.randomUUID(),
    name: input.name,
    email: input.email,
    organisationName: input.organisationName,
    organisationKind: input.organisationKind,
    municipalityCode: input.municipalityCode ?? null,
    today: stockholmDate(now),
    now,
  });
  switch (outcome) {
    case 'registered':
      return;
    case 'not_found':
      throw notFound();
    case 'full':
      throw new AppError('conflict', {
        detail: errorText((m) => m.registrationFull),
        errors: [{ field: 'event', location: 'params', code: 'event_full', message: errorText((m) => m.registrationFull) }],
      });
    case 'closed':
      throw new AppError('conflict', {
        detail: errorText((m) => m.registrationClosed),
        errors: [{ field: 'event', location: 'params', code: 'registration_closed', message: errorText((m) => m.registrationClosed) }],
      });
    case 'duplicate':
      throw new AppError('conflict', {
        errors: [{ field: 'email', location: 'body', code: 'already_registered', message: errorText((m) => m.registrationDuplicate, { email: input.email }) }],
      });
  }
}
