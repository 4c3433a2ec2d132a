import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolesRequireSecondFactor } from '#shared/auth/permissions.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';

/**
 * Resets need two people (issue 16 item 3, ADR 0084). Before, a coordinator's password reset
 * answered the one-time set-up link to the coordinator, who could also remove a caseworker's
 * second factor alone: together, an account takeover by one person.
 */
type Reset = { id: string; kind: string; status: string; delivery: string | null; requestedByMe: boolean; approvedBy: string | null };
type UserWithReset = { user: { id: string; totpEnabled: boolean; resets: Reset[] }; reset: Reset };

/** A minimal SMTP server on the loopback interface (RFC 5321 happy path) that keeps what it receives. */
async function smtpServer() {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let message = '';
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString('utf8').split('\r\n')) {
        if (data) {
          if (line === '.') {
            data = false;
            received.push(message);
            message = '';
            socket.write('250 OK\r\n');
          } else message += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 localhost\r\n');
        else if (/^(MAIL|RCPT|RSET|NOOP)/i.test(line)) socket.write('250 OK\r\n');
        else if (/^DATA/i.test(line)) {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Quoted-printable soft breaks and escapes, as nodemailer writes long lines. */
const unfold = (mail: string) => mail.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const NO_LINK = /nytt-losenord|#[A-Za-z0-9_-]{43}/;

describe('resets need two people; the link goes only to the person', () => {
  let app: TestApp;
  let unit: TestUnit;
  let first: TestUser;
  let second: TestUser;
  let firstClient: ApiClient;
  let secondClient: ApiClient;

  beforeAll(async () => {
    app = await createTestApp();
    unit = await createUnit(app.database, { organisation: 'FK' });
    first = await createUser(app.database, { roles: ['agency_coordinator'], unit });
    second = await createUser(app.database, { roles: ['agency_coordinator'], unit });
    firstClient = await signIn(app, first);
    secondClient = await signIn(app, second);
  });
  afterAll(() => app.close());

  const auditOf = (userId: string) =>
    app.database.system((tx) =>
      queryRows<{ action: string; actor_id: string; details: Record<string, unknown> | null }>(
        tx,
        sql`select action, actor_id, details from audit_events where record_type = 'user' and record_id = ${userId} order by seq`,
      ),
    );

  it('a password reset answers no link or token to the caller; without mail a second administrator releases it (old code answered the link)', async () => {
    const caseworker = await createUser(app.database, { roles: ['caseworker'], unit });
    const response = await firstClient.post(`/api/v1/admin/users/${caseworker.id}/reset-password`);
    expect(response.status).toBe(200);
    expect(response.body).not.toMatch(NO_LINK);
    const { reset } = response.json<UserWithReset>();
    expect(reset).toMatchObject({ kind: 'password', status: 'awaiting_handover', delivery: null, requestedByMe: true });
    // The password still works until the link is released: a request alone takes nothing over.
    expect((await anonymous(app).post('/api/v1/auth/login', { email: caseworker.email, password: caseworker.password })).json().code).toBe(
      'second_factor_required',
    );

    const own = await firstClient.post(`/api/v1/admin/users/${caseworker.id}/resets/${reset.id}/approve`);
    expect(own.status).toBe(409);
    expect(own.json().detail).toBe('En annan administratör än den som begärde måste godkänna eller lämna över.');
    expect(own.body).not.toMatch(NO_LINK);

    const released = await secondClient.post(`/api/v1/admin/users/${caseworker.id}/resets/${reset.id}/approve`);
    expect(released.status).toBe(200);
    expect(released.headers['cache-control']).toBe('no-store');
    const { setupLink, reset: done } = released.json<{ setupLink: { url: string }; reset: Reset }>();
    expect(done).toMatchObject({ status: 'done', delivery: 'handover', approvedBy: second.id });
    expect(setupLink.url).toMatch(/\/personal\/nytt-losenord#[A-Za-z0-9_-]{43}$/);
    expect(
      (await anonymous(app).post('/api/v1/auth/password-setup', { token: setupLink.url.split('#')[1], password: 'blå cyklar rullar i regnet' })).status,
    ).toBe(204);
    expect((await secondClient.post(`/api/v1/admin/users/${caseworker.id}/resets/${reset.id}/approve`)).status).toBe(409);

    const audit = await auditOf(caseworker.id);
    expect(audit.filter((event) => event.action.startsWith('users.')).map((event) => [event.action, event.actor_id])).toEqual([
      ['users.reset_password', first.id],
      ['users.release_setup_link', second.id],
    ]);
    expect(audit[1]!.details).toMatchObject({ reset: reset.id, requestedBy: first.id });
  });

  it('a new account’s set-up link is not answered to its creator either', async () => {
    const created = await firstClient.post('/api/v1/admin/users', {
      email: 'ny.person@test.upptack.se',
      displayName: 'Ny Person',
      unitId: unit.id,
      role: 'caseworker',
      startsOn: '2026-11-23',
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toMatch(NO_LINK);
    const { user, reset } = created.json<UserWithReset>();
    expect(reset).toMatchObject({ kind: 'account_setup', status: 'awaiting_handover' });
    const [row] = await app.database.system((tx) =>
      queryRows<{ hash: string | null }>(tx, sql`select password_setup_hash as hash from users where id = ${user.id}`),
    );
    expect(row!.hash).toBeNull();
    const pending = await secondClient.get('/api/v1/admin/user-resets');
    expect(pending.json<{ resets: Reset[] }>().resets.map((r) => r.id)).toContain(reset.id);
    expect((await firstClient.post(`/api/v1/admin/users/${user.id}/resets/${reset.id}/approve`)).status).toBe(409);
    const released = await secondClient.post(`/api/v1/admin/users/${user.id}/resets/${reset.id}/approve`);
    expect(released.json<{ setupLink: { url: string } }>().setupLink.url).toMatch(/nytt-losenord#/);
  });

  it('removing the second factor of someone who reads individual-level data waits for a second administrator; the person is told', async () => {
    const caseworker = await createUser(app.database, { roles: ['caseworker'], unit });
    const requested = await firstClient.post(`/api/v1/admin/users/${caseworker.id}/reset-second-factor`);
    expect(requested.status).toBe(200);
    const { user, reset } = requested.json<UserWithReset>();
    expect(reset).toMatchObject({ kind: 'second_factor', status: 'awaiting_approval' });
    // Old code removed it at once; now it stays until approval, and the person still signs in with it.
    expect(user.totpEnabled).toBe(true);
    const caseworkerClient = await signIn(app, caseworker);
    expect((await firstClient.post(`/api/v1/admin/users/${caseworker.id}/reset-second-factor`)).status).toBe(409);

    const own = await firstClient.post(`/api/v1/admin/users/${caseworker.id}/resets/${reset.id}/approve`);
    expect(own.status).toBe(409);
    const stillEnrolled = await app.database.system((tx) =>
      queryRows<{ on: boolean }>(tx, sql`select totp_enabled_at is not null as on from users where id = ${caseworker.id}`),
    );
    expect(stillEnrolled[0]!.on).toBe(true);
    // Not even the database lets the requester approve (migration 0115).
    await expect(app.database.system((tx) => tx.execute(sql`update user_resets set approved_by = requested_by where id = ${reset.id}`))).rejects.toThrow();

    const approved = await secondClient.post(`/api/v1/admin/users/${caseworker.id}/resets/${reset.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.json()).toMatchObject({ setupLink: null, reset: { status: 'done', approvedBy: second.id } });
    expect((await caseworkerClient.get('/api/v1/permissions')).json().code).toBe('session_expired');

    const again = await signIn(app, { ...caseworker, totpSecret: undefined });
    const session = (await again.get('/api/v1/auth/session')).json<{ stage: string; securityNotices: Array<{ kind: string }> }>();
    expect(session.stage).toBe('totp_enrolment');
    expect(session.securityNotices.map((notice) => notice.kind)).toEqual(['second_factor_reset']);

    const audit = await auditOf(caseworker.id);
    expect(audit.filter((e) => e.action.includes('second_factor')).map((e) => [e.action, e.actor_id])).toEqual([
      ['users.request_second_factor_reset', first.id],
      ['users.reset_second_factor', second.id],
    ]);
  });

  it('the second factor of a role that needs none is removed at once', async () => {
    expect(rolesRequireSecondFactor(['directory_editor'])).toBe(false);
    const editor = await createUser(app.database, { roles: ['directory_editor'], unit, totp: false });
    const response = await firstClient.post(`/api/v1/admin/users/${editor.id}/reset-second-factor`);
    expect(response.json<UserWithReset>().reset).toMatchObject({ status: 'done' });
  });

  it('with a mail server the link goes to the person by mail, never to the caller, and the person is told of a second-factor reset', async () => {
    const smtp = await smtpServer();
    const mailing = await createTestApp({ database: app.database, config: { smtpUrl: smtp.url, mailFrom: 'upptack@fk.example' } });
    try {
      const admin = await signIn(mailing, first);
      const approver = await signIn(mailing, second);
      const caseworker = await createUser(mailing.database, { roles: ['caseworker'], unit });
      const response = await admin.post(`/api/v1/admin/users/${caseworker.id}/reset-password`);
      expect(response.body).not.toMatch(NO_LINK);
      expect(response.json<UserWithReset>().reset).toMatchObject({ status: 'done', delivery: 'mail' });
      expect(smtp.received).toHaveLength(1);
      const mail = unfold(smtp.received[0]!);
      expect(mail).toContain(`To: ${caseworker.email}`);
      const token = /nytt-losenord#([A-Za-z0-9_-]{43})/.exec(mail)![1]!;
      expect((await anonymous(mailing).post('/api/v1/auth/password-setup', { token, password: 'blå cyklar rullar i regnet' })).status).toBe(204);

      const factor = (await admin.post(`/api/v1/admin/users/${caseworker.id}/reset-second-factor`)).json<UserWithReset>().reset;
      expect(smtp.received).toHaveLength(1);
      await approver.post(`/api/v1/admin/users/${caseworker.id}/resets/${factor.id}/approve`);
      expect(smtp.received).toHaveLength(2);
      expect(unfold(smtp.received[1]!)).toContain(`To: ${caseworker.email}`);
    } finally {
      await mailing.server.close();
      await smtp.close();
    }
  });
});
