import { z } from 'zod';
import { PERMISSIONS } from '#shared/auth/permissions.ts';
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
    responses.default = { description: 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const security =
      route.access.kind === 'public' ? [] : [{ sessionCookie: [] }, { serviceToken: [] }];
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
