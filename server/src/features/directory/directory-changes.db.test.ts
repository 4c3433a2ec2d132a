import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryChange, DirectoryChangePreview, SearchResponse, ServiceDetail } from '#shared/contracts/directory.ts';
import { queryRows } from '../../platform/db/database.ts';
import { anonymous, createTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { createUnit, createUser, type TestUser } from '../../test-support/builders.ts';
import { createDirectoryEntry } from './directory-builders.ts';

/** Issue 22: a directory change goes live only when a second editor has previewed and published it. */
describe('four eyes on directory changes', () => {
  let app: TestApp;
  let author: TestUser;
  let second: TestUser;
  let caseworker: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    const lst = await createUnit(app.database, { organisation: 'LST-20' });
    author = await createUser(app.database, { roles: ['directory_editor'], unit: lst });
    second = await createUser(app.database, { roles: ['directory_editor'], unit: lst });
    caseworker = await createUser(app.database, { roles: ['caseworker'], unit: lst });
  });
  afterAll(() => app.close());

  const names = async (url: string, client?: Awaited<ReturnType<typeof signIn>>) =>
    (await (client ?? anonymous(app)).get(url)).json<SearchResponse>().services.map((service) => service.name);

  const audit = (changeOrService: string) =>
    app.database.system((tx) =>
      queryRows<{ action: string; actor_id: string; details: { change: string } }>(
        tx,
        sql`select action, actor_id, details from audit_events where record_id = ${changeOrService} order by seq`,
      ),
    );

  it('keeps the published version until another editor publishes the change, and audits both steps', async () => {
    const entry = await createDirectoryEntry(
      app.database,
      { tenantId: author.tenantId, id: author.id },
      { name: 'Jouren i Falun', area: { national: false, counties: [], municipalities: ['2080'] } },
    );
    const authorClient = await signIn(app, author);
    const proposed = await authorClient.put(`/api/v1/directory/entries/${entry.id}`, {
      version: entry.version,
      service: { ...entry.service, name: 'Kvinnojouren i Falun' },
    });
    expect(proposed.status).toBe(202);
    const change = proposed.json<DirectoryChange>();
    expect(change).toMatchObject({ status: 'pending', serviceId: entry.id, ownChange: true });

    // Nothing changed for the public, the caseworkers or the HSDS export.
    expect(await names('/api/v1/directory/services?municipality=2080')).toContain('Jouren i Falun');
    expect(await names('/api/v1/directory/services?municipality=2080')).not.toContain('Kvinnojouren i Falun');
    const staff = await signIn(app, caseworker);
    const staffNames = await names('/api/v1/directory/staff/services?municipality=2080', staff);
    expect(staffNames).toContain('Jouren i Falun');
    expect(staffNames).not.toContain('Kvinnojouren i Falun');
    expect((await anonymous(app).get('/api/v1/public/directory/export.json')).body).not.toContain('Kvinnojouren i Falun');

    // The author cannot publish their own change.
    const own = await authorClient.post(`/api/v1/directory/changes/${change.id}/publish`);
    expect(own.status).toBe(403);
    expect(own.json<{ detail: string }>().detail).toBe(
      'Du kan inte publicera eller returnera din egen ändring. En annan redaktör i din organisation måste förhandsgranska och publicera den.',
    );
    expect(await names('/api/v1/directory/services?municipality=2080')).not.toContain('Kvinnojouren i Falun');

    // The second editor previews: the published version beside the proposed one, and publishes.
    const secondClient = await signIn(app, second);
    expect((await secondClient.get('/api/v1/directory/changes')).json<{ changes: DirectoryChange[] }>().changes.map((c) => c.id)).toContain(change.id);
    const preview = (await secondClient.get(`/api/v1/directory/changes/${change.id}`)).json<DirectoryChangePreview>();
    expect(preview).toMatchObject({ ownChange: false, published: { name: 'Jouren i Falun' }, proposed: { name: 'Kvinnojouren i Falun' } });
    const published = await secondClient.post(`/api/v1/directory/changes/${change.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.json<DirectoryChange>().status).toBe('published');
    const after = await names('/api/v1/directory/services?municipality=2080');
    expect(after).toContain('Kvinnojouren i Falun');
    expect(after).not.toContain('Jouren i Falun');
    expect((await anonymous(app).get('/api/v1/public/directory/export.json')).body).toContain('Kvinnojouren i Falun');
    expect((await secondClient.get(`/api/v1/directory/entries/${entry.id}`)).json<ServiceDetail>().version).toBe(entry.version + 1);

    const events = await audit(entry.id);
    expect(events.map((event) => [event.actor_id, event.details.change])).toEqual([
      [author.id, 'proposed'],
      [second.id, 'published'],
    ]);
    // A decided change is decided: publishing it again is a conflict.
    expect((await secondClient.post(`/api/v1/directory/changes/${change.id}/publish`)).status).toBe(409);
  });

  it('creates a new service only on publication, and a returned change publishes nothing', async () => {
    const authorClient = await signIn(app, author);
    const service = {
      organizationName: 'Länsstyrelsen',
      name: 'Ny stödlinje i Dalarna',
      audiences: ['everyone'],
      kinds: ['phone_line'],
      area: { counties: ['20'] },
      phones: [{ number: '023-00 00 00' }],
    };
    const created = await authorClient.post('/api/v1/directory/entries', { service, verify: true });
    expect(created.status).toBe(202);
    const change = created.json<DirectoryChange>();
    expect(change.serviceId).toBeNull();
    expect(await names('/api/v1/directory/services?county=20')).not.toContain('Ny stödlinje i Dalarna');

    const secondClient = await signIn(app, second);
    expect((await secondClient.get(`/api/v1/directory/changes/${change.id}`)).json<DirectoryChangePreview>().published).toBeNull();
    const returned = await secondClient.post(`/api/v1/directory/changes/${change.id}/return`, { comment: 'Numret stämmer inte.' });
    expect(returned.status).toBe(200);
    expect(returned.json<DirectoryChange>()).toMatchObject({ status: 'returned', comment: 'Numret stämmer inte.' });
    expect((await secondClient.post(`/api/v1/directory/changes/${change.id}/publish`)).status).toBe(409);
    expect(await names('/api/v1/directory/services?county=20')).not.toContain('Ny stödlinje i Dalarna');
    expect((await audit(change.id)).map((event) => [event.actor_id, event.details.change])).toEqual([
      [author.id, 'proposed'],
      [second.id, 'returned'],
    ]);

    const again = (await authorClient.post('/api/v1/directory/entries', { service, verify: true })).json<DirectoryChange>();
    expect((await authorClient.post(`/api/v1/directory/changes/${again.id}/return`, { comment: 'Själv' })).status).toBe(403);
    const published = (await secondClient.post(`/api/v1/directory/changes/${again.id}/publish`)).json<DirectoryChange>();
    expect(published.serviceId).not.toBeNull();
    expect(await names('/api/v1/directory/services?county=20')).toContain('Ny stödlinje i Dalarna');
  });

  it('shows a returned change to its author with the reviewer and the comment until the author revises it, once (ADR 0112)', async () => {
    const entry = await createDirectoryEntry(
      app.database,
      { tenantId: author.tenantId, id: author.id },
      { name: 'Mottagningen i Borlänge', area: { national: false, counties: [], municipalities: ['2081'] } },
    );
    const authorClient = await signIn(app, author);
    const secondClient = await signIn(app, second);
    const change = (
      await authorClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: { ...entry.service, name: 'Mottagning Borlänge' } })
    ).json<DirectoryChange>();
    await secondClient.post(`/api/v1/directory/changes/${change.id}/return`, { comment: 'Behåll det fullständiga namnet.' });

    type Lists = { changes: DirectoryChange[]; returned: DirectoryChange[] };
    const mine = (await authorClient.get('/api/v1/directory/changes')).json<Lists>();
    expect(mine.returned.find((c) => c.id === change.id)).toMatchObject({
      status: 'returned',
      comment: 'Behåll det fullständiga namnet.',
      decidedBy: expect.any(String),
      ownChange: true,
    });
    expect(mine.changes.map((c) => c.id)).not.toContain(change.id);
    // Only the author is shown it: the reviewer's list holds no returned change of someone else.
    expect((await secondClient.get('/api/v1/directory/changes')).json<Lists>().returned.map((c) => c.id)).not.toContain(change.id);
    // The preview tells the author who returned it and why.
    expect((await authorClient.get(`/api/v1/directory/changes/${change.id}`)).json<DirectoryChangePreview>()).toMatchObject({
      status: 'returned',
      comment: 'Behåll det fullständiga namnet.',
    });

    // Someone else cannot revise it, nor can it be revised for another entry.
    const other = await createDirectoryEntry(
      app.database,
      { tenantId: author.tenantId, id: author.id },
      { name: 'Annan post', area: { national: false, counties: [], municipalities: ['2080'] } },
    );
    const wrongEntry = await authorClient.put(`/api/v1/directory/entries/${other.id}`, { version: other.version, service: other.service, revises: change.id });
    expect(wrongEntry.status).toBe(409);
    expect(wrongEntry.problem().errors).toMatchObject([{ field: 'revises', code: 'not_revisable' }]);
    expect(
      (await secondClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: entry.service, revises: change.id })).status,
    ).toBe(409);

    // The author revises it: a new pending change, and the returned one leaves the author's list.
    const revised = await authorClient.put(`/api/v1/directory/entries/${entry.id}`, {
      version: entry.version,
      service: { ...entry.service, name: 'Mottagningen för våldsutsatta i Borlänge' },
      revises: change.id,
    });
    expect(revised.status).toBe(202);
    const after = (await authorClient.get('/api/v1/directory/changes')).json<Lists>();
    expect(after.returned.map((c) => c.id)).not.toContain(change.id);
    expect(after.changes.map((c) => c.id)).toContain(revised.json<DirectoryChange>().id);
    // Once: a second revision of the same returned change is refused.
    const twice = await authorClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: entry.service, revises: change.id });
    expect(twice.status).toBe(409);
    // The revision goes through the same review.
    expect((await secondClient.post(`/api/v1/directory/changes/${revised.json<DirectoryChange>().id}/publish`)).status).toBe(200);
    expect(await names('/api/v1/directory/services?municipality=2081')).toContain('Mottagningen för våldsutsatta i Borlänge');
  });

  it('refuses in the database a change decided by its own author', async () => {
    const authorClient = await signIn(app, author);
    const entry = await createDirectoryEntry(
      app.database,
      { tenantId: author.tenantId, id: author.id },
      { area: { national: false, counties: ['20'], municipalities: [] } },
    );
    const change = (
      await authorClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: { ...entry.service, description: 'Ny text' } })
    ).json<DirectoryChange>();
    const refused: unknown = await app.database
      .system((tx) =>
        tx.execute(sql`update directory_changes set status = 'published', decided_by = author_id, decided_at = app_now() where id = ${change.id}`),
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(String((refused as { cause?: unknown } | null)?.cause)).toMatch(/directory_changes_second_person/);
  });

  it('tells the author at once when the entry moved on since they read it', async () => {
    const entry = await createDirectoryEntry(
      app.database,
      { tenantId: author.tenantId, id: author.id },
      { area: { national: false, counties: ['20'], municipalities: [] } },
    );
    const authorClient = await signIn(app, author);
    const secondClient = await signIn(app, second);
    const first = (
      await authorClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: { ...entry.service, description: 'A' } })
    ).json<DirectoryChange>();
    const rival = (
      await secondClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: { ...entry.service, description: 'B' } })
    ).json<DirectoryChange>();
    expect((await secondClient.post(`/api/v1/directory/changes/${first.id}/publish`)).status).toBe(200);
    // The rival was written on the old version: publishing it would overwrite A unseen.
    const stale = await authorClient.post(`/api/v1/directory/changes/${rival.id}/publish`);
    expect(stale.status).toBe(409);
    expect((await authorClient.put(`/api/v1/directory/entries/${entry.id}`, { version: entry.version, service: entry.service })).status).toBe(409);
  });
});
