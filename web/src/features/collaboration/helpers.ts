import { organisationOptions, type MeetingSummary } from '#shared/contracts/collaboration.ts';
import type { ProblemDocument } from '#shared/problem.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { currentLocale } from '../../app/locale.tsx';
import { useResource } from '../../ui/use-resource.ts';

/** The participating organisations to choose from, loaded once per page. */
export function useOrganisations() {
  return useResource(() => api.get('/api/v1/bodies/organisations', organisationOptions), []);
}

/** "1 december 2026, 10:00–12:00": meetings are shown in Swedish local time, as entered. */
export function meetingWhen(meeting: Pick<MeetingSummary, 'date' | 'startTime' | 'endTime'>, locale: 'sv' | 'en'): string {
  return `${formatDate(meeting.date, locale)}, ${meeting.startTime}–${meeting.endTime}`;
}

/** A decision's reference as minutes write it: "2026:3". */
export const reference = (decision: { year: number; number: number }) => `${decision.year}:${decision.number}`;

/** Options for a select from a list of string codes and their labels. */
export function optionsOf<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>) {
  return keys.map((key) => ({ value: key, label: labels[key] }));
}

/**
 * Sends a file as the request body (the API's upload format, platform/http/uploads.ts). The shared
 * API client speaks JSON only, so this is the one raw request of the staff app.
 */
export async function uploadFile<T>(url: string, file: File, csrfToken: string, parse: (value: unknown) => T): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken, 'x-locale': currentLocale() },
    body: file,
  });
  const payload: unknown = await response.json();
  if (!response.ok) throw new ApiProblem(payload as ProblemDocument);
  return parse(payload);
}
