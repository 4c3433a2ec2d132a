/**
 * The municipality of the encounter just saved, kept in memory only (never in browser storage or
 * history state): for a protected identity the server never returns it again, but the caseworker
 * who typed it a moment ago may still be shown local support on the outcome page.
 */
let last: { id: string; municipalityCode: string } | undefined;

export function rememberSaved(id: string, municipalityCode: string): void {
  last = { id, municipalityCode };
}

export function savedMunicipality(id: string): string | undefined {
  return last?.id === id && last.municipalityCode ? last.municipalityCode : undefined;
}
