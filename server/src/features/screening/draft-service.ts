import crypto from 'node:crypto';
import { DRAFT_TTL_DAYS } from '#shared/contracts/screening.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { deleteDraft, findDraft, insertDraft, listDrafts, updateDraft } from './encounter-repository.ts';
import { screeningMessages } from './messages.ts';

/**
 * Drafts (ADR 0034): the caseworker's unfinished encounter, saved on the server as one encrypted
 * value while they work, so an expired session loses nothing. Only its author reaches it (row-level
 * security); every read and change is audited; retention removes drafts left for DRAFT_TTL_DAYS.
 */
export const DRAFT_RECORD_TYPE = 'encounter_draft';

type DraftCall = { actor: SignedInActor; source: AuditSource; now: Date };
type DraftState = Record<string, unknown>;

function person(actor: SignedInActor): { userId: string; unitId: string } {
  if (actor.kind !== 'user') throw new AppError('forbidden');
  if (!actor.actingUnitId) throw new AppError('conflict', { detail: pick(screeningMessages, (m) => m.encounterUnit) });
  return { userId: actor.userId, unitId: actor.actingUnitId };
}

const associated = (id: string) => `screening_drafts:${id}`;

/** Another user's draft does not exist for the caller: "not found", audited as a refused access. */
const missing = (id: string, action: string) => new AppError('not_found', { deniedAccess: { action, recordType: DRAFT_RECORD_TYPE, recordId: id } });

async function audit(tx: Tx, call: DraftCall, action: string, id: string) {
  await recordAudit(tx, call.actor, call.source, { action, recordType: DRAFT_RECORD_TYPE, recordId: id, recordTenantId: call.actor.tenantId });
}

export async function createDraft(tx: Tx, cipher: FieldCipher, call: DraftCall, state: DraftState) {
  const { userId, unitId } = person(call.actor);
  const id = crypto.randomUUID();
  await insertDraft(tx, {
    id,
    tenantId: call.actor.tenantId,
    unitId,
    userId,
    payloadEncrypted: cipher.encrypt(JSON.stringify(state), associated(id)),
    now: call.now,
  });
  await audit(tx, call, 'encounters.draft.create', id);
  return { id, state, version: 1, updatedAt: call.now.toISOString() };
}

export async function readDraft(tx: Tx, cipher: FieldCipher, call: DraftCall, id: string) {
  person(call.actor);
  const row = await findDraft(tx, id);
  if (!row) throw missing(id, 'encounters.draft.read');
  await audit(tx, call, 'encounters.draft.read', id);
  return {
    id,
    state: JSON.parse(cipher.decrypt(row.payloadEncrypted, associated(id))) as DraftState,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function saveDraft(tx: Tx, cipher: FieldCipher, call: DraftCall, id: string, state: DraftState, version: number | undefined) {
  person(call.actor);
  const updated = await updateDraft(tx, id, version, cipher.encrypt(JSON.stringify(state), associated(id)), call.now);
  if (updated.length === 0) {
    if (await findDraft(tx, id)) throw new AppError('version_conflict', { detail: pick(screeningMessages, (m) => m.draftVersionConflict) });
    throw missing(id, 'encounters.draft.save');
  }
  await audit(tx, call, 'encounters.draft.save', id);
  return { id, state, version: updated[0]!.version, updatedAt: updated[0]!.updatedAt.toISOString() };
}

export async function removeDraft(tx: Tx, call: DraftCall, id: string): Promise<void> {
  person(call.actor);
  if (!(await deleteDraft(tx, id))) throw missing(id, 'encounters.draft.delete');
  await audit(tx, call, 'encounters.draft.delete', id);
}

/** The caller's drafts still within their time (ids and times only: no content in a list). */
export async function myDrafts(tx: Tx, call: DraftCall) {
  person(call.actor);
  const rows = await listDrafts(tx, new Date(call.now.getTime() - DRAFT_TTL_DAYS * 86_400_000));
  return { drafts: rows.map((row) => ({ id: row.id, updatedAt: row.updatedAt.toISOString() })) };
}
