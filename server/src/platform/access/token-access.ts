import { z } from 'zod';
import type { AccessContext } from '../db/database.ts';
import { sha256Hex } from '../crypto/field-encryption.ts';

/**
 * Anonymous token access (ADR 0011): a respondent or registration link carries a random token;
 * its route runs as `upptack_public` with the token's SHA-256 in `app.token_hash`, and the token
 * table's policy admits only the rows of that token (`token_hash = app_token_hash()`), nothing
 * when none is set. The token itself is never stored or logged.
 */
export function tokenAccess(token: string): AccessContext {
  return { role: 'upptack_public', settings: { token_hash: sha256Hex(token) } };
}

/** A link's token in a route's path: 256 random bits, base64url (43 characters). */
export const tokenParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});
