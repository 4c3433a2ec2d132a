import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationId } from '../organisations/organisation-id.ts';
import { createUser, createUnit } from '../../test-support/builders.ts';
import { createExampleRespondent, createExampleRound, exampleFixture } from '../../test-support/example-records/builders.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { queryRows, sqlState } from '../db/database.ts';
import { tokenAccess } from './token-access.ts';

type Rounds = { rounds: Array<{ id: string; title: string; owned: boolean }> };

describe('shared data across organisations and anonymous token access (ADR 0011)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(exampleFixture);
  });
  afterAll(() => app.close());

  it('a shared row keeps its owner; the organisations it is shared with read it, others do not, and only the owner changes it', async () => {
    const round = await createExampleRound(app.database, {
      tenantId: organisationId('LST-20'),
      title: 'Årsuppföljning 2026',
      sharedWith: [organisationId('KOM-2080')],
    });
    const county = await signIn(
      app,
      await createUser(app.database, { roles: ['county_strategist'], unit: await createUnit(app.database, { organisation: 'LST-20' }) }),
    );
    const municipality = await signIn(
      app,
      await createUser(app.database, { roles: ['county_strategist'], unit: await createUnit(app.database, { organisation: 'KOM-2080' }) }),
    );
    const outsider = await signIn(
      app,
      await createUser(app.database, { roles: ['county_strategist'], unit: await createUnit(app.database, { organisation: 'KOM-2081' }) }),
    );

    expect((await county.get('/api/v1/example-rounds')).json<Rounds>().rounds).toEqual([{ id: round.id, title: 'Årsuppföljning 2026', owned: true }]);
    expect((await municipality.get('/api/v1/example-rounds')).json<Rounds>().rounds).toEqual([{ id: round.id, title: 'Årsuppföljning 2026', owned: false }]);
    expect((await outsider.get('/api/v1/example-rounds')).json<Rounds>().rounds).toEqual([]);

    const recipient = { role: 'upptack_app' as const, settings: { tenant_id: organisationId('KOM-2080') } };
    const changed = await app.database.transaction(recipient, (tx) =>
      queryRows<{ id: string }>(tx, sql`update example_rounds set title = 'Kapad' where id = ${round.id} returning id`),
    );
    expect(changed).toEqual([]);
    const reshared = await app.database
      .transaction(recipient, (tx) =>
        tx.execute(
          sql`insert into example_round_shares (round_id, tenant_id, shared_with_tenant_id) values (${round.id}, ${organisationId('LST-20')}, ${organisationId('KOM-2081')})`,
        ),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(sqlState(reshared)).toBe('42501');
  });

  it('a respondent link reaches its own row and the round’s title, and nothing else', async () => {
    const round = await createExampleRound(app.database, { tenantId: organisationId('LST-20'), title: 'Kvinnojoursenkäten' });
    const mine = await createExampleRespondent(app.database, round);
    const theirs = await createExampleRespondent(app.database, round, 'deras svar');

    const read = await anonymous(app).get(`/api/v1/public/example-responses/${mine}`);
    expect(read.status).toBe(200);
    expect(read.json()).toEqual({ round: 'Kvinnojoursenkäten', answer: null });
    expect(read.headers['set-cookie']).toBeUndefined();
    expect((await anonymous(app).put(`/api/v1/public/example-responses/${mine}`, { answer: 'mitt svar' })).status).toBe(204);
    expect((await anonymous(app).get(`/api/v1/public/example-responses/${theirs}`)).json()).toEqual({ round: 'Kvinnojoursenkäten', answer: 'deras svar' });
    expect((await anonymous(app).get(`/api/v1/public/example-responses/${mine}`)).json()).toEqual({ round: 'Kvinnojoursenkäten', answer: 'mitt svar' });
    expect((await anonymous(app).get('/api/v1/public/example-responses/not-a-real-token-at-all-0000')).status).toBe(404);

    const [seen] = await app.database.transaction(tokenAccess(mine), (tx) =>
      queryRows<{ respondents: number; rounds: number }>(
        tx,
        sql`select (select count(*) from example_respondents)::int as respondents, (select count(*) from example_rounds)::int as rounds`,
      ),
    );
    expect(seen).toEqual({ respondents: 1, rounds: 1 });
  });

  it('without a token the public role sees no token rows, and it never reaches organisations’ data', async () => {
    const round = await createExampleRound(app.database, { tenantId: organisationId('LST-20') });
    await createExampleRespondent(app.database, round, 'svar');
    const [none] = await app.database.transaction({ role: 'upptack_public', settings: {} }, (tx) =>
      queryRows<{ respondents: number; rounds: number }>(
        tx,
        sql`select (select count(*) from example_respondents)::int as respondents, (select count(*) from example_rounds)::int as rounds`,
      ),
    );
    expect(none).toEqual({ respondents: 0, rounds: 0 });
    for (const table of ['example_records', 'users', 'memberships', 'audit_events', 'service_accounts', 'record_protections']) {
      const denied = await app.database
        .transaction(tokenAccess('some-token-value'), (tx) => tx.execute(sql`select count(*) from ${sql.identifier(table)}`))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(sqlState(denied), table).toBe('42501');
    }
  });
});
