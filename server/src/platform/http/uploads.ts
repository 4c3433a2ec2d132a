/**
 * Raw file uploads (the request body is the file, e.g. a meeting attachment). Only routes that
 * list this type in `bodyContentTypes` read such a body; any other route refuses it with 415
 * before reading it. The limit is above every feature's own, so a feature can answer a file that
 * is too large with a field error naming it; beyond this limit the answer is a plain 413.
 */
export const RAW_UPLOAD_TYPE = 'application/octet-stream';
export const RAW_UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

export function isRawUpload(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === RAW_UPLOAD_TYPE;
}
