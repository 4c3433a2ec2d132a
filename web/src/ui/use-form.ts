import { useState } from 'react';
import type { z } from 'zod';
import type { FieldError } from '#shared/problem.ts';
import { parseWithLocale, toFieldErrors } from '#shared/validation.ts';
import { ApiProblem } from '../app/api.ts';
import { useLocale } from '../app/locale.tsx';
import type { SummaryError } from './ErrorSummary.tsx';

/**
 * Form state validated by the same zod schema the server uses. Errors go to the summary and to
 * the fields; what the user typed is never cleared on an error. Server field errors (400) are
 * mapped the same way, so a rule that only the server can check still lands on its field.
 */
export function useForm<S extends z.ZodType>(schema: S, initial: z.input<S>, options: { idPrefix?: string } = {}) {
  const { locale } = useLocale();
  const [values, setValues] = useState<z.input<S>>(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const prefix = options.idPrefix ?? 'field';

  const fieldId = (field: string) => `${prefix}-${field.replaceAll('.', '-')}`;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;

  function set<K extends keyof z.input<S>>(key: K, value: z.input<S>[K]) {
    setValues((current) => ({ ...(current as object), [key]: value }) as z.input<S>);
  }

  async function submit(onValid: (data: z.output<S>) => Promise<void>): Promise<void> {
    if (submitting) return;
    setFormError(null);
    const parsed = parseWithLocale(schema, values, locale);
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error, 'body', locale));
      return;
    }
    setErrors([]);
    setSubmitting(true);
    try {
      await onValid(parsed.data);
    } catch (error) {
      if (error instanceof ApiProblem && error.fieldErrors.length > 0) setErrors(error.fieldErrors);
      else if (error instanceof ApiProblem) setFormError(error.problem.detail ?? error.problem.title);
      else throw error;
    } finally {
      setSubmitting(false);
    }
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ fieldId: fieldId(Object.keys(initial as object)[0] ?? 'form'), message: formError }] : []),
    ...errors.map((error) => ({ fieldId: fieldId(error.field), message: error.message })),
  ];

  return { values, set, setValues, errors, errorFor, fieldId, submit, submitting, summary, setFormError };
}
