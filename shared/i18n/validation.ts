import { defineMessages } from './messages.ts';

/**
 * Validation messages used by the shared schemas. A schema refers to one by its key
 * (`validationMessage('municipality_unknown')`); server and client translate it the same way.
 * Features add their keys here so both sides share one catalogue.
 */
const sv = {
  required: 'Fältet måste fyllas i',
  invalid_uuid: 'Ogiltig identitet',
  invalid_date: 'Ange ett datum på formen ÅÅÅÅ-MM-DD',
  date_in_future: 'Datumet kan inte ligga i framtiden',
  end_before_start: 'Slutet kan inte ligga före början',
  municipality_unknown: 'Kommunkoden finns inte. Ange en kommunkod med fyra siffror från SCB.',
  county_unknown: 'Länskoden finns inte. Ange en länskod med två siffror från SCB.',
  email_invalid: 'Ange en giltig e-postadress',
  password_too_short: 'Lösenordet måste ha minst {min} tecken',
  password_too_long: 'Lösenordet får ha högst {max} tecken',
  password_breached: 'Lösenordet finns i listor över läckta eller vanliga lösenord. Välj ett annat.',
  password_contains_email: 'Lösenordet får inte innehålla din e-postadress',
  totp_format: 'Engångskoden består av sex siffror',
  text_too_long: 'Texten får ha högst {max} tecken',
  directory_time_format: 'Ange en tid på formen TT:MM, till exempel 08:30',
  directory_url_invalid: 'Ange en webbadress, till exempel kvinnofridslinjen.se',
  directory_phone_invalid: 'Ange ett svenskt telefonnummer, till exempel 020-50 50 50 eller 112',
  directory_area_required: 'Ange var tjänsten finns: hela landet, ett län eller en kommun',
  directory_audience_required: 'Välj minst en målgrupp',
  directory_kind_required: 'Välj minst en typ av stöd',
  directory_confidential_needs_contact: 'En tjänst med skyddad adress måste ha ett telefonnummer, en webbadress eller en e-postadress som inte är skyddad',
} as const;

export const validationMessages = defineMessages(sv, {
  required: 'This field is required',
  invalid_uuid: 'Invalid identifier',
  invalid_date: 'Enter a date as YYYY-MM-DD',
  date_in_future: 'The date cannot be in the future',
  end_before_start: 'The end cannot be before the start',
  municipality_unknown: 'The municipality code does not exist. Enter a four-digit SCB municipality code.',
  county_unknown: 'The county code does not exist. Enter a two-digit SCB county code.',
  email_invalid: 'Enter a valid email address',
  password_too_short: 'The password must have at least {min} characters',
  password_too_long: 'The password may have at most {max} characters',
  password_breached: 'The password appears in lists of leaked or common passwords. Choose another.',
  password_contains_email: 'The password must not contain your email address',
  totp_format: 'The one-time code is six digits',
  text_too_long: 'The text may have at most {max} characters',
  directory_time_format: 'Enter a time as HH:MM, for example 08:30',
  directory_url_invalid: 'Enter a web address, for example kvinnofridslinjen.se',
  directory_phone_invalid: 'Enter a Swedish phone number, for example 020-50 50 50 or 112',
  directory_area_required: 'Enter where the service is offered: the whole country, a county or a municipality',
  directory_audience_required: 'Choose at least one audience',
  directory_kind_required: 'Choose at least one kind of support',
  directory_confidential_needs_contact: 'A service with a protected address must have a phone number, web address or email address that is not protected',
});

export type ValidationMessageKey = keyof typeof sv;
