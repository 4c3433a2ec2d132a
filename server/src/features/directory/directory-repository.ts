import type { TextStatus } from '#shared/contracts/languages.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Audience, Kind, Language, ServiceData, Weekday } from '#shared/contracts/directory.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/**
 * The only place the directory speaks SQL. Search runs as whichever role the caller has: as
 * `upptack_public`, row-level security and column grants already leave out unverified entries,
 * staff-only phones and protected locations; the query also never selects a protected address,
 * whoever asks (ADR 0021).
 */

export type SearchFilter = {
  municipality: string | null;
  county: string;
  /** With only a county: the municipalities in it (their local services are local matches). */
  municipalities: string[];
  audiences: string[];
  kinds: string[];
  languages: string[];
  words: string[];
  includeUnverified: boolean;
  limit: number;
  /** The description in this language where its translation has one of these statuses (ADR 0109). */
  translation?: { language: string; statuses: readonly string[] } | undefined;
};

export type PhoneRow = { number: string; kind: 'voice' | 'sms' | 'text' | 'video'; description: string | null; staffOnly: boolean };
export type LocationRow = { name: string | null; address: string | null; postalCode: string | null; city: string | null; municipalityCode: string | null };
export type ScheduleRow = { byday: Weekday; opens: string; closes: string };

export type SearchRow = {
  id: string;
  name: string;
  organization: string;
  description: string;
  url: string | null;
  email: string | null;
  audiences: Audience[];
  kinds: Kind[];
  languages: Language[];
  interpreter: boolean;
  eligibility: string | null;
  national: boolean;
  county_codes: string[];
  municipality_codes: string[];
  confidential_location: boolean;
  verification_status: 'verified' | 'unverified';
  verified_on: string | null;
  hours_verified_on: string | null;
  demo: boolean;
  level: number;
  name_matches: boolean;
  phones: PhoneRow[];
  locations: LocationRow[];
  schedules: ScheduleRow[];
  /** The translated description, when one was asked for and may be shown. */
  translation?: { description: string; status: TextStatus } | null;
};

/** Escapes LIKE wildcards in a search word. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

const date = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

/** The child rows of a service as JSON, in their order; protected locations are never selected. */
const CHILDREN = sql`
  coalesce((select json_agg(json_build_object('number', p.number, 'kind', p.kind, 'description', p.description, 'staffOnly', p.staff_only) order by p.position)
            from directory_phones p where p.service_id = s.id), '[]'::json) as phones,
  coalesce((select json_agg(json_build_object('name', l.name, 'address', l.address, 'postalCode', l.postal_code, 'city', l.city, 'municipalityCode', l.municipality_code) order by l.position)
            from directory_locations l where l.service_id = s.id and not l.confidential), '[]'::json) as locations,
  coalesce((select json_agg(json_build_object('byday', h.byday, 'opens', h.opens, 'closes', h.closes) order by h.position)
            from directory_schedules h where h.service_id = s.id), '[]'::json) as schedules`;

const PUBLIC_COLUMNS = sql`s.id, s.name, s.organization, s.description, s.url, s.email, s.audiences, s.kinds, s.languages,
  s.interpreter, s.eligibility, s.national, s.county_codes, s.municipality_codes, s.confidential_location,
  'verified' as verification_status, ${date('s.verified_on')} as verified_on, ${date('s.hours_verified_on')} as hours_verified_on, s.demo,
  s.phones, s.locations, s.schedules`;

const STAFF_COLUMNS = sql`s.id, s.name, o.name as organization, s.description, s.url, s.email, s.audiences, s.kinds, s.languages,
  s.interpreter, s.eligibility, s.national, s.county_codes, s.municipality_codes, s.confidential_location,
  s.verification_status, ${date('s.verified_on')} as verified_on, ${date('s.hours_verified_on')} as hours_verified_on, s.demo,
  ${CHILDREN}`;

/**
 * The public search reads the public read model (`directory_public_services`, ADR 0021): one
 * indexed table with only public-safe data. Staff read the editorial tables, which also hold
 * unverified entries and staff-only phones (never a protected address: see CHILDREN).
 */
export async function searchServices(tx: Tx, filter: SearchFilter): Promise<SearchRow[]> {
  const conditions: SQL[] = [];
  if (filter.includeUnverified) conditions.push(sql`s.status = 'active'`);
  const local = filter.municipality ? textArray([filter.municipality]) : textArray(filter.municipalities);
  const county = textArray([filter.county]);
  conditions.push(sql`(s.municipality_codes && ${local} or s.county_codes && ${county} or s.national)`);
  if (filter.audiences.length === 0) {
    // No audience asked for: every client audience, but not lines only for professionals.
    conditions.push(sql`not (s.audiences <@ ${textArray(['professionals'])})`);
  } else {
    const clientAsked = filter.audiences.some((audience) => audience !== 'professionals');
    conditions.push(
      clientAsked ? sql`(s.audiences && ${textArray(filter.audiences)} or 'everyone' = any(s.audiences))` : sql`s.audiences && ${textArray(filter.audiences)}`,
    );
  }
  if (filter.kinds.length > 0) conditions.push(sql`s.kinds && ${textArray(filter.kinds)}`);
  if (filter.languages.length > 0) conditions.push(sql`(s.languages && ${textArray(filter.languages)} or s.interpreter)`);
  for (const word of filter.words) conditions.push(sql`s.search_text like ${likePattern(word)}`);
  const from = filter.includeUnverified
    ? sql`directory_services s join directory_organizations o on o.id = s.organization_id`
    : sql`directory_public_services s`;
  return queryRows<SearchRow>(
    tx,
    sql`select ${filter.includeUnverified ? STAFF_COLUMNS : PUBLIC_COLUMNS},
          ${
            filter.translation && filter.translation.language !== 'sv'
              ? sql`(select json_build_object('description', t.description, 'status', t.status) from directory_service_translations t
                     where t.service_id = s.id and t.language = ${filter.translation.language}
                       and t.status = any(${textArray([...filter.translation.statuses])}))`
              : sql`null::json`
          } as translation,
          (case when s.municipality_codes && ${local} then 0 when s.county_codes && ${county} then 1 else 2 end)::int as level,
          ${filter.words.length > 0 ? sql`directory_fold(s.name) like all (${textArray(filter.words.map(likePattern))})` : sql`false`} as name_matches
        from ${from}
        where ${sql.join(conditions, sql` and `)}
        order by level, s.name
        limit ${filter.limit}`,
  );
}

/** Words of a free-text query, folded like the indexed text (lower case, no accents). */
export async function foldWords(tx: Tx, text: string): Promise<string[]> {
  const words = text
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
  if (words.length === 0) return [];
  const rows = await queryRows<{ folded: string }>(tx, sql`select directory_fold(w) as folded from unnest(${textArray(words)}) as w`);
  return rows.map((row) => row.folded).filter((word) => word.length > 0);
}

export type ServiceRecord = {
  id: string;
  version: number;
  owner_id: string;
  owner_name: string;
  organization: string;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  status: 'active' | 'inactive' | 'defunct';
  audiences: Audience[];
  kinds: Kind[];
  languages: Language[];
  interpreter: boolean;
  eligibility: string | null;
  national: boolean;
  county_codes: string[];
  municipality_codes: string[];
  /** Whether the entry has a protected address, which only the keeping organisation's staff have as a row (migration 0120). */
  confidential_location: boolean;
  verification_status: 'verified' | 'unverified';
  verified_on: string | null;
  verified_by_label: string | null;
  hours_verified_on: string | null;
  note: string | null;
  source: string | null;
  demo: boolean;
  updated_at: string;
  phones: PhoneRow[];
  locations: Array<LocationRow & { confidential: boolean }>;
  schedules: ScheduleRow[];
};

/** A whole entry for its editors and for history snapshots, protected address included. */
export async function findServices(tx: Tx, where: SQL): Promise<ServiceRecord[]> {
  return queryRows<ServiceRecord>(
    tx,
    sql`select s.id, s.version, s.owner_id, org.name as owner_name, o.name as organization, s.name, s.description, s.url, s.email,
          s.status, s.audiences, s.kinds, s.languages, s.interpreter, s.eligibility, s.national, s.county_codes, s.municipality_codes,
          s.confidential_location, s.verification_status, ${date('s.verified_on')} as verified_on, s.verified_by_label, ${date('s.hours_verified_on')} as hours_verified_on,
          s.note, s.source, s.demo, to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at,
          coalesce((select json_agg(json_build_object('number', p.number, 'kind', p.kind, 'description', p.description, 'staffOnly', p.staff_only) order by p.position)
                    from directory_phones p where p.service_id = s.id), '[]'::json) as phones,
          coalesce((select json_agg(json_build_object('name', l.name, 'address', l.address, 'postalCode', l.postal_code, 'city', l.city,
                      'municipalityCode', l.municipality_code, 'confidential', l.confidential) order by l.position)
                    from directory_locations l where l.service_id = s.id), '[]'::json) as locations,
          coalesce((select json_agg(json_build_object('byday', h.byday, 'opens', h.opens, 'closes', h.closes) order by h.position)
                    from directory_schedules h where h.service_id = s.id), '[]'::json) as schedules
        from directory_services s
        join directory_organizations o on o.id = s.organization_id
        join organisations org on org.id = s.owner_id
        where ${where}
        order by s.name`,
  );
}

export async function findService(tx: Tx, id: string): Promise<ServiceRecord | undefined> {
  const [row] = await findServices(tx, sql`s.id = ${id}`);
  return row;
}

async function organizationIdFor(tx: Tx, ownerId: string, name: string, demo: boolean): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into directory_organizations (owner_id, name, demo) values (${ownerId}, ${name}, ${demo})
        on conflict (owner_id, name) do update set updated_at = directory_organizations.updated_at
        returning id`,
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('organization upsert returned nothing');
  return id;
}

export type Verification = { on: string; byUserId: string | null; byLabel: string } | null;

export type WriteContext = { ownerId: string; userId: string | null; demo: boolean };

/** `keep` leaves the verification as it is; an object records a new one; null clears it. */
export type VerificationChange = 'keep' | Verification;

function verificationSet(verification: VerificationChange, hasHours: boolean): SQL {
  if (verification === 'keep') return sql``;
  if (verification === null)
    return sql`, verification_status = 'unverified', verified_on = null, verified_by = null, verified_by_label = null, hours_verified_on = null`;
  return sql`, verification_status = 'verified', verified_on = ${verification.on}::date, verified_by = ${verification.byUserId}::uuid,
             verified_by_label = ${verification.byLabel}, hours_verified_on = ${hasHours ? verification.on : null}::date`;
}

export async function insertService(tx: Tx, data: ServiceData, context: WriteContext, verification: Verification, id?: string): Promise<string> {
  const organizationId = await organizationIdFor(tx, context.ownerId, data.organizationName, context.demo);
  const confidential = data.locations.some((location) => location.confidential);
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into directory_services (id, organization_id, owner_id, name, description, url, email, status, audiences, kinds, languages,
          interpreter, eligibility, national, county_codes, municipality_codes, confidential_location, verification_status, verified_on,
          verified_by, verified_by_label, hours_verified_on, note, source, demo, created_by, updated_by)
        values (coalesce(${id ?? null}::uuid, gen_random_uuid()), ${organizationId}, ${context.ownerId}, ${data.name}, ${data.description}, ${data.url}, ${data.email},
          ${data.status}, ${textArray(data.audiences)}, ${textArray(data.kinds)}, ${textArray(data.languages)}, ${data.interpreter}, ${data.eligibility},
          ${data.area.national}, ${textArray(data.area.counties)}, ${textArray(data.area.municipalities)}, ${confidential},
          ${verification ? 'verified' : 'unverified'}, ${verification?.on ?? null}::date, ${verification?.byUserId ?? null}::uuid,
          ${verification?.byLabel ?? null}, ${verification && data.schedules.length > 0 ? verification.on : null}::date,
          ${data.note}, ${data.source}, ${context.demo}, ${context.userId}::uuid, ${context.userId}::uuid)
        returning id`,
  );
  const serviceId = rows[0]?.id;
  if (!serviceId) throw new Error('service insert returned nothing');
  await replaceChildren(tx, serviceId, data);
  return serviceId;
}

/** Changes a service if it still has `version`; returns the new version, or undefined on a conflict. */
export async function updateService(
  tx: Tx,
  id: string,
  version: number,
  data: ServiceData,
  context: WriteContext,
  verification: VerificationChange,
): Promise<number | undefined> {
  const organizationId = await organizationIdFor(tx, context.ownerId, data.organizationName, context.demo);
  const confidential = data.locations.some((location) => location.confidential);
  const rows = await queryRows<{ version: number }>(
    tx,
    sql`update directory_services set organization_id = ${organizationId}, name = ${data.name}, description = ${data.description},
          url = ${data.url}, email = ${data.email}, status = ${data.status}, audiences = ${textArray(data.audiences)},
          kinds = ${textArray(data.kinds)}, languages = ${textArray(data.languages)}, interpreter = ${data.interpreter},
          eligibility = ${data.eligibility}, national = ${data.area.national}, county_codes = ${textArray(data.area.counties)},
          municipality_codes = ${textArray(data.area.municipalities)}, confidential_location = ${confidential},
          note = ${data.note}, source = ${data.source}, version = version + 1, updated_at = app_now(), updated_by = ${context.userId}::uuid
          ${verificationSet(verification, data.schedules.length > 0)}
        where id = ${id} and version = ${version}
        returning version`,
  );
  const next = rows[0]?.version;
  if (next === undefined) return undefined;
  await replaceChildren(tx, id, data);
  return Number(next);
}

export async function markVerified(tx: Tx, id: string, version: number, verification: NonNullable<Verification>, userId: string): Promise<number | undefined> {
  const rows = await queryRows<{ version: number }>(
    tx,
    sql`update directory_services set version = version + 1, updated_at = app_now(), updated_by = ${userId}::uuid,
          verification_status = 'verified', verified_on = ${verification.on}::date, verified_by = ${verification.byUserId}::uuid,
          verified_by_label = ${verification.byLabel},
          hours_verified_on = case when exists (select 1 from directory_schedules h where h.service_id = directory_services.id) then ${verification.on}::date else null end
        where id = ${id} and version = ${version}
        returning version`,
  );
  const next = rows[0]?.version;
  return next === undefined ? undefined : Number(next);
}

async function replaceChildren(tx: Tx, serviceId: string, data: ServiceData): Promise<void> {
  await tx.execute(sql`delete from directory_phones where service_id = ${serviceId}`);
  await tx.execute(sql`delete from directory_locations where service_id = ${serviceId}`);
  await tx.execute(sql`delete from directory_schedules where service_id = ${serviceId}`);
  if (data.phones.length > 0) {
    await tx.execute(
      sql`insert into directory_phones (service_id, position, number, kind, description, staff_only) values ${sql.join(
        data.phones.map((phone, index) => sql`(${serviceId}, ${index}, ${phone.number}, ${phone.kind}, ${phone.description}, ${phone.staffOnly})`),
        sql`, `,
      )}`,
    );
  }
  if (data.locations.length > 0) {
    await tx.execute(
      sql`insert into directory_locations (service_id, position, name, address, postal_code, city, municipality_code, confidential) values ${sql.join(
        data.locations.map(
          (location, index) =>
            sql`(${serviceId}, ${index}, ${location.name}, ${location.address}, ${location.postalCode}, ${location.city}, ${location.municipalityCode}, ${location.confidential})`,
        ),
        sql`, `,
      )}`,
    );
  }
  if (data.schedules.length > 0) {
    await tx.execute(
      sql`insert into directory_schedules (service_id, position, byday, opens, closes) values ${sql.join(
        data.schedules.map((schedule, index) => sql`(${serviceId}, ${index}, ${schedule.byday}, ${schedule.opens}, ${schedule.closes})`),
        sql`, `,
      )}`,
    );
  }
}

export async function recordVersion(
  tx: Tx,
  input: {
    serviceId: string;
    version: number;
    change: 'created' | 'updated' | 'verified' | 'imported';
    userId: string | null;
    label: string | null;
    demo: boolean;
  },
): Promise<void> {
  const record = await findService(tx, input.serviceId);
  await tx.execute(
    sql`insert into directory_service_versions (service_id, version, change, changed_by, changed_by_label, snapshot, demo)
        values (${input.serviceId}, ${input.version}, ${input.change}, ${input.userId}::uuid, ${input.label}, ${JSON.stringify(record ?? {})}::jsonb, ${input.demo})`,
  );
}

export async function serviceVersions(tx: Tx, serviceId: string) {
  return queryRows<{ version: number; change: 'created' | 'updated' | 'verified' | 'imported'; changed_at: string; changed_by_label: string | null }>(
    tx,
    sql`select version, change, to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as changed_at, changed_by_label
        from directory_service_versions where service_id = ${serviceId} order by version desc`,
  );
}

export type DashboardRow = {
  id: string;
  name: string;
  organization: string;
  verification_status: 'verified' | 'unverified';
  verified_on: string | null;
  version: number;
  demo: boolean;
};

export async function ownerServices(tx: Tx, ownerId: string): Promise<DashboardRow[]> {
  return queryRows<DashboardRow>(
    tx,
    sql`select s.id, s.name, o.name as organization, s.verification_status, ${date('s.verified_on')} as verified_on, s.version, s.demo
        from directory_services s join directory_organizations o on o.id = s.organization_id
        where s.owner_id = ${ownerId} and s.status = 'active'
        order by s.verified_on nulls first, s.name`,
  );
}

export async function organisationName(
  tx: Tx,
  id: string,
): Promise<{ name: string; kind: string; county_code: string | null; municipality_code: string | null } | undefined> {
  const [row] = await queryRows<{ name: string; kind: string; county_code: string | null; municipality_code: string | null }>(
    tx,
    sql`select name, kind, county_code, municipality_code from organisations where id = ${id}`,
  );
  return row;
}

/** Every public entry, for the public-safe export: from the public read model only. */
/** The names of the SCB codes (public reference data), for the HSDS export's areas and addresses. */
export async function placeNames(tx: Tx): Promise<{ municipalities: Map<string, string>; counties: Map<string, string> }> {
  const municipalities = await queryRows<{ code: string; name: string }>(tx, sql`select code, name from municipalities`);
  const counties = await queryRows<{ code: string; name: string }>(tx, sql`select code, name from counties`);
  return { municipalities: new Map(municipalities.map((row) => [row.code, row.name])), counties: new Map(counties.map((row) => [row.code, row.name])) };
}

export async function publicExportRows(tx: Tx): Promise<SearchRow[]> {
  return queryRows<SearchRow>(tx, sql`select ${PUBLIC_COLUMNS}, 0 as level, false as name_matches from directory_public_services s order by s.name, s.id`);
}
