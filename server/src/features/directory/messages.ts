import { defineMessages } from '#shared/i18n/messages.ts';

/** Server-side texts of the directory: validation details, import problems, conflicts. */
export const directoryMessages = defineMessages(
  {
    unknownCode: 'Okänt värde ”{value}” för {parameter}. Tillåtna värden: {allowed}.',
    unknownMunicipality: 'Kommunkoden ”{value}” finns inte. Tillåtna värden: SCB:s fyrsiffriga kommunkoder, se /api/v1/public/reference-data.',
    unknownCounty: 'Länskoden ”{value}” finns inte. Tillåtna värden: {allowed}.',
    placeRequired: 'Ange en kommun (municipality) eller ett län (county).',
    languageRequired: 'Ange ett språk. Tillåtna värden: {allowed}.',
    versionConflict:
      'Någon annan har ändrat uppgiften sedan du öppnade den. Dina ändringar är inte sparade men finns kvar i formuläret; läs in den nya versionen och gör om ändringen.',
    outsideArea: 'Din organisation kan bara lägga in tjänster i sitt eget område ({area}).',
    notOwner: 'Uppgiften förvaltas av en annan organisation och kan inte ändras av dig.',
    ownChange: 'Du kan inte publicera eller returnera din egen ändring. En annan redaktör i din organisation måste förhandsgranska och publicera den.',
    changeDecided: 'Ändringen är redan publicerad eller returnerad.',
    verifyNeedsReview:
      'Posten har aldrig kontrollerats och visas inte för allmänheten. Att kontrollera den publicerar den: öppna posten, kryssa i att du har kontrollerat uppgifterna i dag och spara för granskning, så publicerar en annan redaktör den.',
    notRevisable: 'Bara din egen returnerade ändring av samma uppgift kan göras om, och bara en gång.',
    changeMoved: 'Uppgiften har ändrats sedan ändringen skrevs. Returnera ändringen så att den kan göras om på den nya versionen.',
    importNotPreviewed: 'Importen kan inte genomföras: den är redan genomförd, avbruten eller misslyckad.',
    importHasRejected: 'Filen har rader som inte kan importeras. Rätta filen, eller välj att bara importera de giltiga raderna.',
    importNothingValid: 'Filen har inga giltiga rader att importera.',
    problems: {
      encoding: 'Filen är inte giltig UTF-8-text. Spara den som UTF-8 och försök igen.',
      json: 'Filen är inte giltig JSON: {detail}',
      json_shape:
        'Filen följer inte HSDS 3.0: en lista med tjänster förväntades (”contents” som i HSDS-API:ets svar, ”services”, eller en lista med organisationer som har ”services”).',
      hsds_no_services:
        'Filen innehåller bara organisationer utan tjänster. Katalogen importerar tjänster: ta med organisationernas ”services”, eller importera en tjänstelista.',
      hsds_id: 'Id ”{value}” är inget UUID, vilket HSDS 3.0 kräver.',
      hsds_organization: 'Tjänsten saknar organisation: ange ”organization” med ”name”, eller ett ”organization_id” som finns bland filens ”organizations”.',
      hsds_area: 'Området ”{value}” kan inte tolkas: ange area_type (national, county eller municipality) och, för län och kommun, SCB-koden i ”code”.',
      missing_column: 'Kolumnen ”{column}” saknas i rubrikraden.',
      empty: 'Filen innehåller inga rader.',
      too_many_rows: 'Filen har fler än {max} rader.',
      duplicate_id: 'Id ”{value}” förekommer redan på rad {line}.',
      unknown_id: 'Id ”{value}” finns inte i katalogen, eller förvaltas av en annan organisation.',
      column_count: 'Raden har {found} kolumner men rubrikraden har {expected}.',
      unknown_code: 'Okänt värde ”{value}”. Tillåtna värden: {allowed}.',
      not_boolean: 'Ange ja eller nej (”{value}” är inget av dem).',
      schedule: 'Öppettiden ”{value}” ska skrivas som MO 08:00-16:30.',
    },
    hsdsInterpreter: 'Tolk kan ordnas.',
    hsdsHolidays: 'Helgdagar och dagar som behandlas som helgdag (midsommar-, jul- och nyårsafton).',
    hsdsFlags: {
      confidential_location: 'Skyddad adress: nås bara via sina kontaktvägar',
      hours_verified_on: 'Öppettiderna kontrollerade',
      demo: 'Demouppgift',
    },
    handoutUnavailable:
      'Utskriften finns inte på språket ”{language}” ännu: det kan inte återges korrekt. Visa stödet på skärmen i stället (/stod), där tjänster som talar språket eller har tolk visas. Utskriften finns på: {languages}.',
  },
  {
    unknownCode: 'Unknown value “{value}” for {parameter}. Allowed values: {allowed}.',
    unknownMunicipality:
      'The municipality code “{value}” does not exist. Allowed values: the four-digit SCB municipality codes, see /api/v1/public/reference-data.',
    unknownCounty: 'The county code “{value}” does not exist. Allowed values: {allowed}.',
    placeRequired: 'Give a municipality or a county.',
    languageRequired: 'Give a language. Allowed values: {allowed}.',
    versionConflict:
      'Someone else changed this entry after you opened it. Your changes are not saved but are still in the form; load the new version and make the change again.',
    outsideArea: 'Your organisation can only add services in its own area ({area}).',
    notOwner: 'This entry is kept by another organisation and cannot be changed by you.',
    ownChange: 'You cannot publish or return your own change. Another editor of your organisation must preview and publish it.',
    changeDecided: 'The change has already been published or returned.',
    verifyNeedsReview:
      'The entry has never been checked and is not shown to the public. Checking it publishes it: open the entry, tick that you have checked it today and save it for review, and another editor publishes it.',
    notRevisable: 'Only your own returned change of the same entry can be revised, and only once.',
    changeMoved: 'The entry has changed since this change was written. Return the change so that it can be made again on the new version.',
    importNotPreviewed: 'The import cannot be applied: it was already applied, discarded or failed.',
    importHasRejected: 'The file has rows that cannot be imported. Correct the file, or choose to import only the valid rows.',
    importNothingValid: 'The file has no valid rows to import.',
    problems: {
      encoding: 'The file is not valid UTF-8 text. Save it as UTF-8 and try again.',
      json: 'The file is not valid JSON: {detail}',
      json_shape:
        'The file does not follow HSDS 3.0: a list of services was expected (“contents” as in the HSDS API’s answer, “services”, or a list of organizations with “services”).',
      hsds_no_services:
        'The file holds only organizations without services. The directory imports services: include the organizations’ “services”, or import a service list.',
      hsds_id: 'Id “{value}” is not a UUID, which HSDS 3.0 requires.',
      hsds_organization: 'The service has no organization: give “organization” with “name”, or an “organization_id” found among the file’s “organizations”.',
      hsds_area:
        'The area “{value}” cannot be read: give area_type (national, county or municipality) and, for counties and municipalities, the SCB code in “code”.',
      missing_column: 'The column “{column}” is missing from the header row.',
      empty: 'The file contains no rows.',
      too_many_rows: 'The file has more than {max} rows.',
      duplicate_id: 'Id “{value}” already appears on line {line}.',
      unknown_id: 'Id “{value}” does not exist in the directory, or is kept by another organisation.',
      column_count: 'The row has {found} columns but the header row has {expected}.',
      unknown_code: 'Unknown value “{value}”. Allowed values: {allowed}.',
      not_boolean: 'Enter yes or no (“{value}” is neither).',
      schedule: 'The opening hours “{value}” should be written as MO 08:00-16:30.',
    },
    hsdsInterpreter: 'An interpreter can be arranged.',
    hsdsHolidays: 'Public holidays and the days treated like them (midsummer, Christmas and New Year’s eve).',
    hsdsFlags: {
      confidential_location: 'Protected address: reached only through its contact routes',
      hours_verified_on: 'Opening hours checked',
      demo: 'Demo entry',
    },
    handoutUnavailable:
      'The handout is not available in “{language}” yet: it cannot be rendered correctly. Show the support on screen instead (/stod), where services that speak the language or have an interpreter are shown. The handout exists in: {languages}.',
  },
);
