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
  password_repetitive: 'Lösenordet har för få olika tecken. Välj till exempel några ord som inte hör ihop.',
  password_service_name: 'Lösenordet får inte innehålla namnet Upptäck',
  recovery_code_format: 'Reservkoden består av 16 bokstäver och siffror, till exempel abcd-efgh-ijkl-mnop',
  password_wrong: 'Lösenordet stämmer inte',
  totp_wrong: 'Engångskoden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök med nästa kod.',
  role_not_grantable: 'Du kan inte ge den här rollen',
  own_roles: 'Du kan inte ändra dina egna roller',
  email_taken: 'E-postadressen används redan av ett annat konto',
  unit_cycle: 'En enhet kan inte ligga under sig själv eller under en av sina underenheter',
  unit_inactive: 'Enheten är avaktiverad',
  organisation_code_taken: 'Koden används redan av en annan organisation',
  organisation_code_format: 'Koden får bara innehålla versaler A–Z, siffror och bindestreck',
  action_not_allowed_for_service: 'Tjänstekonton kan inte få den här behörigheten',
  reason_required: 'Skriv varför du behöver öppna uppgiften',
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
  password_repetitive: 'The password has too few different characters. Choose, for example, a few unrelated words.',
  password_service_name: 'The password must not contain the name Upptäck',
  recovery_code_format: 'The recovery code is 16 letters and digits, for example abcd-efgh-ijkl-mnop',
  password_wrong: 'The password is not correct',
  totp_wrong: 'The one-time code is not correct. Check that the clock on your phone is right and try the next code.',
  role_not_grantable: 'You cannot give this role',
  own_roles: 'You cannot change your own roles',
  email_taken: 'The email address is already used by another account',
  unit_cycle: 'A unit cannot be placed under itself or one of its sub-units',
  unit_inactive: 'The unit is deactivated',
  organisation_code_taken: 'The code is already used by another organisation',
  organisation_code_format: 'The code may only contain capital letters A–Z, digits and hyphens',
  action_not_allowed_for_service: 'Service accounts cannot be given this permission',
  reason_required: 'Write why you need to open the record',
});

export type ValidationMessageKey = keyof typeof sv;
