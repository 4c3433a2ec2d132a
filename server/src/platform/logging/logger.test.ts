import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loggerOptions, PrivacyLogController, requestIdFrom, safeError } from './logger.ts';

const PERSONAL = ['anna.andersson@example.se', 'Anna Andersson', '19850101-1234'];

/** A database error as node-postgres builds it: the values sit in `detail` and the message. */
function uniqueViolation(): Error {
  const error = new pg.DatabaseError(`duplicate key value violates unique constraint "users_email" (${PERSONAL[0]})`, 100, 'error');
  return Object.assign(error, { code: '23505', detail: `Key (email)=(${PERSONAL[0]}) already exists.`, constraint: 'users_email', table: 'users' });
}

function expectNoPersonalData(logged: unknown) {
  const text = JSON.stringify(logged);
  for (const value of PERSONAL) expect(text).not.toContain(value);
}

describe('safeError', () => {
  it('keeps only the SQLSTATE and schema names of a database error', () => {
    const logged = safeError(uniqueViolation());
    expect(logged).toMatchObject({ sqlState: '23505', constraint: 'users_email', table: 'users' });
    expectNoPersonalData(logged);
  });

  it('drops the query parameters Drizzle puts in its message, also around a database error', () => {
    const wrapped = new DrizzleQueryError('insert into users (email, display_name) values ($1, $2)', [PERSONAL[0], PERSONAL[1]], uniqueViolation());
    const logged = safeError(wrapped);
    expect(logged).toMatchObject({ sqlState: '23505' });
    expectNoPersonalData(logged);
  });

  it('drops the parameters when a query fails for another reason (no SQLSTATE)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const logged = safeError(new DrizzleQueryError('select * from users where personal_number = $1', [PERSONAL[2]], refused));
    expectNoPersonalData(logged);
    expect(logged).not.toHaveProperty('message');
  });

  it('takes stack frames only from the stack, not from lines of the message that look like frames', () => {
    const error = new Error(`failed for\n    at ${PERSONAL[1]} (${PERSONAL[0]}:1:1)`);
    const logged = safeError(error);
    expect(String(logged.stack)).toMatch(/at .*logger\.test\.ts/);
    expect(String(logged.stack)).not.toContain(PERSONAL[0]);
  });

  it('keeps the message of an ordinary fault, which is code, not data', () => {
    expect(safeError(new TypeError('x.map is not a function'))).toMatchObject({ type: 'TypeError', message: 'x.map is not a function' });
    expect(safeError('a string')).toMatchObject({ type: 'string' });
  });
});

describe('request ids', () => {
  it('passes on a well-formed X-Request-Id and replaces anything else', () => {
    expect(requestIdFrom('trace-0123456789')).toBe('trace-0123456789');
    for (const header of [undefined, '', 'short', 'x'.repeat(65), 'has space in it', '<script>alert(1)</script>', ['a-1234567890', 'b-1234567890']]) {
      expect(requestIdFrom(header)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('request log lines', () => {
  it('carry the route pattern, status, time and request id — no URL, query, address or headers', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggerOptions({ logLevel: 'info' });
    const app = Fastify({
      logger: { ...(typeof options === 'object' ? options : {}), stream },
      logController: new PrivacyLogController(),
      genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    });
    app.get('/api/v1/respond/:token', async () => ({ ok: true }));
    await app.inject({
      method: 'GET',
      url: `/api/v1/respond/secret-token-abc?email=${encodeURIComponent(PERSONAL[0]!)}`,
      remoteAddress: '203.0.113.9',
      headers: { 'x-request-id': 'trace-0123456789', 'user-agent': PERSONAL[1]!, cookie: 'upptack_session=s3cr3t' },
    });
    await app.inject({ method: 'GET', url: `/nowhere/${PERSONAL[2]}` });
    await app.close();
    const text = lines.join('');
    const completed = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ reqId: 'trace-0123456789', method: 'GET', route: '/api/v1/respond/:token', status: 200, service: 'upptack' });
    expect(completed?.ms).toEqual(expect.any(Number));
    for (const secret of [...PERSONAL, 'secret-token-abc', '203.0.113.9', 's3cr3t']) expect(text).not.toContain(secret);
  });
});
