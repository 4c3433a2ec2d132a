import { WEEKDAYS, type ServiceDetail, type ServiceInput } from '#shared/contracts/directory.ts';

/** One row of opening hours: the days it applies to (HSDS day codes, shown as Swedish day names) and the times. */
export type ScheduleRow = { days: string[]; opens: string; closes: string };

/**
 * The edit form keeps what the editor typed; these pure mappers turn it into the shared
 * `serviceInput` (validated by the same schema as the server) and back. Municipalities and
 * counties are picked by name and kept as their SCB codes; opening hours are rows of picked days
 * and are stored as one HSDS schedule per day (issue 22).
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
  municipalities: string[];
  counties: string[];
  national: boolean;
  schedules: ScheduleRow[];
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
  municipalities: [],
  counties: [],
  national: false,
  schedules: [],
  address: '',
  postalCode: '',
  city: '',
  confidential: [],
  verify: [],
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Days with the same hours form one row, in the order of the week. */
export function rowsFromSchedules(schedules: ReadonlyArray<{ byday: string; opens: string; closes: string }>): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  for (const schedule of schedules) {
    const row = rows.find((candidate) => candidate.opens === schedule.opens && candidate.closes === schedule.closes);
    if (row) {
      if (!row.days.includes(schedule.byday)) row.days.push(schedule.byday);
    } else {
      rows.push({ days: [schedule.byday], opens: schedule.opens, closes: schedule.closes });
    }
  }
  return rows;
}

export function formFromDetail(detail: Pick<ServiceDetail, 'service'>): ServiceForm {
  const { service } = detail;
  const location = service.locations[0];
  return {
    organizationName: service.organizationName,
    name: service.name,
    description: service.description,
    url: service.url ?? '',
    phones: service.phones
      .filter((phone) => !phone.staffOnly)
      .map((phone) => phone.number)
      .join('\n'),
    staffPhones: service.phones
      .filter((phone) => phone.staffOnly)
      .map((phone) => phone.number)
      .join('\n'),
    audiences: service.audiences,
    kinds: service.kinds,
    languages: service.languages,
    interpreter: service.interpreter ? ['yes'] : [],
    municipalities: [...service.area.municipalities],
    counties: [...service.area.counties],
    national: service.area.national,
    schedules: rowsFromSchedules(service.schedules),
    address: location?.address ?? '',
    postalCode: location?.postalCode ?? '',
    city: location?.city ?? '',
    confidential: location?.confidential ? ['yes'] : [],
    verify: [],
  };
}

/** One HSDS schedule per picked day, in the order of the week; a row without days keeps its times so the schema names them. */
function schedulesFrom(rows: readonly ScheduleRow[]): NonNullable<ServiceInput['schedules']> {
  return rows.flatMap((row) => {
    const days = WEEKDAYS.filter((day) => row.days.includes(day));
    if (days.length === 0 && (row.opens.trim() !== '' || row.closes.trim() !== ''))
      return [{ byday: 'MO' as const, opens: row.opens.trim(), closes: row.closes.trim() }];
    return days.map((byday) => ({ byday, opens: row.opens.trim(), closes: row.closes.trim() }));
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
    area: { national: form.national, counties: [...form.counties], municipalities: [...form.municipalities] },
    phones: [
      ...lines(form.phones).map((number) => ({ number, description: kept.find((phone) => phone.number === number)?.description ?? null, staffOnly: false })),
      ...lines(form.staffPhones).map((number) => ({
        number,
        description: kept.find((phone) => phone.number === number)?.description ?? null,
        staffOnly: true,
      })),
    ],
    locations: hasLocation
      ? [
          {
            name: detail?.service.locations[0]?.name ?? null,
            address: form.address,
            postalCode: form.postalCode,
            city: form.city,
            municipalityCode: detail?.service.locations[0]?.municipalityCode ?? form.municipalities[0] ?? null,
            confidential: form.confidential.length > 0,
          },
        ]
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
