import crypto from 'node:crypto';
import { DRAFT_LOCATION_FIELDS, DRAFT_TTL_DAYS } from '#shared/contracts/screening.ts';
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
 *
 * A draft whose state says the client has protected identity follows the rules of a protected
 * record (ADR 0010, 0084, 0104; migration 0179): it is marked in its row, so it exists only while
 * its author acts in the unit where it was begun (row-level security, for every read, save, list
 * and removal); its location fields (DRAFT_LOCATION_FIELDS) stay in the stored value and are sent
 * back empty in every answer. A save that leaves them empty keeps the stored values, so nothing
 * typed is lost; recording the encounter with `draftId` takes them from the draft
 * (`draftLocation`). Unmarking the protection drops the stored location rather than showing it:
 * it must be chosen again.
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

const isProtected = (state: DraftState) => state.protectedIdentity === true;

type Path = readonly string[];

function valueAt(state: DraftState, path: Path): unknown {
  let at: unknown = state;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A copy of `state` with the field at `path` replaced (only where its parent object exists). */
function withValue(state: DraftState, path: Path, value: unknown): DraftState {
  const [head, ...rest] = path;
  if (head === undefined) return state;
  if (rest.length === 0) return { ...state, [head]: value };
  const inner = state[head];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return state;
  return { ...state, [head]: withValue(inner as DraftState, rest, value) };
}

const present = (value: unknown) => typeof value === 'string' && value !== '';

/** What a protected draft's answer shows: its location fields empty. */
function withheld(state: DraftState): DraftState {
  if (!isProtected(state)) return state;
  return DRAFT_LOCATION_FIELDS.reduce((shown, path) => (valueAt(shown, path) === undefined ? shown : withValue(shown, path, '')), state);
}

/**
 * The state to store: a protected draft saved with a location field left empty (it was sent back
 * withheld) keeps the stored value; a draft no longer protected keeps nothing it was not sent.
 */
function merged(incoming: DraftState, stored: DraftState): DraftState {
  if (!isProtected(incoming) || !isProtected(stored)) return incoming;
  return DRAFT_LOCATION_FIELDS.reduce(
    (next, path) => (!present(valueAt(next, path)) && present(valueAt(stored, path)) ? withValue(next, path, valueAt(stored, path)) : next),
    incoming,
  );
}

const answer = (id: string, state: DraftState, version: number, updatedAt: Date) => ({
  id,
  state: withheld(state),
  version,
  updatedAt: updatedAt.toISOString(),
  locationWithheld: isProtected(state),
});

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
    protectedIdentity: isProtected(state),
    now: call.now,
  });
  await audit(tx, call, 'encounters.draft.create', id);
  return answer(id, state, 1, call.now);
}

export async function readDraft(tx: Tx, cipher: FieldCipher, call: DraftCall, id: string) {
  person(call.actor);
  const row = await findDraft(tx, id);
  if (!row) throw missing(id, 'encounters.draft.read');
  await audit(tx, call, 'encounters.draft.read', id);
  return answer(id, stateOf(cipher, row), row.version, row.updatedAt);
}

const stateOf = (cipher: FieldCipher, row: { id: string; payloadEncrypted: string }) =>
  JSON.parse(cipher.decrypt(row.payloadEncrypted, associated(row.id))) as DraftState;

export async function saveDraft(tx: Tx, cipher: FieldCipher, call: DraftCall, id: string, sent: DraftState, version: number | undefined) {
  const { unitId } = person(call.actor);
  const stored = await findDraft(tx, id);
  if (!stored) throw missing(id, 'encounters.draft.save');
  const state = merged(sent, stateOf(cipher, stored));
  // Marked protected in another unit than the one it was begun in: it would vanish from the caller.
  if (isProtected(state) && stored.unitId !== unitId) throw new AppError('conflict', { detail: pick(screeningMessages, (m) => m.draftProtectedElsewhere) });
  const updated = await updateDraft(tx, id, version, cipher.encrypt(JSON.stringify(state), associated(id)), isProtected(state), call.now);
  if (updated.length === 0) throw new AppError('version_conflict', { detail: pick(screeningMessages, (m) => m.draftVersionConflict) });
  await audit(tx, call, 'encounters.draft.save', id);
  return answer(id, state, updated[0]!.version, updated[0]!.updatedAt);
}

/**
 * The location a protected draft keeps for the encounter recorded from it: the caller's own draft
 * in its unit (row-level security), read in full only here, for the service to store — never to
 * answer with. Nothing for a draft that is not protected or not found.
 */
export async function draftLocation(
  tx: Tx,
  cipher: FieldCipher,
  call: DraftCall,
  id: string,
): Promise<{ municipalityCode: string | null; childConcernMunicipalityCode: string | null } | undefined> {
  const row = await findDraft(tx, id);
  if (!row?.protectedIdentity) return undefined;
  await audit(tx, call, 'encounters.draft.read', id);
  const state = stateOf(cipher, row);
  const text = (value: unknown) => (present(value) ? (value as string) : null);
  return { municipalityCode: text(valueAt(state, DRAFT_LOCATION_FIELDS[0])), childConcernMunicipalityCode: text(valueAt(state, DRAFT_LOCATION_FIELDS[1])) };
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
