import crypto from 'node:crypto';
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from '../../config.ts';

/**
 * Structured JSON logs (pino, through Fastify) with no personal data: one line per request with
 * the route *pattern* (never the concrete URL: it may hold a respondent token or a query), the
 * status, the duration and the request id. No IP addresses, headers, bodies or user ids.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    base: { service: 'upptack' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    ...(stream ? { stream } : {}),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

type ErrorLike = Error & { code?: unknown; cause?: unknown; constraint?: unknown; table?: unknown; column?: unknown; query?: unknown; params?: unknown };

/** Drizzle's query error (its `name` is plain "Error") carries the query and its parameters. */
const isQueryError = (error: ErrorLike) => typeof error.query === 'string' && 'params' in error;

/**
 * What may be logged of an error. Database errors carry the failing values in their messages
 * (e.g. "Key (email)=(…) already exists", or a query's parameters), so for those only the
 * SQLSTATE and the names of the schema objects are kept. Stack frames are taken from after the
 * message, which may itself contain lines that look like frames.
 */
export function safeError(error: unknown): Record<string, unknown> {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  const database = chain.find((e) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  const first = chain[0];
  const stack = first?.stack ?? '';
  const afterMessage = first && first.message && stack.includes(first.message) ? stack.slice(stack.indexOf(first.message) + first.message.length) : stack;
  const frames = afterMessage
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12);
  if (database || chain.some(isQueryError)) {
    return {
      type: chain[0]?.name ?? 'Error',
      sqlState: database?.code,
      constraint: database?.constraint,
      table: database?.table,
      column: database?.column,
      stack: frames.join('\n'),
    };
  }
  return { type: chain[0]?.name ?? typeof error, message: chain[0]?.message, stack: frames.join('\n') };
}

/** Replaces Fastify's request log lines with ones that carry no URL, IP or headers. */
export class PrivacyLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, error: safeError(error) }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    request.log.error({ status: reply.statusCode, error: safeError(error) }, 'request failed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method }, 'no route');
  }

  override writeHeadError(error: Error, request: FastifyRequest): void {
    request.log.warn({ error: safeError(error) }, 'writeHead failed');
  }
}
