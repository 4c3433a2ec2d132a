import fc from 'fast-check';

/**
 * Bad requests derived from an OpenAPI operation (the bad-input test sends them to every route
 * in /api/v1/openapi.json, so a route added later is covered without touching the test). Each
 * case has a name that says what was wrong, so a failure points at the request that caused it.
 */
export type JsonSchema = { properties?: Record<string, unknown> };

export type OpenApiParameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema };

export type OpenApiOperation = {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
};

export type GarbageRequest = {
  name: string;
  url: string;
  /** Raw body text; undefined = no body. */
  body?: string;
  headers: Record<string, string>;
  /** The only acceptable statuses, when the case has them (an oversized body is refused unread). */
  expectStatus?: number[];
};

const JSON_TYPE = { 'content-type': 'application/json' };

/** Path segments that have broken routers and parsers before; some deliberately not encoded. */
const NASTY_SEGMENTS = [
  'x',
  '0',
  '-1',
  '1e999',
  'null',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffffz',
  encodeURIComponent("' or 1=1 --"),
  encodeURIComponent('../../etc/passwd'),
  '%2e%2e%2f%2e%2e%2f',
  '%00',
  '%',
  '%ZZ',
  '%C0%AF',
  encodeURIComponent('å😀\u202e'),
  'a'.repeat(199),
  'a'.repeat(5000),
];

/** Reproducible random segments: the same seed gives the same cases on every run. */
function randomSegments(seed: number): string[] {
  return fc
    .sample(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.uuid(), fc.integer().map(String)), { seed, numRuns: 12 })
    .map((value) => encodeURIComponent(value) || 'empty');
}

function fillPath(template: string, value: () => string): string {
  return template.replace(/\{[^}]+\}/g, value);
}

/**
 * Values that are wrong for most fields (another JSON type) and values that are the right type
 * but out of any sensible bound (empty, huge, NUL, out of range) — every field gets all of them.
 */
const FIELD_VALUES: unknown[] = [
  12345,
  -1e308,
  1.5,
  '',
  'x'.repeat(100_000),
  '\u0000',
  '12',
  'true',
  'not-a-member',
  true,
  null,
  [],
  Array.from({ length: 10_000 }, () => 'x'),
  {},
  { nested: { deeper: [1, 'two', null] } },
];

function bodyCases(schema: JsonSchema | undefined, bodyLimit: number, withBody: boolean): Array<Omit<GarbageRequest, 'url'>> {
  const cases: Array<Omit<GarbageRequest, 'url'>> = [
    { name: 'invalid JSON', body: '{not json', headers: JSON_TYPE },
    { name: 'truncated JSON', body: '{"a":', headers: JSON_TYPE },
    { name: 'empty JSON body', body: '', headers: JSON_TYPE },
    { name: 'JSON null', body: 'null', headers: JSON_TYPE },
    { name: 'JSON array', body: '[]', headers: JSON_TYPE },
    { name: 'JSON string', body: '"text"', headers: JSON_TYPE },
    { name: 'JSON number beyond double', body: '1e999', headers: JSON_TYPE },
    { name: 'JSON true', body: 'true', headers: JSON_TYPE },
    { name: 'empty object (missing fields)', body: '{}', headers: JSON_TYPE },
    { name: 'prototype pollution', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}', headers: JSON_TYPE },
    { name: 'deeply nested array', body: `${'['.repeat(5000)}${']'.repeat(5000)}`, headers: JSON_TYPE },
    { name: 'JSON with a BOM', body: '\uFEFF{}', headers: JSON_TYPE },
    { name: 'JSON declared with an odd charset', body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
    { name: 'XML', body: '<a>1</a>', headers: { 'content-type': 'application/xml' } },
    { name: 'form-encoded', body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    {
      name: 'multipart',
      body: '--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    },
    { name: 'plain text', body: 'hello', headers: { 'content-type': 'text/plain' } },
    { name: 'no content type', body: '{}', headers: {} },
    { name: 'malformed content type', body: '{}', headers: { 'content-type': ';;;/' } },
    {
      name: 'body over the limit',
      body: JSON.stringify({ padding: 'x'.repeat(bodyLimit) }),
      headers: JSON_TYPE,
      // Bodies of GET and DELETE are not read at all; the others must be refused unread: 413, or
      // 401/403 when the caller may not use the route (checked before the body is read).
      ...(withBody ? { expectStatus: [413, 401, 403] } : {}),
    },
  ];
  const properties = Object.entries(schema?.properties ?? {});
  for (const [property] of properties) {
    for (const value of FIELD_VALUES) {
      cases.push({ name: `field ${property} = ${JSON.stringify(value)?.slice(0, 40)}`, body: JSON.stringify({ [property]: value }), headers: JSON_TYPE });
    }
  }
  if (properties.length > 0) {
    const allWrong = Object.fromEntries(properties.map(([property], index) => [property, FIELD_VALUES[index % FIELD_VALUES.length]]));
    cases.push({ name: 'every field of the wrong type', body: JSON.stringify(allWrong), headers: JSON_TYPE });
    cases.push({ name: 'unknown extra fields', body: JSON.stringify({ ...allWrong, unexpected: true, $where: '1' }), headers: JSON_TYPE });
  }
  return cases;
}

function queryCases(parameters: OpenApiParameter[]): Array<{ name: string; query: string }> {
  const cases = [
    { name: 'unknown query parameter', query: 'zzz=1' },
    { name: 'malformed percent-encoding', query: 'a=%ZZ&%=%' },
    { name: 'bracket query syntax', query: 'a[b][c]=1&__proto__[x]=1&constructor[prototype][x]=1' },
    { name: 'very long query', query: `q=${'x'.repeat(10_000)}` },
  ];
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    const name = encodeURIComponent(parameter.name);
    for (const value of ['', '-1', 'NaN', '1e999', 'null', '[]', '{}', '%00', 'x'.repeat(5000), 'not-a-member']) {
      cases.push({ name: `query ${parameter.name}=${value.slice(0, 20)}`, query: `${name}=${encodeURIComponent(value)}` });
    }
    cases.push({ name: `query ${parameter.name} repeated`, query: `${name}=a&${name}=b&${name}=` });
    cases.push({ name: `query ${parameter.name} as an object`, query: `${name}[x]=1` });
  }
  return cases;
}

const HEADER_CASES: Array<{ name: string; headers: Record<string, string> }> = [
  { name: 'garbage session cookie', headers: { cookie: 'upptack_session=garbage; other=%ZZ' } },
  { name: 'garbage bearer token', headers: { authorization: 'Bearer upk_garbage' } },
  { name: 'non-service bearer token', headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } },
  { name: 'basic authorization', headers: { authorization: 'Basic Og==' } },
  { name: 'odd locale headers', headers: { 'x-locale': '../../sv', 'accept-language': ';q=x,,*;q=-1' } },
  { name: 'odd request id', headers: { 'x-request-id': `<script>${'x'.repeat(500)}` } },
  { name: 'wrong CSRF token', headers: { 'x-csrf-token': 'wrong' } },
];

/**
 * Every bad request for one operation. Where a case is about the query, the body or the headers,
 * path parameters get a well-formed (random) uuid, so the route's validation is really reached.
 */
export function garbageRequests(method: string, path: string, operation: OpenApiOperation, options: { bodyLimit: number; seed: number }): GarbageRequest[] {
  const parameters = operation.parameters ?? [];
  const hasPathParameters = parameters.some((p) => p.in === 'path');
  const validPath = fillPath(path, () => crypto.randomUUID());
  const requests: GarbageRequest[] = [{ name: 'no input at all', url: validPath, headers: {} }];
  if (hasPathParameters) {
    for (const segment of [...NASTY_SEGMENTS, ...randomSegments(options.seed)]) {
      requests.push({ name: `path parameter ${segment.slice(0, 30)}`, url: fillPath(path, () => segment), headers: {} });
    }
  }
  for (const { name, query } of queryCases(parameters)) requests.push({ name, url: `${validPath}?${query}`, headers: {} });
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  for (const body of bodyCases(bodySchema, options.bodyLimit, ['POST', 'PUT', 'PATCH'].includes(method))) requests.push({ ...body, url: validPath });
  for (const { name, headers } of HEADER_CASES) requests.push({ name, url: validPath, headers });
  return requests;
}
