/**
 * Every column encrypted with the field cipher, so a key rotation re-encrypts all of them
 * (`npm run admin -- rotate-encryption-key`). A feature that encrypts a column adds it here,
 * with the associated data its code uses (the cipher refuses a value under other associated data).
 */
export type EncryptedColumn = {
  table: string;
  /** The column that identifies a row (and goes into the associated data). */
  key: string;
  column: string;
  associatedData(key: string): string;
};

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', key: 'id', column: 'totp_secret_encrypted', associatedData: (id) => `totp:${id}` },
  { table: 'sessions', key: 'id_hash', column: 'totp_pending_encrypted', associatedData: (idHash) => `totp-pending:${idHash}` },
  // Surveys (ADR 0051): answers may hold free text; links are kept so their owner can give them again.
  { table: 'survey_answers', key: 'answer_key', column: 'value_encrypted', associatedData: (key) => `survey_answers:${key}` },
  { table: 'survey_responses', key: 'id', column: 'token_encrypted', associatedData: (id) => `survey_responses:${id}:token` },
  { table: 'survey_rounds', key: 'id', column: 'open_token_encrypted', associatedData: (id) => `survey_rounds:${id}:token` },
  // Screening (issue 5, ADR 0034): case references, short-text answers, notes and drafts.
  { table: 'screening_encounters', key: 'id', column: 'case_reference_encrypted', associatedData: (id) => `screening_encounters:${id}` },
  { table: 'screening_answers', key: 'id', column: 'text_encrypted', associatedData: (id) => `screening_answers:${id}` },
  { table: 'screening_notes', key: 'encounter_id', column: 'note_encrypted', associatedData: (id) => `screening_notes:${id}` },
  { table: 'screening_drafts', key: 'id', column: 'payload_encrypted', associatedData: (id) => `screening_drafts:${id}` },
  // Competence (ADR 0043): an event's registration link, kept so the organiser can give it again.
  { table: 'competence_events', key: 'id', column: 'registration_token_encrypted', associatedData: (id) => `competence_events:${id}:token` },
  // Identity (issue 19, ADR 0099): an organisation's client secret at its provider, and a sign-in's PKCE verifier.
  { table: 'identity_providers', key: 'tenant_id', column: 'client_secret_encrypted', associatedData: (id) => `identity_providers:${id}` },
  { table: 'oidc_logins', key: 'id_hash', column: 'code_verifier_encrypted', associatedData: (idHash) => `oidc_logins:${idHash}` },
];
