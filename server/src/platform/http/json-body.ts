import type { FastifyInstance } from 'fastify';
import { validationMessages } from '#shared/i18n/validation.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { invalidField } from '../errors/app-error.ts';

/**
 * How deep a JSON body may nest (issue 16 item 10). No form or integration of the platform sends
 * more than a handful of levels; a body thousands of levels deep only exhausts the recursive code
 * after the parser (validation, serialisation, the database's jsonb), which answered 500. The
 * size of a body is limited by Fastify's `bodyLimit` (413).
 */
export const MAX_JSON_DEPTH = 32;

type Pending = { value: unknown; depth: number; key: string | null; parent: Pending | null };

/**
 * The path of the first object or array nested deeper than the limit (the body itself is level 1),
 * or undefined. Walked with an explicit stack, not recursion: the hostile body is exactly the one
 * that would exhaust the call stack.
 */
export function tooDeepAt(body: unknown): string[] | undefined {
  const stack: Pending[] = [{ value: body, depth: 1, key: null, parent: null }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.value === null || typeof current.value !== 'object') continue;
    if (current.depth > MAX_JSON_DEPTH) {
      const path: string[] = [];
      for (let at: Pending | null = current; at?.key != null; at = at.parent) path.unshift(at.key);
      return path;
    }
    const entries = Object.entries(current.value);
    // Reversed, so the first member is looked at first and the path named is the first in the text.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, value] = entries[index]!;
      stack.push({ value, depth: current.depth + 1, key, parent: current });
    }
  }
  return undefined;
}

/**
 * Every `application/json` body, on every route, is parsed by Fastify's own parser (which keeps
 * its protection against prototype poisoning) and then refused with 400 `validation_failed`
 * naming the field when it nests too deep — before access to a handler, a schema or the database.
 */
export function limitJsonDepth(server: FastifyInstance): void {
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  // SCIM clients (identity providers provisioning accounts, issue 19) send `application/scim+json`.
  server.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'string' }, (request, body: string, done) => {
    parseJson(request, body, (error, parsed) => {
      if (error) return done(error);
      const path = tooDeepAt(parsed);
      if (!path) return done(null, parsed);
      const text = (locale: Locale) => interpolate(validationMessages[locale].json_too_deep, { max: MAX_JSON_DEPTH });
      return done(invalidField(path.join('.'), 'json_too_deep', { sv: text('sv'), en: text('en') }));
    });
  });
}
