import { ROLES } from '#shared/auth/roles.ts';
import { jobs } from '../../platform/jobs/schema.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';

/** A job is its creator's alone (row-level security: tenant and creator). */
async function job(context: CaseContext, status: 'succeeded' | 'failed' = 'succeeded') {
  const [row] = await context.app.database.system((tx) =>
    tx
      .insert(jobs)
      .values({
        kind: 'test.export',
        status,
        tenantId: context.owner.unit.tenantId,
        createdBy: context.owner.user.id,
        resultFile: Buffer.from('id\n1\n'),
        resultFilename: 'export.csv',
        resultContentType: 'text/csv',
      })
      .returning({ id: jobs.id }),
  );
  return row!.id;
}

const ownJobs = Object.fromEntries(ROLES.map((role) => [role, 'own'])) as Record<(typeof ROLES)[number], 'own'>;

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/jobs',
    kind: 'collection',
    success: 200,
    audit: 0,
    // A service account may ask too; it has started no job, so its list is empty.
    reach: { ...ownJobs, service: 'own' },
    async prepare(context) {
      const id = await job(context);
      return { url: '/api/v1/jobs', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'GET /api/v1/jobs/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    reach: ownJobs,
    prepare: async (context) => ({ url: `/api/v1/jobs/${await job(context)}` }),
  },
  {
    route: 'POST /api/v1/jobs/:id/retry',
    kind: 'record',
    success: 200,
    audit: 0,
    reach: ownJobs,
    prepare: async (context) => ({ url: `/api/v1/jobs/${await job(context, 'failed')}/retry` }),
  },
  {
    route: 'GET /api/v1/jobs/:id/result',
    kind: 'record',
    success: 200,
    audit: 0,
    reach: ownJobs,
    prepare: async (context) => ({ url: `/api/v1/jobs/${await job(context)}/result` }),
  },
]);
