import { sql } from 'drizzle-orm';
import type { BodyPermissions, MemberRole } from '#shared/contracts/collaboration.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { can, type SignedInActor } from '../../platform/auth/actor.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, notFound, pick } from '../../platform/errors/app-error.ts';
import type { MeasureRegistry } from '../../platform/measures/measure.ts';
import { disclosureSettings } from '../../platform/disclosure/settings.ts';
import { goalIndicatorReader, type GoalIndicatorReader } from '../follow-up/index.ts';
import { collaborationMessages } from './messages.ts';

/**
 * What collaboration reads of the route's caller (ADR 0098). The route kernel's `PermittedCaller`
 * satisfies it as it is, so the services need not import the HTTP kernel.
 */
export type RouteCaller = {
  actor: SignedInActor;
  tenantId: string;
  now: Date;
  audit(tx: Tx, entry: AuditEntry): Promise<number>;
};

/**
 * Who is acting, with what the permission table gives them, the moment they act, and the audit
 * trail they write to. Collaboration is done by people: service accounts hold none of its actions,
 * so the pipeline has already refused them.
 */
export type Caller = {
  userId: string;
  tenantId: string;
  canManage: boolean;
  canRecord: boolean;
  canStrategy: boolean;
  now: Date;
  /** The Stockholm calendar date of `now`: lateness and overdue deadlines are judged by it. */
  today: string;
  locale: Locale;
  /** Linked follow-up indicators of goals, with their current value and target (ADR 0062). */
  goalIndicators: GoalIndicatorReader;
  /** Appends one event to the audit trail as the route's caller, with the request's source. */
  audit(tx: Tx, entry: AuditEntry): Promise<number>;
};

/** Collaboration's view of the route's caller: what it may do here, derived once per request. */
export function collaborationCaller(
  caller: RouteCaller,
  locale: Locale,
  context: { measures: MeasureRegistry; config: Parameters<typeof disclosureSettings>[0] },
): Caller {
  const actor = caller.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  return {
    userId: actor.userId,
    tenantId: caller.tenantId,
    canManage: can(actor, 'collaboration.manage'),
    canRecord: can(actor, 'collaboration.record'),
    canStrategy: can(actor, 'collaboration.strategy'),
    now: caller.now,
    today: stockholmDate(caller.now),
    locale,
    goalIndicators: goalIndicatorReader({ measures: context.measures, settings: disclosureSettings(context.config), locale }),
    audit: (tx, entry) => caller.audit(tx, entry),
  };
}

/** What the caller is to a body: its organisation owns it, and the caller's own role in it. */
export type BodyAccess = { id: string; tenantId: string; name: string; active: boolean; owned: boolean; role: MemberRole | null };

/** The body as the caller reaches it; another organisation's body is "not found" (row-level security). */
export async function bodyAccess(tx: Tx, caller: Caller, bodyId: string): Promise<BodyAccess> {
  const [row] = await queryRows<{ id: string; tenant_id: string; name: string; active: boolean; role: MemberRole | null }>(
    tx,
    sql`select b.id, b.tenant_id, b.name, b.active,
               (select m.role from collaboration_body_members m
                 where m.body_id = b.id and m.user_id = ${caller.userId} and m.organisation_id = ${caller.tenantId}
                 order by case m.role when 'convener' then 0 when 'secretary' then 1 else 2 end limit 1) as role
          from collaboration_bodies b where b.id = ${bodyId}`,
  );
  if (!row) throw notFound();
  return { id: row.id, tenantId: row.tenant_id, name: row.name, active: row.active, owned: row.tenant_id === caller.tenantId, role: row.role };
}

/**
 * The body-level rule (ADR 0060): its owner's managers manage it; they, its convener and its
 * secretary record its meetings, decisions and plans; freezing a report is for the owner's
 * managers and the convener.
 */
export function permissionsOf(access: BodyAccess, caller: Caller): BodyPermissions {
  const keeper = access.owned && caller.canManage;
  return {
    manage: keeper,
    record: caller.canRecord && (keeper || access.role === 'convener' || access.role === 'secretary'),
    freeze: caller.canRecord && (keeper || access.role === 'convener'),
  };
}

export function requireManage(access: BodyAccess, caller: Caller): void {
  if (!permissionsOf(access, caller).manage) throw new AppError('forbidden', { detail: pick(collaborationMessages, (m) => m.errors.notOwner) });
}

/**
 * No grant beyond one's own (ADR 0082) for a body's roles: a convener or secretary records the
 * body's meetings, decisions and plans (and a convener freezes reports), so only a keeper who may
 * do that in this body appoints one. The member's own permission table still bounds what the role
 * gives them (`permissionsOf`), so a role in a body never adds an action a person does not hold.
 */
export function requireMayAppoint(access: BodyAccess, caller: Caller, role: MemberRole): void {
  requireManage(access, caller);
  const held = permissionsOf(access, caller);
  const needed = role === 'convener' ? held.record && held.freeze : role === 'secretary' ? held.record : true;
  if (!needed) throw new AppError('forbidden', { detail: pick(collaborationMessages, (m) => m.errors.roleNotHeld) });
}

export function requireRecord(access: BodyAccess, caller: Caller): void {
  if (!permissionsOf(access, caller).record) throw new AppError('forbidden', { detail: pick(collaborationMessages, (m) => m.errors.notRecorder) });
}

export function requireActive(access: BodyAccess): void {
  if (!access.active) throw new AppError('conflict', { detail: pick(collaborationMessages, (m) => m.errors.bodyInactive) });
}

/** One audit event per change, on the body's owner (so its auditors see it) with ids and codes only. */
export async function auditChange(
  tx: Tx,
  caller: Caller,
  entry: {
    action: 'collaboration.manage' | 'collaboration.record' | 'collaboration.strategy';
    recordType: string;
    recordId: string;
    recordTenantId: string;
    change: string;
  },
): Promise<void> {
  await caller.audit(tx, {
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    recordTenantId: entry.recordTenantId,
    details: { change: entry.change },
  });
}

/** A stale version: someone else saved first. Nothing is lost: the client keeps what was typed. */
export const versionConflict = () => new AppError('version_conflict');
