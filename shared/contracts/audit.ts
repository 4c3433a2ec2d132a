import { z } from 'zod';
import { message } from '../validation.ts';

/** The auditors' API (issue 3, ADR 0006): search the trail, export it, review flagged reads. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message('invalid_date'));
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const AUDIT_FLAG_FILTERS = ['all', 'flagged', 'unreviewed'] as const;

export const auditQuery = z
  .object({
    /** A user: their id, or part of their name or email (in the auditor's organisation). */
    user: optional(z.string().trim().max(200)),
    recordType: optional(
      z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_]{0,39}$/, message('required')),
    ),
    recordId: optional(z.string().trim().max(100)),
    action: optional(z.string().trim().max(100)),
    /** Local dates (Europe/Stockholm), both inclusive. */
    from: optional(isoDate),
    to: optional(isoDate),
    flagged: optional(z.enum(AUDIT_FLAG_FILTERS)),
    /** Paging: events older than this sequence number. */
    before: optional(z.coerce.number().int().min(1)),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { message: message('end_before_start'), path: ['to'] });
export type AuditQuery = z.input<typeof auditQuery>;

export const auditEventSchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorKind: z.enum(['user', 'service', 'anonymous', 'system']),
  actorId: z.string().nullable(),
  /** Null when the actor belongs to another organisation (names are not shared). */
  actorName: z.string().nullable(),
  actingUnitId: z.string().nullable(),
  actingUnitName: z.string().nullable(),
  actingRoles: z.array(z.string()),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  reason: z.string().nullable(),
  breakGlass: z.boolean(),
  sourceIp: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  review: z.object({ reviewedBy: z.string(), reviewerName: z.string().nullable(), reviewedAt: z.string(), note: z.string().nullable() }).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPage = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});

export const auditSeqParams = z.object({ seq: z.coerce.number().int().min(1) });
export const reviewRequest = z.object({
  note: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .trim()
      .max(500, message('text_too_long', { max: 500 }))
      .optional(),
  ),
});
export type ReviewRequest = z.input<typeof reviewRequest>;
