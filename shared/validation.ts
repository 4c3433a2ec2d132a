import { z } from 'zod';
import svLocale from 'zod/v4/locales/sv.js';
import enLocale from 'zod/v4/locales/en.js';
import type { FieldError } from './problem.ts';
import { interpolate, type Locale } from './i18n/messages.ts';
import { validationMessages, type ValidationMessageKey } from './i18n/validation.ts';

/**
 * One way to turn zod issues into field errors, on the server (400 responses) and in client
 * forms (the error summary). Zod's own Swedish/English texts cover the built-in checks; schemas
 * name our catalogue's messages with `message(key)`.
 */
const KEY_PREFIX = 'validation:';

/** A schema-level message that is translated when the error is shown. */
export function message(key: ValidationMessageKey, params: Record<string, string | number> = {}): string {
  const encoded = Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${KEY_PREFIX}${key}${encoded ? `?${encoded}` : ''}`;
}

function translateKey(text: string, locale: Locale): string | undefined {
  if (!text.startsWith(KEY_PREFIX)) return undefined;
  const [key = '', query = ''] = text.slice(KEY_PREFIX.length).split('?');
  const template = (validationMessages[locale] as Record<string, string>)[key];
  if (template === undefined) return undefined;
  const params = Object.fromEntries(
    query
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const [name = '', value = ''] = pair.split('=');
        return [name, decodeURIComponent(value)];
      }),
  );
  return interpolate(template, params);
}

const localeErrors = { sv: svLocale().localeError, en: enLocale().localeError };

/** A missing value: zod reports it as a type error on `undefined`. */
function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
}

export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const translated = translateKey(issue.message, locale);
  if (translated) return translated;
  if (isMissing(issue)) return validationMessages[locale].required;
  return issue.message;
}

export function issueCode(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith(KEY_PREFIX)) return issue.message.slice(KEY_PREFIX.length).split('?')[0] ?? issue.code;
  if (isMissing(issue)) return 'required';
  return issue.code;
}

export function toFieldErrors(error: z.ZodError, location: FieldError['location'], locale: Locale): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    location,
    code: issueCode(issue),
    message: issueMessage(issue, locale),
  }));
}

/**
 * Parses with the locale's texts. The input is reported to the issues only so a missing value
 * can be told from a wrong type; field errors carry messages, never the input itself.
 */
export function parseWithLocale<T extends z.ZodType>(schema: T, input: unknown, locale: Locale) {
  return schema.safeParse(input, { error: localeErrors[locale], reportInput: true });
}
