import { jobs } from '../../platform/jobs/schema.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';

/** Background jobs: each belongs to the user who started it, in their organisation. */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'jobs',
    tables: ['jobs'],
    async create(tx, owner) {
      const [row] = await tx.insert(jobs).values({ kind: 'test.export', tenantId: owner.tenantId, createdBy: owner.userId }).returning({ id: jobs.id });
      return { id: row!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the caller’s jobs',
        reach: 'user',
        run: async (tx) =>
          (await tx.select({ id: jobs.id, tenantId: jobs.tenantId }).from(jobs)).map((row) => ({ id: row.id, tenantId: row.tenantId ?? 'none' })),
      },
    ],
  },
]);
