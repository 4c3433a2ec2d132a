/**
 * The error catalogue and the problem document every API error is sent as (RFC 9457,
 * `application/problem+json`; ADR 0004). Codes are stable identifiers clients may rely on.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  session_expired: 401,
  second_factor_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  // The record is in the caller's own organisation but outside their scope: the client offers
  // break-the-glass (a reason, time-limited, reviewed; ADR 0014) instead of a dead end.
  break_glass_required: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldError = {
  /** Dotted path of the field, e.g. `municipality` or `answers.0.value`. */
  field: string;
  /** Where the field was sent. */
  location: 'body' | 'query' | 'params' | 'headers';
  /** Machine-readable reason, e.g. `too_small`, `invalid_value`, `required`. */
  code: string;
  /** Human-readable reason in the request's language. */
  message: string;
};

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: ErrorCode): string {
  return `urn:upptack:problem:${code}`;
}
