import crypto from 'node:crypto';
import { AUDIENCES, KINDS, LANGUAGES, PHONE_KINDS, SERVICE_STATUSES, WEEKDAYS, type ServiceInput } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import type { SearchRow } from './directory-repository.ts';
import { checkList, encodingProblem, MAX_IMPORT_ROWS, problem, type ImportProblem, type ParsedFile } from './directory-exchange.ts';
import { directoryMessages } from './messages.ts';

/**
 * HSDS 3.0 JSON in the Swedish profile (docs/directory-hsds-profile.md): the public-safe export,
 * valid against the official compiled schemas (`hsds-3.0/`), and the import of standard HSDS
 * service and organization lists.
 */
export const HSDS_PROFILE = 'urn:upptack:hsds-profile:se:1.0';

/** The profile's taxonomies: its code lists travel as HSDS attributes with taxonomy terms. */
export const PROFILE_TAXONOMIES = {
  audiences: `${HSDS_PROFILE}:audiences`,
  kinds: `${HSDS_PROFILE}:kinds`,
  flags: `${HSDS_PROFILE}:flags`,
} as const;
type Flag = keyof (typeof directoryMessages)['sv']['hsdsFlags'];

/**
 * HSDS 3.0 requires a UUID on every object, also on phones, schedules and areas that have no id of
 * their own here. A name-based UUID (RFC 9562 version 5) of the service id and the child's place
 * gives the same id in every export, so consumers can follow changes.
 */
const NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex'); // the RFC's URL namespace
export function hsdsId(...parts: string[]): string {
  const hash = crypto
    .createHash('sha1')
    .update(NAMESPACE)
    .update(`${HSDS_PROFILE}:${parts.join(':')}`)
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Editors may type a web address without its scheme; HSDS wants a URI, and the sites are served over https. */
export function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
}

/** Swedish names of the SCB codes, for the areas' and addresses' names. */
export type PlaceNames = { municipalities: ReadonlyMap<string, string>; counties: ReadonlyMap<string, string> };

type Attribute = {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  taxonomy_term: { id: string; code: string; name: string; description: string; taxonomy: string };
  value?: string;
};

function attribute(serviceId: string, taxonomy: keyof typeof PROFILE_TAXONOMIES, code: string, name: string, value?: string): Attribute {
  const termId = hsdsId('term', taxonomy, code);
  return {
    id: hsdsId('service', serviceId, 'attribute', taxonomy, code),
    link_id: serviceId,
    link_type: taxonomy,
    link_entity: 'service',
    taxonomy_term_id: termId,
    taxonomy_term: { id: termId, code, name, description: name, taxonomy: PROFILE_TAXONOMIES[taxonomy] },
    ...(value === undefined ? {} : { value }),
  };
}

/** Leaves out a key whose value is null: the schemas want a typed value or none. */
function present<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}

function areasOf(row: SearchRow, places: PlaceNames) {
  const area = (type: 'national' | 'county' | 'municipality', code: string | null, name: string) => ({
    id: hsdsId('service', row.id, 'area', type, code ?? 'SE'),
    service_id: row.id,
    name,
    extent_type: 'text',
    extent: name,
    // The profile's extension fields: the level and the SCB code a machine can match on.
    area_type: type,
    ...(code === null ? {} : { code }),
  });
  return [
    ...(row.national ? [area('national', null, 'Sverige')] : []),
    ...row.county_codes.map((code) => area('county', code, places.counties.get(code) ?? code)),
    ...row.municipality_codes.map((code) => area('municipality', code, places.municipalities.get(code) ?? code)),
  ];
}

function locationsOf(row: SearchRow, places: PlaceNames) {
  return row.locations.map((location, index) => {
    const serviceAtLocationId = hsdsId('service', row.id, 'service_at_location', String(index));
    const locationId = hsdsId('service', row.id, 'location', String(index));
    const county = location.municipalityCode ? places.counties.get(location.municipalityCode.slice(0, 2)) : undefined;
    // An HSDS address needs street, postcode, city and region; a partial address stays on the location's name.
    const address =
      location.address && location.postalCode && location.city && county
        ? [
            {
              id: hsdsId('service', row.id, 'address', String(index)),
              location_id: locationId,
              address_1: location.address,
              city: location.city,
              state_province: county,
              postal_code: location.postalCode,
              country: 'SE',
              address_type: 'physical',
            },
          ]
        : [];
    return {
      id: serviceAtLocationId,
      service_id: row.id,
      location_id: locationId,
      location: {
        id: locationId,
        location_type: 'physical',
        ...present({ name: location.name, municipality_code: location.municipalityCode }),
        addresses: address,
      },
    };
  });
}

/** The public-safe HSDS export: rows must come from a transaction as `upptack_public`. */
export function toHsds(rows: SearchRow[], generatedAt: Date, places: PlaceNames) {
  const messages = directoryMessages.sv;
  const organizations = new Map<string, { id: string; name: string; description: string }>();
  const services = rows.map((row) => {
    const organization = { id: hsdsId('organization', row.organization), name: row.organization, description: '' };
    organizations.set(organization.id, organization);
    const flags: Array<[Flag, string | undefined]> = [
      ...(row.confidential_location ? [['confidential_location', undefined] as [Flag, undefined]] : []),
      ...(row.hours_verified_on ? [['hours_verified_on', row.hours_verified_on] as [Flag, string]] : []),
      ...(row.demo ? [['demo', undefined] as [Flag, undefined]] : []),
    ];
    return {
      id: row.id,
      organization_id: organization.id,
      organization,
      name: row.name,
      description: row.description,
      ...present({ url: row.url === null ? null : withScheme(row.url), email: row.email }),
      status: 'active',
      ...present({
        interpretation_services: row.interpreter ? messages.hsdsInterpreter : null,
        eligibility_description: row.eligibility,
        assured_date: row.verified_on,
      }),
      languages: row.languages.map((code) => ({
        id: hsdsId('service', row.id, 'language', code),
        service_id: row.id,
        name: directoryLabels.sv.languages[code],
        code,
      })),
      phones: row.phones
        .filter((phone) => !phone.staffOnly)
        .map((phone, index) => ({
          id: hsdsId('service', row.id, 'phone', String(index)),
          service_id: row.id,
          number: phone.number,
          type: phone.kind,
          ...present({ description: phone.description }),
        })),
      schedules: row.schedules.map((schedule, index) => ({
        id: hsdsId('service', row.id, 'schedule', String(index)),
        service_id: row.id,
        freq: 'WEEKLY',
        byday: schedule.byday,
        opens_at: schedule.opens,
        closes_at: schedule.closes,
        ...(schedule.byday === 'PH' ? { description: messages.hsdsHolidays } : {}),
      })),
      service_areas: areasOf(row, places),
      service_at_locations: locationsOf(row, places),
      attributes: [
        ...row.audiences.map((code) => attribute(row.id, 'audiences', code, directoryLabels.sv.audiences[code])),
        ...row.kinds.map((code) => attribute(row.id, 'kinds', code, directoryLabels.sv.kinds[code])),
        ...flags.map(([flag, value]) => attribute(row.id, 'flags', flag, messages.hsdsFlags[flag], value)),
      ],
    };
  });
  return {
    profile: HSDS_PROFILE,
    hsds_version: '3.0',
    generated_at: generatedAt.toISOString(),
    organizations: [...organizations.values()],
    services,
  };
}

/* ------------------------------------------------------------------------------ import */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** HSDS phone types onto the profile's: a mobile is a voice line, a textphone a text line. */
const PHONE_TYPES: Record<string, (typeof PHONE_KINDS)[number]> = {
  voice: 'voice',
  cell: 'voice',
  sms: 'sms',
  text: 'text',
  textphone: 'text',
  video: 'video',
};

/** The codes of one profile taxonomy among a service's attributes. */
function termCodes(attributes: Json[], taxonomy: keyof typeof PROFILE_TAXONOMIES): Json[] {
  return attributes.filter((entry) => isObject(entry.taxonomy_term) && entry.taxonomy_term.taxonomy === PROFILE_TAXONOMIES[taxonomy]);
}

function areaOf(areas: Json[], problems: ImportProblem[]): ServiceInput['area'] {
  const area = { national: false, counties: [] as string[], municipalities: [] as string[] };
  areas.forEach((entry, index) => {
    // The profile's own fields first; the legacy export wrote the level into extent_type.
    const type = text(entry.area_type) || text(entry.extent_type);
    const code = text(entry.code);
    if (type === 'national') area.national = true;
    else if (type === 'county' && code) area.counties.push(code);
    else if (type === 'municipality' && code) area.municipalities.push(code);
    else problems.push(problem(`service_areas[${index}]`, 'hsds_area', { value: text(entry.name) || text(entry.extent) || '' }));
  });
  return area;
}

function schedulesOf(schedules: Json[], problems: ImportProblem[]): ServiceInput['schedules'] {
  return schedules.flatMap((entry, index) => {
    const field = `schedules[${index}]`;
    if (text(entry.freq) !== 'WEEKLY') {
      problems.push(problem(`${field}.freq`, 'unknown_code', { value: text(entry.freq), allowed: 'WEEKLY' }));
      return [];
    }
    // RRULE allows several days in one rule (`MO,TU,WE`); the profile keeps one day per row.
    const days = text(entry.byday)
      .split(',')
      .map((day) => day.trim())
      .filter((day) => day !== '');
    const unknown = days.filter((day) => !(WEEKDAYS as readonly string[]).includes(day));
    if (days.length === 0 || unknown.length > 0) {
      problems.push(problem(`${field}.byday`, 'unknown_code', { value: unknown.join(',') || text(entry.byday), allowed: WEEKDAYS.join(', ') }));
      return [];
    }
    // HSDS times may carry seconds (`09:00:00`); the profile keeps minutes.
    const time = (value: unknown) => text(value).replace(/^(\d{2}:\d{2}):00$/, '$1');
    return days.map((day) => ({ byday: day as (typeof WEEKDAYS)[number], opens: time(entry.opens_at), closes: time(entry.closes_at) }));
  });
}

function phonesOf(phones: Json[], problems: ImportProblem[]): ServiceInput['phones'] {
  return phones.flatMap((phone, index) => {
    const type = text(phone.type) || 'voice';
    const kind = PHONE_TYPES[type];
    if (!kind) {
      problems.push(problem(`phones[${index}].type`, 'unknown_code', { value: type, allowed: Object.keys(PHONE_TYPES).join(', ') }));
      return [];
    }
    return [{ number: text(phone.number), kind, description: text(phone.description), staffOnly: phone.staff_only === true }];
  });
}

function importedLocations(entries: Json[]): ServiceInput['locations'] {
  return entries.flatMap((entry) => {
    const location = isObject(entry.location) ? entry.location : undefined;
    if (!location) return [];
    const address = objects(location.addresses).find((candidate) => text(candidate.address_type) !== 'postal') ?? {};
    return [
      {
        name: text(location.name),
        address: [text(address.address_1), text(address.address_2)].filter((part) => part !== '').join(', '),
        postalCode: text(address.postal_code),
        city: text(address.city),
        municipalityCode: text(location.municipality_code) || null,
        confidential: location.confidential === true,
      },
    ];
  });
}

/** One HSDS service (and the organisation it names) → the profile's service input. */
function serviceToInput(record: Json, organizationName: string, problems: ImportProblem[]): ServiceInput {
  const attributes = objects(record.attributes);
  const status = text(record.status) || 'active';
  if (!(SERVICE_STATUSES as readonly string[]).includes(status))
    problems.push(problem('status', 'unknown_code', { value: status, allowed: SERVICE_STATUSES.join(', ') }));
  const codes = (taxonomy: keyof typeof PROFILE_TAXONOMIES) => termCodes(attributes, taxonomy).map((entry) => text((entry.taxonomy_term as Json).code));
  const languages = objects(record.languages).map((language) => text(language.code));
  if (!organizationName) problems.push(problem('organization.name', 'hsds_organization'));
  return {
    organizationName,
    name: text(record.name),
    description: text(record.description),
    url: text(record.url),
    email: text(record.email),
    status: (SERVICE_STATUSES as readonly string[]).includes(status) ? (status as ServiceInput['status']) : 'active',
    audiences: checkList('attributes (audiences)', codes('audiences'), AUDIENCES, problems) as ServiceInput['audiences'],
    kinds: checkList('attributes (kinds)', codes('kinds'), KINDS, problems) as ServiceInput['kinds'],
    languages: checkList('languages', languages.length > 0 ? languages : ['sv'], LANGUAGES, problems) as ServiceInput['languages'],
    interpreter: text(record.interpretation_services).trim() !== '',
    eligibility: text(record.eligibility_description),
    area: areaOf(objects(record.service_areas), problems),
    phones: phonesOf(objects(record.phones), problems),
    locations: importedLocations(objects(record.service_at_locations)),
    schedules: schedulesOf(objects(record.schedules), problems),
  };
}

/** Where a field of the profile's input came from in an HSDS service: problems name the file's field. */
const HSDS_FIELDS: Array<[RegExp, string]> = [
  [/^organizationName$/, 'organization.name'],
  [/^eligibility$/, 'eligibility_description'],
  [/^audiences(\.\d+)?$/, 'attributes (audiences)'],
  [/^kinds(\.\d+)?$/, 'attributes (kinds)'],
  [/^area(\..*)?$/, 'service_areas'],
  [/^languages\.(\d+)$/, 'languages[$1].code'],
  [/^phones\.(\d+)\.(\w+)$/, 'phones[$1].$2'],
  [/^schedules\.(\d+)\.opens$/, 'schedules[$1].opens_at'],
  [/^schedules\.(\d+)\.closes$/, 'schedules[$1].closes_at'],
  [/^locations\.(\d+)\.postalCode$/, 'service_at_locations[$1].location.addresses[0].postal_code'],
  [/^locations\.(\d+)\.municipalityCode$/, 'service_at_locations[$1].location.municipality_code'],
  [/^locations\.(\d+)\.address$/, 'service_at_locations[$1].location.addresses[0].address_1'],
  [/^locations\.(\d+)\.(\w+)$/, 'service_at_locations[$1].location.$2'],
];
function hsdsField(path: string): string {
  for (const [pattern, field] of HSDS_FIELDS) if (pattern.test(path)) return path.replace(pattern, field);
  return path;
}

/**
 * The services of an HSDS 3.0 file: the HSDS API's page of a service list (`contents`), a bare
 * list, the profile's export (`services`, with `organizations`), or organisations carrying their
 * `services`. A service's organisation is its nested `organization`, the file's organisation its
 * `organization_id` names, or the organisation that carries it.
 */
function servicesIn(document: unknown): Array<{ record: Json; organizationName: string }> | ImportProblem {
  const container = isObject(document) ? document : undefined;
  const items = Array.isArray(document)
    ? document
    : Array.isArray(container?.contents)
      ? container.contents
      : Array.isArray(container?.services)
        ? container.services
        : undefined;
  if (!items) return problem('services', 'json_shape');
  // Services must have a status (HSDS 3.0); a list of only organisations without services holds nothing to import.
  if (items.length > 0 && items.every((item) => isObject(item) && !('status' in item) && !Array.isArray(item.services)))
    return problem('services', 'hsds_no_services');
  const names = new Map(objects(container?.organizations).map((organization) => [text(organization.id), text(organization.name)]));
  return items.flatMap((item) => {
    const record = isObject(item) ? item : {};
    if (Array.isArray(record.services)) return objects(record.services).map((service) => ({ record: service, organizationName: text(record.name) }));
    const nested = isObject(record.organization) ? text(record.organization.name) : '';
    // `organization_name` is what the profile's exports wrote before they followed the schemas.
    return [{ record, organizationName: nested || names.get(text(record.organization_id)) || text(record.organization_name) }];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An HSDS 3.0 JSON file; a service's line is its position in the file (1-based). */
export function parseJsonImport(content: string): ParsedFile {
  const encoding = encodingProblem(content);
  if (encoding) return { fileProblems: [encoding], lines: [] };
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    return { fileProblems: [problem('(file)', 'json', { detail: (error as Error).message })], lines: [] };
  }
  const services = servicesIn(document);
  if (!Array.isArray(services)) return { fileProblems: [services], lines: [] };
  if (services.length === 0) return { fileProblems: [problem('services', 'empty')], lines: [] };
  if (services.length > MAX_IMPORT_ROWS) return { fileProblems: [problem('services', 'too_many_rows', { max: MAX_IMPORT_ROWS })], lines: [] };
  return {
    fileProblems: [],
    lines: services.map(({ record, organizationName }, index) => {
      const problems: ImportProblem[] = [];
      const id = text(record.id) || null;
      if (id !== null && !UUID.test(id)) problems.push(problem('id', 'hsds_id', { value: id }));
      const input = serviceToInput(record, organizationName, problems);
      return { line: index + 1, id, name: text(record.name) || null, input, problems, fieldName: hsdsField, newIdAllowed: true };
    }),
  };
}
