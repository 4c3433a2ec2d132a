import type { z } from 'zod';
import type { FieldError, ProblemDocument } from '#shared/problem.ts';
import { currentLocale } from './locale.tsx';

/** An API error in problem+json form (ADR 0004); `fieldErrors` feed the error summary. */
export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblem';
  }
  get status(): number {
    return this.problem.status;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

type ApiState = {
  csrfToken: string | null;
  onUnauthenticated: (code: string) => void;
  /** Seconds the server will keep the session without activity, as of this response. */
  onActivity: (idleSeconds: number) => void;
};

const state: ApiState = { csrfToken: null, onUnauthenticated: () => {}, onActivity: () => {} };

export function configureApi(update: Partial<ApiState>): void {
  Object.assign(state, update);
}

async function request<T>(method: string, url: string, body?: unknown, schema?: z.ZodType<T>, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json', 'x-locale': currentLocale() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const idle = response.headers.get('x-session-idle-seconds');
  if (idle !== null && /^\d+$/.test(idle)) state.onActivity(Number(idle));
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  const payload: unknown = contentType.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const problem = payload as ProblemDocument;
    if (response.status === 401 && (problem.code === 'session_expired' || problem.code === 'unauthenticated')) {
      state.onUnauthenticated(problem.code);
    }
    throw new ApiProblem(problem);
  }
  return schema ? schema.parse(payload) : (payload as T);
}

export const api = {
  get: <T>(url: string, schema?: z.ZodType<T>) => request<T>('GET', url, undefined, schema),
  /** `headers` e.g. `Idempotency-Key`, so a retried or double-clicked write happens once. */
  post: <T>(url: string, body?: unknown, schema?: z.ZodType<T>, headers?: Record<string, string>) => request<T>('POST', url, body ?? {}, schema, headers),
  put: <T>(url: string, body: unknown, schema?: z.ZodType<T>) => request<T>('PUT', url, body, schema),
  patch: <T>(url: string, body: unknown, schema?: z.ZodType<T>) => request<T>('PATCH', url, body, schema),
  delete: <T>(url: string, schema?: z.ZodType<T>) => request<T>('DELETE', url, undefined, schema),
};

/** Builds a query string from optional and repeatable parameters. */
export function query(params: Record<string, string | number | boolean | undefined | null | Array<string | number>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
