import { WEEKDAYS, type ServiceDetail, type ServiceInput } from '#shared/contracts/directory.ts';

/**
 * The edit form keeps what the editor typed as text; these pure mappers turn it into the shared
 * `serviceInput` (validated by the same schema as the server) and back.
 */
export type ServiceForm = {
  organizationName: string;
  name: string;
  description: string;
  url: string;
  phones: string;
  staffPhones: string;
  audiences: string[];
  kinds: string[];
  languages: string[];
  interpreter: string[];
  municipalities: string;
  counties: string;
  national: boolean;
  schedules: string;
  address: string;
  postalCode: string;
  city: string;
  confidential: string[];
  verify: string[];
};

export const EMPTY_FORM: ServiceForm = {
  organizationName: '',
  name: '',
  description: '',
  url: '',
  phones: '',
  staffPhones: '',
  audiences: [],
  kinds: [],
  languages: ['sv'],
  interpreter: [],
  municipalities: '',
  counties: '',
  national: false,
  schedules: '',
  address: '',
  postalCode: '',
  city: '',
  confidential: [],
  verify: [],
};

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const codes = (text: string) => text.split(/[,\s]+/).map((code) => code.trim()).filter(Boolean);

export function formFromDetail(detail: ServiceDetail): ServiceForm {
  const { service } = detail;
  const location = service.locations[0];
  return {
    organizationName: service.organizationName,
    name: service.name,
    description: service.description,
    url: service.url ?? '',
    phones: service.phones.filter((phone) => !phone.staffOnly).map((phone) => phone.number).join('\n'),
    staffPhones: service.phones.filter((phone) => phone.staffOnly).map((phone) => phone.number).join('\n'),
    audiences: service.audiences,
    kinds: service.kinds,
    languages: service.languages,
    interpreter: service.interpreter ? ['yes'] : [],
    municipalities: service.area.municipalities.join(', '),
    counties: service.area.counties.join(', '),
    national: service.area.national,
    schedules: service.schedules.map((schedule) => `${schedule.byday} ${schedule.opens}-${schedule.closes}`).join('\n'),
    address: location?.address ?? '',
    postalCode: location?.postalCode ?? '',
    city: location?.city ?? '',
    confidential: location?.confidential ? ['yes'] : [],
    verify: [],
  };
}

/** Lines that are not `DD HH:MM-HH:MM` are passed through as given, so the schema names them. */
function schedulesFrom(text: string): NonNullable<ServiceInput['schedules']> {
  return lines(text).map((line) => {
    const match = /^([A-Z]{2})\s+(\S+)\s*-\s*(\S+)$/.exec(line.toUpperCase());
    const byday = (WEEKDAYS as readonly string[]).includes(match?.[1] ?? '') ? (match?.[1] as (typeof WEEKDAYS)[number]) : 'MO';
    return { byday, opens: match?.[2] ?? line, closes: match?.[3] ?? '' };
  });
}

export function inputFromForm(form: ServiceForm, detail: ServiceDetail | undefined): ServiceInput {
  const hasLocation = form.address.trim() !== '' || form.postalCode.trim() !== '' || form.city.trim() !== '' || form.confidential.length > 0;
  const kept = detail?.service.phones ?? [];
  return {
    organizationName: form.organizationName,
    name: form.name,
    description: form.description,
    url: form.url,
    email: detail?.service.email ?? '',
    status: detail?.service.status ?? 'active',
    audiences: form.audiences as ServiceInput['audiences'],
    kinds: form.kinds as ServiceInput['kinds'],
    languages: form.languages as NonNullable<ServiceInput['languages']>,
    interpreter: form.interpreter.length > 0,
    eligibility: detail?.service.eligibility ?? '',
    area: { national: form.national, counties: codes(form.counties), municipalities: codes(form.municipalities) },
    phones: [
      ...lines(form.phones).map((number) => ({ number, description: kept.find((phone) => phone.number === number)?.description ?? null, staffOnly: false })),
      ...lines(form.staffPhones).map((number) => ({ number, description: kept.find((phone) => phone.number === number)?.description ?? null, staffOnly: true })),
    ],
    locations: hasLocation
      ? [{
          name: detail?.service.locations[0]?.name ?? null,
          address: form.address,
          postalCode: form.postalCode,
          city: form.city,
          municipalityCode: detail?.service.locations[0]?.municipalityCode ?? codes(form.municipalities)[0] ?? null,
          confidential: form.confidential.length > 0,
        }]
      : [],
    schedules: schedulesFrom(form.schedules),
    note: detail?.service.note ?? '',
    source: detail?.service.source ?? '',
  };
}

/** Where a schema error lands in the form: `phones.1.number` belongs to the phone fields. */
export function formFieldOf(path: string): keyof ServiceForm {
  const head = path.split('.')[0] ?? '';
  if (head === 'phones') return 'phones';
  if (head === 'schedules') return 'schedules';
  if (head === 'locations') return 'address';
  if (head === 'area') return 'municipalities';
  if (head === 'service') return formFieldOf(path.slice('service.'.length));
  return (['organizationName', 'name', 'description', 'url', 'audiences', 'kinds', 'languages'] as const).find((field) => field === head) ?? 'name';
}
