import type { ErrorCode } from '../problem.ts';
import { defineMessages } from './messages.ts';

/** Titles for every error code, shown to people: every code must have a Swedish and English text. */
const sv = {
  validation_failed: 'Uppgifterna innehåller fel',
  invalid_json: 'Förfrågan kunde inte läsas (ogiltig JSON)',
  unauthenticated: 'Du behöver logga in',
  session_expired: 'Du har blivit utloggad. Logga in igen.',
  second_factor_required: 'Ange engångskoden från din app',
  forbidden: 'Du har inte behörighet till detta',
  csrf_failed: 'Förfrågan kunde inte verifieras. Ladda om sidan och försök igen.',
  break_glass_required: 'Uppgiften ligger utanför din behörighet. Du kan begära nödåtkomst med en motivering.',
  not_found: 'Det du söker finns inte',
  route_not_found: 'Adressen finns inte',
  method_not_allowed: 'Metoden är inte tillåten för den här adressen',
  conflict: 'Uppgifterna krockar med något som redan finns',
  version_conflict: 'Någon annan har ändrat uppgifterna sedan du öppnade dem',
  gone: 'Det du söker finns inte längre',
  payload_too_large: 'Det du skickade är för stort',
  unsupported_media_type: 'Formatet stöds inte',
  unprocessable: 'Det går inte att genomföra',
  too_many_requests: 'För många försök. Vänta en stund och försök igen.',
  internal_error: 'Något gick fel hos oss. Försök igen senare.',
  service_unavailable: 'Tjänsten är inte tillgänglig just nu',
} as const satisfies Record<ErrorCode, string>;

export const errorMessages = defineMessages(sv, {
  validation_failed: 'The information contains errors',
  invalid_json: 'The request could not be read (invalid JSON)',
  unauthenticated: 'You need to sign in',
  session_expired: 'You have been signed out. Sign in again.',
  second_factor_required: 'Enter the one-time code from your app',
  forbidden: 'You are not allowed to do this',
  csrf_failed: 'The request could not be verified. Reload the page and try again.',
  break_glass_required: 'The record is outside your permission. You can request break-the-glass access with a reason.',
  not_found: 'What you are looking for does not exist',
  route_not_found: 'The address does not exist',
  method_not_allowed: 'The method is not allowed for this address',
  conflict: 'The information conflicts with something that already exists',
  version_conflict: 'Someone else has changed the information since you opened it',
  gone: 'What you are looking for no longer exists',
  payload_too_large: 'What you sent is too large',
  unsupported_media_type: 'The format is not supported',
  unprocessable: 'This cannot be done',
  too_many_requests: 'Too many attempts. Wait a while and try again.',
  internal_error: 'Something went wrong on our side. Try again later.',
  service_unavailable: 'The service is not available right now',
});
