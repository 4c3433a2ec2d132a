import { ERROR_CODES, type ErrorCode, type FieldError } from '#shared/problem.ts';
import type { Locale } from '#shared/i18n/messages.ts';

/** What the audit trail records of a refused access to individual-level data (record ids, never content). */
export type DeniedAccess = {
  action: string;
  recordType?: string;
  recordId?: string;
  recordTenantId?: string;
  details?: Record<string, string | number | boolean | null>;
};

/** A text in every interface language, chosen when the response is written. */
export type Localized = Readonly<Record<Locale, string>>;

export type LocalizedFieldError = Omit<FieldError, 'message'> & { message: Localized };

/**
 * The one error type services throw. The central handler turns it into a problem document;
 * anything else that reaches the handler is a fault (500) and its details stay in the log.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      detail?: Localized;
      errors?: LocalizedFieldError[];
      headers?: Record<string, string>;
      /**
       * A denied access to individual-level data: the route pipeline records it in the audit
       * trail in its own transaction (the request's transaction rolls back with the error).
       */
      deniedAccess?: DeniedAccess;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (): AppError => new AppError('not_found');
export const forbidden = (): AppError => new AppError('forbidden');

export function invalidField(field: string, code: string, text: Localized, location: FieldError['location'] = 'body'): AppError {
  return new AppError('validation_failed', { errors: [{ field, location, code, message: text }] });
}

/** Picks a message from a bilingual catalogue entry: `pick(messages, (m) => m.someKey)`. */
export function pick<T>(messages: Readonly<Record<Locale, T>>, select: (catalogue: T) => string): Localized {
  return { sv: select(messages.sv), en: select(messages.en) };
}
