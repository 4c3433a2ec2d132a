import { z } from 'zod';

/**
 * SCIM 2.0 (RFC 7643/7644) Users, the subset Microsoft Entra ID and Okta send (issue 19). Unknown
 * attributes (title, department, addresses …) are accepted and ignored: roles stay in Upptäck.
 */
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Entra ID sends booleans as strings ("True", "False") in PATCH operations. */
export const scimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((value) => value.toLowerCase() === 'true'),
]);

const email = z.object({ value: z.string().max(320), type: z.string().optional(), primary: scimBoolean.optional() }).passthrough();

export const scimUserRequest = z
  .object({
    userName: z.string().trim().min(3).max(320),
    externalId: z.string().max(300).optional(),
    active: scimBoolean.optional(),
    displayName: z.string().max(200).optional(),
    name: z
      .object({ formatted: z.string().max(200).optional(), givenName: z.string().max(100).optional(), familyName: z.string().max(100).optional() })
      .passthrough()
      .optional(),
    emails: z.array(email).max(10).optional(),
  })
  .passthrough();
export type ScimUserRequest = z.output<typeof scimUserRequest>;

export const scimPatchRequest = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.object({
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(['add', 'replace', 'remove'])),
        path: z.string().max(200).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type ScimPatchRequest = z.output<typeof scimPatchRequest>;

/** A group as Entra ID and Okta send it; `members` name accounts by their SCIM id. */
export const scimGroupRequest = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    externalId: z.string().max(300).optional(),
    members: z
      .array(z.object({ value: z.string().max(100) }).passthrough())
      .max(10_000)
      .optional(),
  })
  .passthrough();
export type ScimGroupRequest = z.output<typeof scimGroupRequest>;

/** `attributes` / `excludedAttributes` (Entra ID asks for groups with `excludedAttributes=members`). */
export const scimResourceQuery = z.object({
  attributes: z.string().max(500).optional(),
  excludedAttributes: z.string().max(500).optional(),
});

export const scimListQuery = scimResourceQuery.extend({
  filter: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().min(1).default(1),
  count: z.coerce.number().int().min(0).max(200).default(100),
});

export const scimTokenRequest = z.object({ expiresInDays: z.number().int().min(1).max(365).default(180) });
export const scimTokenResponse = z.object({ token: z.string(), tokenHint: z.string(), expiresAt: z.string(), baseUrl: z.string() });
