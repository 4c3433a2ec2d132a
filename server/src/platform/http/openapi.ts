import { z } from 'zod';
import { PERMISSIONS } from '#shared/auth/permissions.ts';
import { isPublicWrite } from './public-write-limit.ts';
import type { Route } from './route.ts';

type JsonObject = Record<string, unknown>;

const PROBLEM_SCHEMA: JsonObject = {
  type: 'object',
  description: 'RFC 9457 problem document (ADR 0004).',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'location', 'code', 'message'],
        properties: {
          field: { type: 'string' },
          location: { type: 'string', enum: ['body', 'query', 'params', 'headers'] },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  delete generated.$schema;
  return generated;
}

function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: Route): JsonObject[] {
  const result: JsonObject[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input');
    const properties = (object.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((object.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      result.push({
        name,
        in: location,
        required: location === 'path' || required.has(name),
        schema: property,
        ...(typeof property.description === 'string' ? { description: property.description } : {}),
        ...(location === 'query' && (property.anyOf || property.type === 'array') ? { style: 'form', explode: true } : {}),
      });
    }
  }
  for (const header of route.headers ?? []) {
    result.push({ name: header.name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } });
  }
  return result;
}

const problem = (description: string): JsonObject => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * The 4xx problem answers an operation can give, derived from what the route declares, so a new
 * route documents them without anyone listing them: the pipeline validates what it declares
 * (400), authenticates and checks the permission before the body is read (401, 403, and CSRF on
 * state-changing requests with a session), a path parameter names something that may not exist
 * or not be the caller's (404), a `version` in the body is optimistic concurrency (409), and
 * anonymous writes meet the per-address ceiling (429).
 */
export function problemResponses(route: Route): Record<string, JsonObject> {
  const responses: Record<string, JsonObject> = {};
  const stateChanging = route.method !== 'GET';
  if (route.params || route.query || route.body) {
    responses['400'] = problem(
      '`validation_failed` (or `invalid_json`): the request does not match the declared parameters or body; `errors` names each field.',
    );
  }
  if (route.access.kind === 'signed_in' || route.access.kind === 'permission') {
    responses['401'] = problem('`unauthenticated`, `session_expired` or `second_factor_required`: sign in (and complete the second factor) first.');
  }
  const forbidden = [
    ...(route.access.kind === 'permission' ? ['`forbidden`: the caller’s roles do not grant this action'] : []),
    ...(stateChanging && route.access.kind !== 'public' ? ['`csrf_failed`: a session request without the X-CSRF-Token header'] : []),
  ];
  if (forbidden.length > 0) responses['403'] = problem(`${forbidden.join('; ')}.`);
  if (route.params)
    responses['404'] = problem('`not_found`: nothing with that identifier exists for the caller (another organisation’s record answers the same).');
  const body = route.body ? jsonSchema(route.body, 'input') : undefined;
  if (body && typeof body.properties === 'object' && body.properties !== null && 'version' in body.properties) {
    responses['409'] = problem('`version_conflict`: someone changed the record after the version sent was read; read it again.');
  }
  if (isPublicWrite(route.method, route.url)) {
    responses['429'] = problem('`too_many_requests`: too many anonymous writes from this address; try again after `Retry-After` seconds.');
  }
  return responses;
}

/** The OpenAPI 3.1 document, generated from the registered routes' schemas. */
export function buildOpenApiDocument(routes: Route[], info: { version: string }): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    const responses: Record<string, JsonObject> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const contentType = response.contentType ?? 'application/json';
      responses[status] = {
        description: response.description,
        ...(response.schema || response.contentType
          ? { content: { [contentType]: response.schema ? { schema: jsonSchema(response.schema, 'output') } : {} } }
          : {}),
      };
    }
    Object.assign(responses, problemResponses(route));
    responses.default = problem('Any other error, e.g. 500 or 503 with `Retry-After`.');
    const security = route.access.kind === 'public' ? [] : [{ sessionCookie: [] }, { serviceToken: [] }];
    const operation: JsonObject = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      security,
      'x-access': route.access.kind === 'permission' ? { action: route.access.action, grants: PERMISSIONS[route.access.action].grants } : route.access.kind,
      parameters: parameters(route),
      responses,
    };
    if (route.body) {
      const content: Record<string, JsonObject> = {
        'application/json': {
          schema: jsonSchema(route.body, 'input'),
          ...(route.bodyExample !== undefined ? { example: route.bodyExample } : {}),
        },
      };
      for (const type of route.bodyContentTypes ?? []) content[type] = { schema: { type: 'string' } };
      operation.requestBody = { required: true, content };
    }
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Upptäck API',
      version: info.version,
      description:
        'JSON API of Upptäck. Errors are RFC 9457 problem documents. State-changing requests with a session cookie need the X-CSRF-Token header from GET /api/v1/auth/session.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'upptack_session' },
        serviceToken: { type: 'http', scheme: 'bearer', description: 'Service-account token (upk_…)' },
      },
    },
  };
}
