import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordConnections } from '../../platform/access/schema.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import { insertEncounter, insertProcess, insertQuestionSet } from './builders.ts';
import { processesInForce, questionSets, routines } from './content-repository.ts';
import { ENCOUNTER_TYPE } from './encounter-record.ts';
import { listDrafts, loadChildren, readNote, recentEncounterIds } from './encounter-repository.ts';
import { screeningIdempotency, screeningSettings } from './schema.ts';

/**
 * Screening tables in the isolation test (ADR 0015). Encounters and everything hanging off them
 * belong to one organisation and obey the protection rules; routines and question sets are the
 * organisation's own, except shared guidance and shared question sets (ADR 0011, 0035).
 */
const sharedVersion = (table: 'screening_question_set_versions' | 'screening_routine_versions', parent: string, key: string) =>
  sql`status in ('published', 'superseded') and exists (select 1 from ${sql.identifier(parent)} p where p.id = ${sql.identifier(table)}.${sql.identifier(key)} and p.shared)`;

export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'screening-encounters',
    // Organisation-wide reach (an `agency` grant) so every path answers the organisation's rows;
    // own-record and own-unit reach are held by `app_record_reach` (migration 0122, rls-catalogue
    // and authorization-matrix tests).
    settings: { record_scopes: 'encounters.read=agency;encounters.update=agency' },
    tables: ['screening_encounters', 'screening_encounter_forms', 'screening_answers', 'screening_referrals', 'screening_information', 'screening_notes'],
    async create(tx, owner, world) {
      const process = await insertProcess(tx, owner.tenantId);
      const encounter = await insertEncounter(tx, process, {
        unit: { id: owner.unitId, tenantId: owner.tenantId, name: '', organisation: '' },
        createdBy: owner.userId,
        state: 'disclosed',
      });
      await tx.execute(
        sql`insert into screening_answers (encounter_id, tenant_id, item_key, choice) values (${encounter.id}, ${owner.tenantId}, 'exposure', 'yes')`,
      );
      await tx.execute(
        sql`insert into screening_information (encounter_id, tenant_id, material, language, delivery) values (${encounter.id}, ${owner.tenantId}, 'handout', 'sv', 'printed')`,
      );
      await tx.execute(sql`insert into screening_notes (encounter_id, tenant_id, note_encrypted) values (${encounter.id}, ${owner.tenantId}, 'v1.x.y.z.w')`);
      // A colleague elsewhere in the organisation is connected: the rules hide the encounter from them.
      const connected = world.users.find((user) => user.tenantId === owner.tenantId && user.userId !== owner.userId);
      if (connected)
        await tx.insert(recordConnections).values({ tenantId: owner.tenantId, recordType: ENCOUNTER_TYPE, recordId: encounter.id, userId: connected.userId });
      return {
        id: encounter.id,
        tenantId: owner.tenantId,
        unitId: owner.unitId,
        userId: owner.userId,
        ...(connected ? { hiddenFrom: [connected.userId] } : {}),
      };
    },
    paths: [
      { name: 'the encounters the organisation sees', reach: 'tenant', run: (tx) => recentEncounterIds(tx, sql`true`, 10_000) },
      {
        name: 'forms, answers, referrals and information of every encounter in the world',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const ids = (world.created.get('screening-encounters') ?? []).map((row) => row.id);
          const children = await loadChildren(tx, ids, true);
          const parents = new Map<string, string>();
          for (const row of [...children.referrals, ...children.information]) parents.set(row.encounterId, row.tenantId);
          const everyKind = ids.filter(
            (id) => parents.has(id) && children.forms.some((form) => form.encounterId === id) && children.answers.some((answer) => answer.encounterId === id),
          );
          return everyKind.map((id) => ({ id, tenantId: parents.get(id)! }));
        },
      },
      {
        name: 'the notes of every encounter in the world',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const rows = [];
          for (const created of world.created.get('screening-encounters') ?? []) {
            const note = await readNote(tx, created.id);
            if (note) rows.push({ id: note.encounterId, tenantId: note.tenantId });
          }
          return rows;
        },
      },
    ],
  },
  {
    name: 'screening-routines',
    tables: ['screening_processes', 'screening_routines', 'screening_routine_versions', 'screening_settings'],
    foreignRows: {
      screening_routines: { reason: 'Shared guidance is read by every organisation (ADR 0035).', allowedWhen: () => sql`shared` },
      screening_routine_versions: {
        reason: 'Published versions of shared guidance.',
        allowedWhen: () => sharedVersion('screening_routine_versions', 'screening_routines', 'routine_id'),
      },
    },
    async create(tx, owner) {
      const process = await insertProcess(tx, owner.tenantId, { next: 'draft' });
      await tx.insert(screeningSettings).values({ tenantId: owner.tenantId }).onConflictDoNothing();
      return { id: process.routineId, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the routines (shared guidance of others left out: shared by design)',
        reach: 'tenant',
        run: async (tx, caller) =>
          (await routines(tx)).filter((row) => !row.shared || row.tenantId === caller.tenantId).map((row) => ({ id: row.id, tenantId: row.tenantId })),
      },
      {
        name: 'the processes in force, by their routines',
        reach: 'tenant',
        run: async (tx) => {
          const rows = await processesInForce(tx);
          const routineRows = await routines(tx);
          return rows.flatMap(({ process }) =>
            routineRows.filter((routine) => routine.processId === process.id).map((routine) => ({ id: routine.id, tenantId: process.tenantId })),
          );
        },
      },
    ],
  },
  {
    name: 'screening-question-sets',
    tables: ['screening_question_sets', 'screening_question_set_versions'],
    foreignRows: {
      screening_question_sets: { reason: 'Shared question sets (the default set) are used by every organisation (ADR 0031).', allowedWhen: () => sql`shared` },
      screening_question_set_versions: {
        reason: 'Published versions of shared question sets.',
        allowedWhen: () => sharedVersion('screening_question_set_versions', 'screening_question_sets', 'question_set_id'),
      },
    },
    async create(tx, owner) {
      const set = await insertQuestionSet(tx, owner.tenantId, 'draft');
      return { id: set.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the question sets (shared sets of others left out: shared by design)',
        reach: 'tenant',
        run: async (tx, caller) =>
          (await questionSets(tx)).filter((set) => !set.shared || set.tenantId === caller.tenantId).map((set) => ({ id: set.id, tenantId: set.tenantId })),
      },
    ],
  },
  {
    name: 'screening-drafts',
    tables: ['screening_drafts'],
    async create(tx, owner) {
      const id = crypto.randomUUID();
      await tx.execute(
        sql`insert into screening_drafts (id, tenant_id, unit_id, user_id, payload_encrypted) values (${id}, ${owner.tenantId}, ${owner.unitId}, ${owner.userId}, 'v1.x.y.z.w')`,
      );
      return { id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [{ name: 'the caller’s drafts', reach: 'user', run: (tx) => listDrafts(tx, new Date(0)) }],
  },
  {
    name: 'screening-idempotency',
    tables: ['screening_idempotency'],
    async create(tx, owner) {
      const key = crypto.randomUUID();
      await tx.insert(screeningIdempotency).values({
        tenantId: owner.tenantId,
        actorId: owner.userId,
        key,
        operation: 'create',
        requestHash: 'x',
        encounterId: crypto.randomUUID(),
        statusCode: 201,
      });
      return { id: key, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the caller’s idempotency keys',
        reach: 'user',
        run: (tx) => tx.select({ id: screeningIdempotency.key, tenantId: screeningIdempotency.tenantId }).from(screeningIdempotency),
      },
    ],
  },
]);
