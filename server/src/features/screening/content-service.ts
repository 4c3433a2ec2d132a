import type { z } from 'zod';
import {
  createQuestionSetRequest,
  createRoutineRequest,
  questionSetDraftRequest,
  routineDraftRequest,
  settingsRequest,
  type Process,
  type QuestionSet,
  type QuestionSetVersion,
  type Routine,
  type RoutineVersion,
  type ScreeningSettings,
} from '#shared/contracts/screening.ts';
import { can, type SignedInActor } from '../../platform/auth/actor.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import { sqlConstraint, sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, notFound, pick } from '../../platform/errors/app-error.ts';
import {
  bumpQuestionSet,
  bumpRoutine,
  inStatus,
  insertProcess,
  insertQuestionSet,
  insertQuestionSetVersion,
  insertRoutine,
  insertRoutineVersion,
  maxVersionNumber,
  processesInForce,
  questionSets,
  unitMunicipality,
  questionSetVersion,
  questionSetVersions,
  routines,
  routineVersion,
  routineVersions,
  settings,
  updateQuestionSetVersion,
  updateRoutineVersion,
  upsertSettings,
  type QuestionSetVersionRow,
  type RoutineRow,
  type RoutineVersionRow,
} from './content-repository.ts';
import { screeningMessages } from './messages.ts';

/**
 * Managed content (ADR 0035): processes with their routines, question sets, shared guidance.
 * Draft → review → published, versioned, optimistic concurrency on the item; a version that has
 * left draft never changes (database trigger). Editors change their own organisation's content;
 * shared content of others is read-only.
 */
type Call = { actor: SignedInActor; source: AuditSource; now: Date };
const text = (select: (m: (typeof screeningMessages)['sv']) => string) => pick(screeningMessages, select);
const iso = (value: Date | null) => (value ? value.toISOString() : null);

function editor(actor: SignedInActor): string {
  if (actor.kind !== 'user') throw new AppError('forbidden');
  return actor.userId;
}

const conflict = () => new AppError('version_conflict', { detail: text((m) => m.versionConflict) });
const notOwn = () => new AppError('forbidden', { detail: text((m) => m.notOwnContent) });

async function audit(tx: Tx, call: Call, action: string, recordType: string, recordId: string, step: string) {
  await recordAudit(tx, call.actor, call.source, { action, recordType, recordId, recordTenantId: call.actor.tenantId, details: { step } });
}

const summary = (version: {
  id: string;
  number: number;
  status: RoutineVersionRow['status'];
  createdAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
}) => ({
  id: version.id,
  number: version.number,
  status: version.status,
  createdAt: version.createdAt.toISOString(),
  submittedAt: iso(version.submittedAt),
  publishedAt: iso(version.publishedAt),
});

/* ------------------------------------------------------------------ question sets */

function presentQuestionSetVersion(version: QuestionSetVersionRow, owner: string, shared: boolean): QuestionSetVersion {
  return {
    id: version.id,
    questionSetId: version.questionSetId,
    number: version.number,
    status: version.status,
    name: version.name,
    items: version.items,
    publishedAt: iso(version.publishedAt),
    owner,
    shared,
  };
}

/** Another organisation's shared content exists for the caller only once a version of it is published. */
const visible = (own: boolean, versions: Array<{ status: RoutineVersionRow['status'] }>) =>
  own || versions.some((version) => version.status === 'published' || version.status === 'superseded');

export async function listQuestionSets(tx: Tx, actor: SignedInActor): Promise<{ questionSets: QuestionSet[] }> {
  const sets = await questionSets(tx);
  const versions = await questionSetVersions(
    tx,
    sets.map((set) => set.id),
  );
  const of = (id: string) => versions.filter((version) => version.questionSetId === id);
  return {
    questionSets: sets
      .filter((set) => visible(set.tenantId === actor.tenantId, of(set.id)))
      .map((set) => ({
        id: set.id,
        name: set.name,
        owner: set.owner,
        own: set.tenantId === actor.tenantId,
        shared: set.shared,
        version: set.version,
        versions: of(set.id).map(summary),
        demo: set.demo,
      })),
  };
}

export async function getQuestionSet(tx: Tx, actor: SignedInActor, id: string): Promise<QuestionSet> {
  const set = (await listQuestionSets(tx, actor)).questionSets.find((candidate) => candidate.id === id);
  if (!set) throw notFound();
  return set;
}

export async function getQuestionSetVersion(tx: Tx, id: string): Promise<QuestionSetVersion> {
  const version = await questionSetVersion(tx, id);
  if (!version) throw notFound();
  const [set] = await questionSets(tx, version.questionSetId);
  if (!set) throw notFound();
  return presentQuestionSetVersion(version, set.owner, set.shared);
}

export async function createQuestionSet(tx: Tx, call: Call, input: z.output<typeof createQuestionSetRequest>): Promise<QuestionSet> {
  const userId = editor(call.actor);
  if (input.shared && !can(call.actor, 'guidance.share')) throw new AppError('forbidden', { detail: text((m) => m.shareNotAllowed) });
  const id = await insertQuestionSet(tx, { tenantId: call.actor.tenantId, name: input.name, shared: input.shared });
  await insertQuestionSetVersion(tx, {
    questionSetId: id,
    tenantId: call.actor.tenantId,
    number: 1,
    name: input.name,
    items: input.items,
    createdBy: userId,
    createdAt: call.now,
  });
  await audit(tx, call, 'routines.edit', 'question_set', id, 'create');
  return getQuestionSet(tx, call.actor, id);
}

async function ownQuestionSet(tx: Tx, actor: SignedInActor, id: string, version: number, name?: string) {
  const [set] = await questionSets(tx, id);
  if (!set) throw notFound();
  const versions = await questionSetVersions(tx, [id]);
  if (set.tenantId !== actor.tenantId) throw visible(false, versions) ? notOwn() : notFound();
  if (!(await bumpQuestionSet(tx, id, version, name))) throw conflict();
  return { set, versions };
}

export async function saveQuestionSetDraft(tx: Tx, call: Call, id: string, input: z.output<typeof questionSetDraftRequest>): Promise<QuestionSet> {
  const userId = editor(call.actor);
  const { versions } = await ownQuestionSet(tx, call.actor, id, input.version, input.name);
  const open = inStatus(versions, 'draft', 'review');
  if (open?.status === 'review') await updateQuestionSetVersion(tx, open.id, { status: 'draft', submittedAt: null, submittedBy: null });
  if (open) await updateQuestionSetVersion(tx, open.id, { name: input.name, items: input.items });
  else {
    const number = (await maxVersionNumber(tx, 'question_set', id)) + 1;
    await insertQuestionSetVersion(tx, {
      questionSetId: id,
      tenantId: call.actor.tenantId,
      number,
      name: input.name,
      items: input.items,
      createdBy: userId,
      createdAt: call.now,
    });
  }
  await audit(tx, call, 'routines.edit', 'question_set', id, 'draft');
  return getQuestionSet(tx, call.actor, id);
}

export async function submitQuestionSet(tx: Tx, call: Call, id: string, version: number): Promise<QuestionSet> {
  const userId = editor(call.actor);
  const { versions } = await ownQuestionSet(tx, call.actor, id, version);
  const draft = inStatus(versions, 'draft');
  if (!draft) throw new AppError('conflict', { detail: text((m) => m.contentNotDraft) });
  await updateQuestionSetVersion(tx, draft.id, { status: 'review', submittedBy: userId, submittedAt: call.now });
  await audit(tx, call, 'routines.publish', 'question_set', id, 'review');
  return getQuestionSet(tx, call.actor, id);
}

export async function publishQuestionSet(tx: Tx, call: Call, id: string, version: number): Promise<QuestionSet> {
  const userId = editor(call.actor);
  const { versions } = await ownQuestionSet(tx, call.actor, id, version);
  const review = inStatus(versions, 'review');
  if (!review) throw new AppError('conflict', { detail: text((m) => m.contentNotInReview) });
  const current = inStatus(versions, 'published');
  if (current) await updateQuestionSetVersion(tx, current.id, { status: 'superseded' });
  await updateQuestionSetVersion(tx, review.id, { status: 'published', publishedBy: userId, publishedAt: call.now });
  await audit(tx, call, 'routines.publish', 'question_set', id, 'published');
  return getQuestionSet(tx, call.actor, id);
}

/* ------------------------------------------------------------------ routines */

function presentRoutineVersion(version: RoutineVersionRow, routine: RoutineRow): RoutineVersion {
  return {
    id: version.id,
    routineId: version.routineId,
    number: version.number,
    status: version.status,
    title: version.title,
    rules: {
      asking: version.asking,
      channels: version.channels,
      defaultChannel: version.defaultChannel ?? null,
      questionSetVersionId: version.questionSetVersionId,
    },
    content: version.content,
    publishedAt: iso(version.publishedAt),
    owner: routine.owner,
    shared: routine.shared,
  };
}

function presentRoutine(routine: RoutineRow, versions: RoutineVersionRow[], actor: SignedInActor): Routine {
  const own = versions.filter((version) => version.routineId === routine.id);
  const draft = inStatus(own, 'draft', 'review');
  const published = inStatus(own, 'published');
  return {
    id: routine.id,
    kind: routine.kind,
    title: routine.title,
    process: routine.process ? { id: routine.process.id, code: routine.process.code, name: routine.process.name, active: routine.process.active } : null,
    owner: routine.owner,
    own: routine.tenantId === actor.tenantId,
    shared: routine.shared,
    version: routine.version,
    versions: own.map(summary),
    draft: draft ? presentRoutineVersion(draft, routine) : null,
    published: published ? presentRoutineVersion(published, routine) : null,
    demo: routine.demo,
  };
}

export async function listRoutines(tx: Tx, actor: SignedInActor) {
  const rows = await routines(tx);
  const versions = await routineVersions(
    tx,
    rows.map((row) => row.id),
  );
  return {
    routines: rows
      .filter((row) =>
        visible(
          row.tenantId === actor.tenantId,
          versions.filter((version) => version.routineId === row.id),
        ),
      )
      .map((row) => {
        const { draft: _draft, published: _published, ...rest } = presentRoutine(row, versions, actor);
        return rest;
      }),
  };
}

export async function getRoutine(tx: Tx, actor: SignedInActor, id: string): Promise<Routine> {
  const [row] = await routines(tx, id);
  if (!row) throw notFound();
  const versions = await routineVersions(tx, [id]);
  if (!visible(row.tenantId === actor.tenantId, versions)) throw notFound();
  return presentRoutine(row, versions, actor);
}

export async function getRoutineVersion(tx: Tx, id: string): Promise<RoutineVersion> {
  const version = await routineVersion(tx, id);
  if (!version) throw notFound();
  const [routine] = await routines(tx, version.routineId);
  if (!routine) throw notFound();
  return presentRoutineVersion(version, routine);
}

/** A routine may only name a question set version the organisation may use: published, own or shared. */
async function checkQuestionSet(tx: Tx, id: string | null): Promise<void> {
  if (!id) return;
  const version = await questionSetVersion(tx, id);
  if (!version || (version.status !== 'published' && version.status !== 'superseded')) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'rules.questionSetVersionId', location: 'body', code: 'question_set_unpublished', message: text((m) => m.questionSetUnpublished) }],
    });
  }
}

const versionColumns = (input: {
  title: string;
  rules: z.output<typeof routineDraftRequest>['rules'];
  content: z.output<typeof routineDraftRequest>['content'];
}) => ({
  title: input.title,
  asking: input.rules.asking,
  channels: input.rules.channels,
  defaultChannel: input.rules.defaultChannel,
  questionSetVersionId: input.rules.questionSetVersionId,
  content: input.content,
});

export async function createRoutine(tx: Tx, call: Call, input: z.output<typeof createRoutineRequest>): Promise<Routine> {
  const userId = editor(call.actor);
  if (input.shared && !can(call.actor, 'guidance.share')) throw new AppError('forbidden', { detail: text((m) => m.shareNotAllowed) });
  await checkQuestionSet(tx, input.rules.questionSetVersionId);
  let processId: string | null = null;
  if (input.process) {
    try {
      // A savepoint, so a taken code answers 409 instead of aborting the whole transaction.
      processId = await tx.transaction((inner) =>
        insertProcess(inner, { tenantId: call.actor.tenantId, code: input.process!.code, name: input.process!.name, description: input.process!.description }),
      );
    } catch (error) {
      if (sqlState(error) === '23505' && sqlConstraint(error)?.includes('code')) {
        throw new AppError('conflict', {
          errors: [{ field: 'process.code', location: 'body', code: 'process_code_taken', message: text((m) => m.processCodeTaken) }],
        });
      }
      throw error;
    }
  }
  const id = await insertRoutine(tx, { tenantId: call.actor.tenantId, kind: input.kind, processId, title: input.title, shared: input.shared });
  await insertRoutineVersion(tx, { routineId: id, tenantId: call.actor.tenantId, number: 1, createdBy: userId, createdAt: call.now, ...versionColumns(input) });
  await audit(tx, call, 'routines.edit', 'routine', id, 'create');
  return getRoutine(tx, call.actor, id);
}

async function ownRoutine(tx: Tx, actor: SignedInActor, id: string, version: number, title?: string) {
  const [routine] = await routines(tx, id);
  if (!routine) throw notFound();
  const versions = await routineVersions(tx, [id]);
  if (routine.tenantId !== actor.tenantId) throw visible(false, versions) ? notOwn() : notFound();
  if (!(await bumpRoutine(tx, id, version, title))) throw conflict();
  return { routine, versions };
}

export async function saveRoutineDraft(tx: Tx, call: Call, id: string, input: z.output<typeof routineDraftRequest>): Promise<Routine> {
  const userId = editor(call.actor);
  await checkQuestionSet(tx, input.rules.questionSetVersionId);
  const { versions } = await ownRoutine(tx, call.actor, id, input.version, input.title);
  const open = inStatus(versions, 'draft', 'review');
  if (open?.status === 'review') await updateRoutineVersion(tx, open.id, { status: 'draft', submittedAt: null, submittedBy: null });
  if (open) await updateRoutineVersion(tx, open.id, versionColumns(input));
  else {
    const number = (await maxVersionNumber(tx, 'routine', id)) + 1;
    await insertRoutineVersion(tx, { routineId: id, tenantId: call.actor.tenantId, number, createdBy: userId, createdAt: call.now, ...versionColumns(input) });
  }
  await audit(tx, call, 'routines.edit', 'routine', id, 'draft');
  return getRoutine(tx, call.actor, id);
}

export async function submitRoutine(tx: Tx, call: Call, id: string, version: number): Promise<Routine> {
  const userId = editor(call.actor);
  const { versions } = await ownRoutine(tx, call.actor, id, version);
  const draft = inStatus(versions, 'draft');
  if (!draft) throw new AppError('conflict', { detail: text((m) => m.contentNotDraft) });
  await updateRoutineVersion(tx, draft.id, { status: 'review', submittedBy: userId, submittedAt: call.now });
  await audit(tx, call, 'routines.publish', 'routine', id, 'review');
  return getRoutine(tx, call.actor, id);
}

export async function publishRoutine(tx: Tx, call: Call, id: string, version: number): Promise<Routine> {
  const userId = editor(call.actor);
  const { versions } = await ownRoutine(tx, call.actor, id, version);
  const review = inStatus(versions, 'review');
  if (!review) throw new AppError('conflict', { detail: text((m) => m.contentNotInReview) });
  const current = inStatus(versions, 'published');
  if (current) await updateRoutineVersion(tx, current.id, { status: 'superseded' });
  await updateRoutineVersion(tx, review.id, { status: 'published', publishedBy: userId, publishedAt: call.now });
  await audit(tx, call, 'routines.publish', 'routine', id, 'published');
  return getRoutine(tx, call.actor, id);
}

/* ------------------------------------------------------------------ processes, settings */

export async function listProcesses(tx: Tx, actor: SignedInActor): Promise<{ processes: Process[]; unitMunicipalityCode: string | null }> {
  const rows = await processesInForce(tx);
  return {
    unitMunicipalityCode: await unitMunicipality(tx, actor.actingUnitId),
    processes: rows.map(({ process, version }) => ({
      id: process.id,
      code: process.code,
      name: process.name,
      description: process.description,
      routineVersionId: version.id,
      rules: {
        asking: version.asking,
        channels: version.channels,
        defaultChannel: version.defaultChannel ?? null,
        questionSetVersionId: version.questionSetVersionId,
      },
    })),
  };
}

export const DEFAULT_SETTINGS: Omit<ScreeningSettings, 'version'> = { notesEnabled: false, retentionMonths: 24, retentionAction: 'anonymise' };

export async function getSettings(tx: Tx): Promise<ScreeningSettings> {
  const row = await settings(tx);
  return row
    ? { notesEnabled: row.notesEnabled, retentionMonths: row.retentionMonths, retentionAction: row.retentionAction, version: row.version }
    : { ...DEFAULT_SETTINGS, version: 1 };
}

export async function saveSettings(tx: Tx, call: Call, input: z.output<typeof settingsRequest>): Promise<ScreeningSettings> {
  const userId = editor(call.actor);
  const saved = await upsertSettings(tx, call.actor.tenantId, input.version, {
    notesEnabled: input.notesEnabled,
    retentionMonths: input.retentionMonths,
    retentionAction: input.retentionAction,
    updatedBy: userId,
    updatedAt: call.now,
  });
  if (!saved) throw conflict();
  await recordAudit(tx, call.actor, call.source, {
    action: 'routines.edit',
    recordType: 'screening_settings',
    recordId: call.actor.tenantId,
    recordTenantId: call.actor.tenantId,
    details: { notesEnabled: input.notesEnabled, retentionMonths: input.retentionMonths, retentionAction: input.retentionAction },
  });
  return getSettings(tx);
}
