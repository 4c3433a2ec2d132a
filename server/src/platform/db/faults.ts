/**
 * Database faults that mean "the database is unavailable right now" rather than "this request or
 * this code is wrong" (ADR 0080): the client gets 503 with Retry-After and may simply try again.
 *  - `connection`: the server is down, restarting, failing over or dropped the connection;
 *  - `timeout`: a connect, statement, lock or idle-in-transaction timeout fired;
 *  - `resources`: the server lacks disk, memory or connection slots (SQLSTATE class 53).
 */
export type DatabaseFault = 'connection' | 'timeout' | 'resources';

/** SQLSTATE codes outside the classes below, by what they mean here. */
const SQLSTATES: Record<string, DatabaseFault> = {
  '57P01': 'connection', // admin_shutdown: a fast stop or restart ended the session
  '57P02': 'connection', // crash_shutdown: another backend crashed, the server restarts
  '57P03': 'connection', // cannot_connect_now: the server is starting or shutting down
  '57014': 'timeout', // query_canceled: statement_timeout
  '55P03': 'timeout', // lock_not_available: lock_timeout
  '25P03': 'timeout', // idle_in_transaction_session_timeout ended the session
};

/** Socket errors on the way to the server (Node's error codes). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * node-postgres and its pool report a lost or never-made connection as a plain Error without a
 * code: only the message tells them apart.
 */
const DRIVER_MESSAGES: Array<[RegExp, DatabaseFault]> = [
  [/^Connection terminated due to connection timeout$/, 'timeout'],
  [/^timeout exceeded when trying to connect$/, 'timeout'],
  [/^Connection terminated( unexpectedly)?$/, 'connection'],
  [/^Client has encountered a connection error and is not queryable$/, 'connection'],
];

function classify(error: Error): DatabaseFault | undefined {
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08')) return 'connection';
    if (code.startsWith('53')) return 'resources';
    const known = SQLSTATES[code];
    if (known) return known;
    if (SOCKET_CODES.has(code)) return 'connection';
  }
  return DRIVER_MESSAGES.find(([pattern]) => pattern.test(error.message))?.[1];
}

/** The unavailability fault anywhere in the cause chain (drivers and the ORM wrap errors). */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const fault = classify(current);
    if (fault) return fault;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Seconds a client should wait before trying again. A restart or failover takes seconds, as does a
 * timeout under load; a full disk or exhausted memory needs more time or an operator.
 */
export const RETRY_AFTER_SECONDS: Readonly<Record<DatabaseFault, number>> = { connection: 5, timeout: 5, resources: 30 };
