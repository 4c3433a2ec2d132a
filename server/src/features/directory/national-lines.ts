import crypto from 'node:crypto';
import type { Audience, Kind, Language, ScheduleInput } from '#shared/contracts/directory.ts';

/**
 * How each row of `stodlinjer.csv` enters the directory profile: the CSV says who runs a line and
 * how sure the collection is; this table adds what the profile needs (audiences, kinds, areas,
 * plain descriptions). Descriptions leave out what `anmarkning` flags as uncertain; opening hours
 * are entered only where the source confirms them (`hours`), and are then shown with their
 * verification date. Rows without a phone number are organisations that refer to local services.
 */
export type NationalLineProfile = {
  organization: string;
  service: string;
  description: string;
  audiences: Audience[];
  kinds: Kind[];
  languages?: Language[];
  interpreter?: boolean;
  /** `national` unless the organisation works in one county. */
  county?: string;
  url?: string;
  /** Confirmed opening hours; `always` = every day and holiday, all day. */
  hours?: 'always' | ScheduleInput[];
};

export const NATIONAL_LINES_VERIFIED_ON = '2026-11-22';
export const NATIONAL_LINES_OWNER = 'JAMY';

export const NATIONAL_LINE_PROFILES: Record<string, NationalLineProfile> = {
  Kvinnofridslinjen: {
    organization: 'Nationellt centrum för kvinnofrid (NCK)',
    service: 'Kvinnofridslinjen',
    description:
      'Stödtelefon för den som har utsatts för hot, våld eller sexuella övergrepp, och för anhöriga och yrkesverksamma. Samtalet är gratis, syns inte på telefonräkningen och du kan vara anonym. Tolk finns.',
    audiences: ['women_exposed', 'men_exposed', 'lgbtqi', 'honour', 'relatives', 'professionals'],
    kinds: ['phone_line'],
    interpreter: true,
    url: 'kvinnofridslinjen.se',
    hours: 'always',
  },
  'Brottsofferjouren – stödlinje 116 006': {
    organization: 'Brottsofferjouren Sverige',
    service: 'Brottsofferjouren – stödlinje 116 006',
    description:
      'Stöd till den som har utsatts för brott, till vittnen och till anhöriga. Förmedlar kontakt med en lokal brottsofferjour. Du behöver inte ha gjort en polisanmälan.',
    audiences: ['women_exposed', 'men_exposed', 'children_young', 'elderly', 'lgbtqi', 'relatives'],
    kinds: ['phone_line'],
    url: 'brottsofferjouren.se',
  },
  'Välj att sluta': {
    organization: 'Välj att sluta (Länsstyrelsen Stockholm och Manscentrum)',
    service: 'Välj att sluta',
    description:
      'Stödlinje för dig som utövar eller riskerar att utöva våld i en nära relation och vill sluta. Även för utsatta, anhöriga och yrkesverksamma. Du kan vara anonym.',
    audiences: ['perpetrators', 'women_exposed', 'men_exposed', 'relatives', 'professionals'],
    kinds: ['phone_line', 'counselling'],
    url: 'valjattsluta.se',
  },
  'Bris – nationella stödlinjen för barn': {
    organization: 'Bris – Barnens Rätt i Samhället',
    service: 'Bris – stödlinjen för barn',
    description: 'För barn och unga under 18 år. Telefon, chatt, mejl och sms. Anonymt och gratis.',
    audiences: ['children_young'],
    kinds: ['phone_line', 'chat'],
    url: 'bris.se',
    hours: 'always',
  },
  'Nationella stödtelefonen (hedersrelaterat våld och förtryck)': {
    organization: 'Nationellt centrum mot hedersrelaterat våld och förtryck (Länsstyrelsen Östergötland)',
    service: 'Nationella stödtelefonen om hedersrelaterat våld och förtryck',
    description:
      'Råd till yrkesverksamma och ideellt verksamma i ärenden om hedersrelaterat våld och förtryck, barn- och tvångsäktenskap och könsstympning. Ärendena tas upp utan namn.',
    audiences: ['professionals'],
    kinds: ['phone_line'],
    url: 'hedersfortryck.se',
  },
  'Rätt att välja': {
    organization: 'Nationellt centrum för kvinnofrid (NCK)',
    service: 'Rätt att välja',
    description:
      'Stödlinje för personer i alla åldrar som är eller riskerar att bli utsatta för hedersrelaterat våld och förtryck, och för närstående. Gratis och anonymt.',
    audiences: ['honour', 'women_exposed', 'men_exposed', 'children_young', 'relatives'],
    kinds: ['phone_line'],
  },
  'Polisen – nödnummer': {
    organization: 'Polismyndigheten',
    service: 'Polisen och SOS Alarm – 112',
    description: 'Ring 112 vid akut fara eller om ett brott pågår, till exempel om någon har slagit dig och finns kvar i bostaden.',
    audiences: ['everyone'],
    kinds: ['police'],
    url: 'polisen.se',
    hours: 'always',
  },
  'Polisen – icke akuta ärenden': {
    organization: 'Polismyndigheten',
    service: 'Polisen – 114 14',
    description: 'Polisanmälan, tips och frågor som inte är akuta. På svenska och engelska.',
    audiences: ['everyone'],
    kinds: ['police'],
    languages: ['sv', 'en'],
    url: 'polisen.se',
    hours: 'always',
  },
  '1177 Vårdguiden på telefon': {
    organization: 'Regionerna – 1177',
    service: '1177 Vårdguiden på telefon',
    description: 'Sjukvårdsrådgivning. Vid livsfara: ring 112.',
    audiences: ['everyone'],
    kinds: ['health_care'],
    url: '1177.se',
    hours: 'always',
  },
  Unizon: {
    organization: 'Unizon',
    service: 'Unizon – hitta en lokal jour',
    description:
      'Riksförbund för kvinnojourer, tjejjourer, ungdomsjourer och jourer mot sexuella övergrepp. Det finns ingen nationell stödlinje: kontakta en lokal jour.',
    audiences: ['women_exposed', 'children_young'],
    kinds: ['information'],
    url: 'unizonjourer.se',
  },
  Roks: {
    organization: 'Roks – Riksorganisationen för kvinnojourer och tjejjourer i Sverige',
    service: 'Roks – hitta en lokal jour',
    description: 'Riksorganisation för kvinnojourer och tjejjourer. Det finns ingen nationell stödlinje: kontakta en lokal jour.',
    audiences: ['women_exposed', 'children_young'],
    kinds: ['information'],
    url: 'roks.se',
  },
  'Terrafem – jourtelefon': {
    organization: 'Terrafem',
    service: 'Terrafem – jourtelefon',
    description: 'Stöd till kvinnor och flickor med utländsk bakgrund som är utsatta för våld. Stöd på många språk, juristjour och skyddat boende.',
    audiences: ['women_exposed', 'honour'],
    kinds: ['phone_line', 'legal', 'shelter'],
    interpreter: true,
    url: 'terrafem.org',
  },
  Manscentrum: {
    organization: 'Stiftelsen Manscentrum',
    service: 'Manscentrum',
    description: 'Krismottagning i Stockholm för män i kris och män som utövar våld. Ring Välj att sluta för att nå dem per telefon.',
    audiences: ['perpetrators', 'men_exposed'],
    kinds: ['counselling', 'perpetrator_programme'],
    county: '01',
    url: 'manscentrum.se',
  },
  'Jourhavande medmänniska': {
    organization: 'Jourhavande medmänniska',
    service: 'Jourhavande medmänniska',
    description: 'För alla som behöver någon att prata med under natten.',
    audiences: ['everyone'],
    kinds: ['phone_line'],
  },
  'Rädda Barnen – Kärleken är fri (stödchatt)': {
    organization: 'Rädda Barnen',
    service: 'Kärleken är fri – stödchatt',
    description: 'Stödchatt för barn och unga som är utsatta för hedersrelaterat våld och förtryck.',
    audiences: ['children_young', 'honour'],
    kinds: ['chat'],
    url: 'karlekenarfri.se',
  },
  Barnafrid: {
    organization: 'Barnafrid – nationellt kunskapscentrum, Linköpings universitet',
    service: 'Barnafrid – kunskap om våld mot barn',
    description: 'Kunskap, nätverk och utbildning för yrkesverksamma som möter barn som utsatts för våld eller övergrepp. Ingen stödlinje för enskilda.',
    audiences: ['professionals'],
    kinds: ['information'],
    url: 'liu.se/forskning/barnafrid',
  },
  'Nationellt centrum för kvinnofrid (NCK)': {
    organization: 'Nationellt centrum för kvinnofrid (NCK)',
    service: 'NCK – kunskapscentrum',
    description: 'Kunskapscentrum om mäns våld mot kvinnor, hedersrelaterat våld och våld i samkönade relationer.',
    audiences: ['professionals'],
    kinds: ['information'],
    url: 'nck.uu.se',
  },
  Kunskapsbanken: {
    organization: 'Nationellt centrum för kvinnofrid (NCK)',
    service: 'Kunskapsbanken',
    description: 'Ämnesguider, forskning och publikationer för yrkesverksamma.',
    audiences: ['professionals'],
    kinds: ['information'],
    url: 'nck.uu.se/kunskapsbanken',
  },
  'Stödlinjen för män': {
    organization: 'Nationellt centrum för kvinnofrid (NCK)',
    service: 'Stödlinjen för män',
    description: 'För män över 18 år som är utsatta för våld i en nära relation eller för sexuella övergrepp, och för närstående och yrkesverksamma.',
    audiences: ['men_exposed', 'relatives', 'professionals'],
    kinds: ['phone_line'],
  },
  'Stödlinjen för transpersoner': {
    organization: 'Nationellt centrum för kvinnofrid (NCK)',
    service: 'Stödlinjen för transpersoner',
    description: 'För transpersoner och ickebinära över 18 år som är utsatta för våld i en nära relation eller för sexuella övergrepp.',
    audiences: ['lgbtqi', 'relatives'],
    kinds: ['phone_line'],
  },
  'Nationell stödtelefon mot prostitution och människohandel': {
    organization: 'Jämställdhetsmyndigheten',
    service: 'Nationell stödtelefon mot prostitution och människohandel',
    description: 'Vägledning för yrkesverksamma och andra som misstänker prostitution eller människohandel. Vid akut fara: ring 112.',
    audiences: ['prostitution_trafficking', 'professionals', 'relatives'],
    kinds: ['phone_line'],
    url: 'jamstalldhetsmyndigheten.se',
  },
};

export const ALWAYS_OPEN: ScheduleInput[] = (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', 'PH'] as const).map((byday) => ({
  byday,
  opens: '00:00',
  closes: '24:00',
}));

/** Stable ids for seeded entries, so every installation, the tests and the docs agree. */
export function directoryId(kind: 'organization' | 'service', name: string): string {
  const hex = crypto.createHash('md5').update(`upptack:directory:${kind}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
