import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { deliverMessage } from '@/server/services/messages/delivery';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { boss, QUEUES, startBoss, stopBoss } from './boss';

let database: TTestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

describe('a worker killed mid-send', () => {
  it('is recovered by the queue: the message is delivered once, neither lost nor duplicated', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Acme');
    const agent = await createUser(db, ws.id, 'agent');
    const channel = await createChannel(db, ws.id, 'telegram');
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel, assigneeId: agent.id });
    const { messageId } = await callerFor(db, agent.id).message.send({
      conversationId: conversation.id,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'survive a crash' },
    });

    // A worker takes the job and dies before finishing it.
    const [taken] = await boss().fetch<{ messageId: number }>(QUEUES.send);
    expect(taken?.data.messageId).toBe(messageId);
    await database.sql`update pgboss.job set started_on = now() - interval '1 hour' where id = ${taken!.id}`;

    // The queue's supervision notices the silent job and schedules it again.
    await boss().maintain();
    const [retried] = await boss().fetch<{ messageId: number }>(QUEUES.send, { ignoreStartAfter: true, includeMetadata: true });
    expect(retried).toMatchObject({ id: taken!.id, data: { messageId }, retryCount: 1 });
    await deliverMessage(db, messageId, { retryCount: retried!.retryCount, retryLimit: retried!.retryLimit });
    await boss().complete(QUEUES.send, retried!.id);

    const stored = await db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(stored.filter((m) => m.direction === 'out')).toEqual([
      expect.objectContaining({ id: messageId, status: 'sent', providerMessageId: `sim.out.${messageId}` }),
    ]);
    expect(await boss().fetch(QUEUES.send, { ignoreStartAfter: true })).toEqual([]);
  });
});
