import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { competenceEvents, eventRegistrations } from './schema.ts';
import { textArray, uuidArray } from '../../platform/db/array-parameter.ts';

/** SQL of events, registrations and participation. */

export type EventRow = typeof competenceEvents.$inferSelect & { registered: number; attended: number };

export async function listEventRows(tx: Tx, filter: { id?: string; series?: string } = {}): Promise<EventRow[]> {
  const events = await tx
    .select()
    .from(competenceEvents)
    .where(and(filter.id ? eq(competenceEvents.id, filter.id) : undefined, filter.series ? eq(competenceEvents.series, filter.series) : undefined))
    .orderBy(sql`${competenceEvents.startsAt} desc`);
  if (events.length === 0) return [];
  const counts = await queryRows<{ event_id: string; registered: number; attended: number }>(
    tx,
    sql`select event_id, count(*)::int as registered, count(*) filter (where attended)::int as attended
          from event_registrations where event_id = any (${uuidArray(events.map((event) => event.id))}) group by event_id`,
  );
  const byEvent = new Map(counts.map((row) => [row.event_id, row]));
  return events.map((event) => ({
    ...event,
    registered: Number(byEvent.get(event.id)?.registered ?? 0),
    attended: Number(byEvent.get(event.id)?.attended ?? 0),
  }));
}

export async function insertEvent(tx: Tx, values: typeof competenceEvents.$inferInsert): Promise<void> {
  await tx.insert(competenceEvents).values(values);
}

export async function setRegistrationClosed(tx: Tx, id: string, version: number, closed: boolean): Promise<boolean> {
  const rows = await tx
    .update(competenceEvents)
    .set({ registrationClosed: closed, version: version + 1 })
    .where(and(eq(competenceEvents.id, id), eq(competenceEvents.version, version)))
    .returning({ id: competenceEvents.id });
  return rows.length === 1;
}

export async function setEvaluationRound(tx: Tx, id: string, roundId: string): Promise<void> {
  await tx
    .update(competenceEvents)
    .set({ evaluationRoundId: roundId, version: sql`${competenceEvents.version} + 1` })
    .where(eq(competenceEvents.id, id));
}

export function registrationRows(tx: Tx, eventId: string) {
  return queryRows<{
    id: string;
    name: string | null;
    email: string | null;
    organisation_name: string;
    organisation_kind: 'municipality' | 'region' | 'agency' | 'shelter' | 'other';
    municipality_code: string | null;
    municipality_name: string | null;
    attended: boolean | null;
    personal_data_erased_at: Date | string | null;
    created_at: Date | string;
  }>(
    tx,
    sql`select r.id, r.name, r.email, r.organisation_name, r.organisation_kind, r.municipality_code, m.name as municipality_name, r.attended,
               r.personal_data_erased_at, r.created_at
          from event_registrations r left join municipalities m on m.code = r.municipality_code
         where r.event_id = ${eventId} order by r.created_at, r.name`,
  );
}

export async function setAttended(tx: Tx, eventId: string, registrationId: string, attended: boolean): Promise<boolean> {
  const rows = await tx
    .update(eventRegistrations)
    .set({ attended })
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
    .returning({ id: eventRegistrations.id });
  return rows.length === 1;
}

export async function insertRegistrations(tx: Tx, values: Array<typeof eventRegistrations.$inferInsert>): Promise<void> {
  if (values.length > 0) await tx.insert(eventRegistrations).values(values);
}

/** Attended participants per municipality (or organisation) and year, over the events of the caller's organisation. */
export function participationRows(tx: Tx, from: number, to: number) {
  return queryRows<{
    year: number;
    municipality_code: string | null;
    organisation_name: string;
    organisation_kind: 'municipality' | 'region' | 'agency' | 'shelter' | 'other';
    participants: number;
    event_id: string;
  }>(
    tx,
    sql`select extract(year from e.starts_at at time zone 'Europe/Stockholm')::int as year, r.municipality_code, r.organisation_name, r.organisation_kind,
               e.id as event_id, count(*)::int as participants
          from event_registrations r join competence_events e on e.id = r.event_id
         where r.attended
           and extract(year from e.starts_at at time zone 'Europe/Stockholm')::int between ${from} and ${to}
         group by 1, 2, 3, 4, 5`,
  );
}

export function municipalitiesOf(tx: Tx, county: string | null, codes: readonly string[]) {
  return queryRows<{ code: string; name: string; county_code: string }>(
    tx,
    sql`select code, name, county_code from municipalities
         where ${county ? sql`county_code = ${county}` : sql`false`} or code = any (${textArray(codes)}) order by name`,
  );
}

export async function organisationCounty(tx: Tx, tenantId: string): Promise<string | null> {
  const [row] = await queryRows<{ county_code: string | null }>(tx, sql`select county_code from organisations where id = ${tenantId}`);
  return row?.county_code ?? null;
}

export async function municipalityExists(tx: Tx, code: string): Promise<boolean> {
  return (await queryRows<{ code: string }>(tx, sql`select code from municipalities where code = ${code}`)).length > 0;
}

// ---- The registration link (upptack_public with the token's hash)
export async function tokenEvent(tx: Tx) {
  const [row] = await queryRows<{
    id: string;
    title: string;
    kind: EventRow['kind'];
    organisers: string;
    starts_at: Date | string;
    ends_at: Date | string;
    place: string | null;
    digital: boolean;
    audience: string;
    capacity: number | null;
    registration_closes_on: string;
    registration_closed: boolean;
  }>(
    tx,
    sql`select id, title, kind, organisers, starts_at, ends_at, place, digital, audience, capacity,
               to_char(registration_closes_on, 'YYYY-MM-DD') as registration_closes_on, registration_closed
          from competence_events where registration_token_hash = app_token_hash()`,
  );
  return row;
}

export async function tokenRegisteredCount(tx: Tx): Promise<number> {
  const [row] = await queryRows<{ count: number }>(tx, sql`select competence_event_registered() as count`);
  return Number(row?.count ?? 0);
}

export type RegisterOutcome = 'registered' | 'full' | 'closed' | 'duplicate' | 'not_found';

export async function register(
  tx: Tx,
  values: {
    id: string;
    name: string;
    email: string;
    organisationName: string;
    organisationKind: string;
    municipalityCode: string | null;
    today: string;
    now: Date;
  },
): Promise<RegisterOutcome> {
  const [row] = await queryRows<{ outcome: RegisterOutcome }>(
    tx,
    sql`select competence_event_register(${values.id}::uuid, ${values.name}, ${values.email}, ${values.organisationName}, ${values.organisationKind},
          ${values.municipalityCode}::char(4), ${values.today}::date, ${values.now.toISOString()}::timestamptz) as outcome`,
  );
  return row?.outcome ?? 'not_found';
}
