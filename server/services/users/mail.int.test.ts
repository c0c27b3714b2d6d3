import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEnv } from '@/server/env';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';

/** A real SMTP server on a free port: the invitation goes out through nodemailer exactly as in production. */
type TReceived = { from: string | undefined; to: string[]; raw: string };
const received: TReceived[] = [];
let smtp: SMTPServer;
let database: TTestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on localhost: no certificate to trust in a test.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  publishEnv('SMTP_URL', `smtp://127.0.0.1:${port}`);
  publishEnv('SMTP_FROM', 'Nafidha <no-reply@nafidha.test>');
});
afterAll(async () => {
  publishEnv('SMTP_URL', undefined);
  publishEnv('SMTP_FROM', undefined);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.drop();
});

/** The decoded text of a received message (nodemailer sends non-ASCII text as quoted-printable or base64). */
function bodyOf(raw: string): { headers: string; text: string } {
  const [headers, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(headers!)) return { headers: headers!, text: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers!)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return { headers: headers!, text: Buffer.from(bytes, 'latin1').toString('utf8') };
  }
  return { headers: headers!, text: body };
}

describe('invitation emails over SMTP', () => {
  it('sends the link in the language the inviter chose, and says so', async () => {
    const workspace = await createWorkspace(database.db, 'متجر نافذة');
    const admin = await createUser(database.db, workspace.id, 'admin', 'لينا');
    const caller = callerFor(database.db, admin.id, workspace.id);
    expect((await caller.user.list()).mail).toBe(true);

    const arabic = await caller.user.invite({ email: 'Sara@Example.com', role: 'agent', locale: 'ar', origin: 'http://127.0.0.1:3999' });
    expect(arabic.email).toBe('sent');
    const english = await caller.user.invite({ email: 'omar@example.com', role: 'supervisor', locale: 'en', origin: 'http://127.0.0.1:3999' });
    expect(english.email).toBe('sent');

    expect(received.map((m) => [m.from, m.to])).toEqual([
      ['no-reply@nafidha.test', ['sara@example.com']],
      ['no-reply@nafidha.test', ['omar@example.com']],
    ]);
    const ar = bodyOf(received[0]!.raw);
    expect(ar.text).toContain(arabic.url);
    expect(ar.text).toContain('دعاك لينا للانضمام إلى متجر نافذة');
    expect(ar.headers).toMatch(/Content-Language: ar/);
    const en = bodyOf(received[1]!.raw);
    expect(en.text).toContain(english.url);
    expect(en.text).toContain('لينا invited you to join متجر نافذة on Nafidha');
  });

  it('keeps the invite and reports the failure when the mail server refuses', async () => {
    const workspace = await createWorkspace(database.db, 'Acme');
    const admin = await createUser(database.db, workspace.id, 'admin');
    const caller = callerFor(database.db, admin.id, workspace.id);
    const { port } = smtp.server.address() as AddressInfo;
    smtp.close();
    try {
      const invite = await caller.user.invite({ email: 'nobody-home@example.com', role: 'agent', origin: 'http://127.0.0.1:3999' });
      expect(invite.email).toBe('failed');
      expect((await caller.user.list()).invites.map((i) => i.email)).toEqual(['nobody-home@example.com']);
    } finally {
      await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    }
  });
});
