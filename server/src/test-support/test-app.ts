import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { buildApp, type App } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import type { Feature } from '../platform/feature.ts';
import type { FieldError, ProblemDocument } from '#shared/problem.ts';
import type { TestUser } from './builders.ts';
import { assertNoCanaryLeak, createCanaryCapture, type CanaryAllowance, type CanaryCapture } from './canary.ts';
import type { TestClock } from './test-clock.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type TestApp = App & {
  database: TestDatabase;
  /** The database's clock: the app's only source of time (ADR 0019). */
  clock: TestClock;
  /** Every response and log line of this app, scanned for the protected-identity canary at close. */
  capture: CanaryCapture;
  close(): Promise<void>;
};

export type TestAppOptions = {
  config?: Partial<Config>;
  database?: TestDatabase;
  /** Sets the clock (of the given database too); otherwise the run's test date. */
  now?: string;
  /** Test fixture features (e.g. the example record type) besides the platform's own. */
  extraFeatures?: Feature[];
  /** SQL the fixtures need, run as the owner before the app is built. */
  scripts?: string[];
  /** Routes whose responses may carry the protected canary, each with the rule that allows it. */
  canaryAllowed?: CanaryAllowance[];
};

/**
 * The whole app on a fresh test database, with a controllable clock and response checks. It logs
 * at `info` into memory and records every response, so closing it can prove that no protected
 * location value leaked (test-support/canary.ts).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.now ? { now: options.now } : {}));
  if (options.now) database.clock.set(options.now);
  for (const script of options.scripts ?? []) await database.runScript(script);
  const { clock } = database;
  const capture = createCanaryCapture();
  const app = await buildApp({
    config: testConfig({ logLevel: 'info', ...options.config }),
    database,
    validateResponses: true,
    extraFeatures: options.extraFeatures ?? [],
    logStream: capture.logStream,
  });
  capture.attach(app.server);
  await app.server.ready();
  return {
    ...app,
    database,
    clock,
    capture,
    async close() {
      try {
        await assertNoCanaryLeak(capture, database, options.canaryAllowed ?? []);
      } finally {
        await app.server.close();
        await database.close();
      }
    },
  };
}

export type ApiResponse = {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: string;
  json<T = Record<string, unknown>>(): T;
  /** The body as a problem document (ADR 0004), with its field errors. */
  problem(): ProblemDocument & { errors: FieldError[] };
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends requests in-process (`inject`) as one caller: anonymous, a signed-in user, or a token. */
export class ApiClient {
  constructor(
    private readonly server: FastifyInstance,
    private readonly credentials: { cookie?: string; csrfToken?: string; bearer?: string; remoteAddress?: string } = {},
  ) {}

  get cookie(): string | undefined {
    return this.credentials.cookie;
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const response = await this.server.inject({
      method,
      url,
      remoteAddress: this.credentials.remoteAddress ?? randomAddress(),
      headers: {
        ...(this.credentials.cookie ? { cookie: this.credentials.cookie } : {}),
        ...(this.credentials.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.credentials.csrfToken } : {}),
        ...(this.credentials.bearer ? { authorization: `Bearer ${this.credentials.bearer}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      json: <T>() => JSON.parse(response.body) as T,
      problem: () => {
        const document = JSON.parse(response.body) as ProblemDocument;
        return { ...document, errors: document.errors ?? [] };
      },
    };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers);
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

/** Each caller gets its own client address, so login throttling per address stays per test. */
function randomAddress(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
}

export function anonymous(app: App, options: { remoteAddress?: string } = {}): ApiClient {
  return new ApiClient(app.server, options);
}

/**
 * A fresh one-time code for the user. A code is accepted once (RFC 6238 replay protection), so a
 * test clock that can be advanced moves 30 seconds on first: every sign-in gets a new step.
 */
export async function nextTotp(app: App, secret: string): Promise<string> {
  const clock = app.context.clock as Partial<TestClock>;
  clock.advance?.(30_000);
  return generate({ secret, epoch: Math.floor(app.context.clock.now().getTime() / 1000) });
}

/** Signs a user in through the real login route and returns a client carrying the session. */
export async function signIn(app: App, user: Pick<TestUser, 'email' | 'password' | 'totpSecret'>, options: { unitId?: string } = {}): Promise<ApiClient> {
  const totp = user.totpSecret ? await nextTotp(app, user.totpSecret) : undefined;
  const remoteAddress = randomAddress();
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: user.email, password: user.password, ...(totp ? { totp } : {}) }),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const session = JSON.parse(response.body) as { csrfToken: string };
  const client = new ApiClient(app.server, { cookie, csrfToken: session.csrfToken, remoteAddress });
  if (options.unitId) {
    const switched = await client.post('/api/v1/auth/acting-unit', { unitId: options.unitId });
    if (switched.status !== 200) throw new Error(`unit switch failed: ${switched.body}`);
  }
  return client;
}

export function withToken(app: App, token: string): ApiClient {
  return new ApiClient(app.server, { bearer: token });
}
