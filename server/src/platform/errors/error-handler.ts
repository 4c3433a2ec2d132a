import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessages } from '#shared/i18n/errors.ts';
import { ERROR_CODES, PROBLEM_CONTENT_TYPE, problemType, type ErrorCode, type FieldError, type ProblemDocument } from '#shared/problem.ts';
import { AppError, pick } from './app-error.ts';
import { platformErrorMessages } from './messages.ts';
import { databaseFault, RETRY_AFTER_SECONDS } from '../db/faults.ts';
import { requestLocale } from '../http/request-locale.ts';
import { safeError } from '../logging/logger.ts';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): FastifyReply {
  const locale = requestLocale(request);
  const status = ERROR_CODES[code];
  const problem: ProblemDocument = {
    type: problemType(code),
    title: errorMessages[locale][code],
    status,
    code,
    ...(extra.detail ? { detail: extra.detail } : {}),
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  for (const [name, value] of Object.entries(extra.headers ?? {})) reply.header(name, value);
  return reply.code(status).header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`).header('cache-control', 'no-store').send(problem);
}

/** Fastify's own errors that are the client's fault, mapped to our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_VALIDATION: 'validation_failed',
  // A URL that cannot be decoded, or a parameter longer than any id, names no resource.
  FST_ERR_BAD_URL: 'route_not_found',
  FST_ERR_MAX_PARAM_LENGTH: 'route_not_found',
  FST_ERR_ASYNC_CONSTRAINT: 'route_not_found',
};

export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    const locale = requestLocale(request);
    return sendProblem(request, reply, error.code, {
      ...(error.options.detail ? { detail: error.options.detail[locale] } : {}),
      ...(error.options.errors ? { errors: error.options.errors.map((fieldError) => ({ ...fieldError, message: fieldError.message[locale] })) } : {}),
      ...(error.options.headers ? { headers: error.options.headers } : {}),
    });
  }
  // Fastify reads the body even on the way to "not found": a route that does not exist is 404,
  // whatever was wrong with what was sent to it.
  if (request.is404) return sendProblem(request, reply, 'route_not_found');
  const fastifyCode = (error as FastifyError).code;
  const mapped = fastifyCode ? FASTIFY_CODES[fastifyCode] : undefined;
  if (mapped) return sendProblem(request, reply, mapped);
  const statusCode = (error as FastifyError).statusCode;
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    // Another client error raised by Fastify or a plugin (e.g. a malformed header).
    return sendProblem(request, reply, statusCode === 413 ? 'payload_too_large' : statusCode === 415 ? 'unsupported_media_type' : 'validation_failed');
  }
  const fault = databaseFault(error);
  if (fault) {
    // Not a bug: the database is down, restarting, out of space or too slow (ADR 0080). The client
    // may try again; the log says which kind, so the operator sees the outage.
    request.log.warn({ error: safeError(error), databaseFault: fault }, 'database unavailable');
    return handleError(
      new AppError('service_unavailable', {
        detail: pick(platformErrorMessages, (m) => m.databaseUnavailable),
        headers: { 'retry-after': String(RETRY_AFTER_SECONDS[fault]) },
      }),
      request,
      reply,
    );
  }
  request.log.error({ error: safeError(error) }, 'unhandled error');
  return sendProblem(request, reply, 'internal_error');
}
