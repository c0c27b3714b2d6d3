import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '@/db/migrate';
import { messages } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createConversation, createWorkspace } from '@/server/testing/factories';

/** Migration 0009's backfill, run again on failures stored the way the app stored them before it (English reasons). */
const backfill = (() => {
  const file = readdirSync(MIGRATIONS_FOLDER).find((name) => name.startsWith('0009_'))!;
  const text = readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8');
  return text.slice(text.indexOf('-- hand-written below'));
})();

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('the failure verdict backfill (migration 0009)', () => {
  it('keeps what the English reason said as data: the verdict, attempts, HTTP status and the provider’s words', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Acme');
    const channel = await createChannel(db, ws.id, 'whatsapp');
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel });
    const old = (errorCode: string, errorReason: string) => ({
      workspaceId: ws.id,
      conversationId: conversation.id,
      channelId: channel.id,
      direction: 'out' as const,
      kind: 'text' as const,
      body: errorCode,
      status: 'failed' as const,
      errorCode,
      errorReason,
    });
    const rows = await db
      .insert(messages)
      .values([
        old('80007', 'The WhatsApp account’s rate limit was reached. (gave up after 6 attempts)'),
        old('HTTP_400', 'The provider answered HTTP 400.'),
        old('131053', 'Media upload error'),
        old('131026', 'Message undeliverable: the number may not be on WhatsApp.'),
      ])
      .returning({ id: messages.id });

    await database.sql.unsafe(backfill);

    const after = await db
      .select({ code: messages.errorCode, kind: messages.failureKind, data: messages.errorData })
      .from(messages)
      .where(inArray(messages.id, rows.map((r) => r.id)))
      .orderBy(messages.id);
    expect(after).toEqual([
      { code: '80007', kind: 'transient', data: { attempts: 6, details: 'The WhatsApp account’s rate limit was reached.' } },
      { code: 'HTTP_400', kind: 'permanent', data: { httpStatus: 400, details: 'The provider answered HTTP 400.' } },
      { code: '131053', kind: 'permanent', data: { details: 'Media upload error' } },
      { code: '131026', kind: 'permanent', data: { details: 'Message undeliverable: the number may not be on WhatsApp.' } },
    ]);
  });
});
