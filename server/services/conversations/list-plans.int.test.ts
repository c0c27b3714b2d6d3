import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '@/db/client';
import * as schema from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { listConversations } from './list';
import { listMessages } from '@/server/services/messages/list';
import { resolveWorkspace } from '@/server/services/workspaces/context';

/**
 * The list queries must read their indexes in order: at a million conversations a query whose ORDER BY does not
 * match its index sorts every matching row (1.5 s for All / Closed before this test existed). With sorting disabled
 * the planner only picks a Sort when it has no index in the right order, so any Sort node in the plan fails here.
 */
let database: TTestDatabase;
let captured: { query: string; params: unknown[] }[] = [];
let capturing: TDb;

beforeAll(async () => {
  database = await createTestDatabase();
  capturing = drizzle(database.sql, {
    schema,
    logger: { logQuery: (query, params) => captured.push({ query, params: [...params] }) },
  }) as unknown as TDb;
});
afterAll(() => database.drop());

async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  captured = [];
  await run();
  const plans: string[] = [];
  for (const { query, params } of captured) {
    const bound = params.map((p) => (p instanceof Date ? p.toISOString() : p)) as never[];
    const rows = await database.sql.begin(async (tx) => {
      await tx`set local enable_sort = off`;
      return tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query}`, bound);
    });
    plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

describe('list plans', () => {
  it('read the list indexes in order for every view, status and page (no Sort node)', async () => {
    const ws = await createWorkspace(database.db, 'Plans');
    const agent = await createUser(database.db, ws.id, 'admin');
    const channel = await createChannel(database.db, ws.id, 'whatsapp');
    for (let i = 0; i < 30; i++)
      await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: i % 2 ? agent.id : null });
    const workspace = (await resolveWorkspace(database.db, agent.id, ws.id))!;

    for (const view of ['mine', 'unassigned', 'all'] as const) {
      for (const status of ['open', 'closed'] as const) {
        const first = await listConversations(database.db, workspace, agent.id, { view, status, sort: 'latest', limit: 5 });
        const pages = [
          { view, status, sort: 'latest' as const, limit: 5 },
          ...(first.nextCursor ? [{ view, status, sort: 'latest' as const, limit: 5, cursor: first.nextCursor }] : []),
        ];
        for (const input of pages) {
          const plans = await plansOf(() => listConversations(capturing, workspace, agent.id, input));
          for (const plan of plans) expect(plan, `${view}/${status}${input.cursor ? ' (next page)' : ''}`).not.toMatch(/\bSort\b/);
        }
      }
    }
  });

  it('read the Mentions view in conversation_mentions_view_idx order, first and next page', async () => {
    const ws = await createWorkspace(database.db, 'Mention plans');
    const agent = await createUser(database.db, ws.id, 'agent');
    const channel = await createChannel(database.db, ws.id, 'whatsapp');
    for (let i = 0; i < 30; i++) {
      const { conversation } = await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: agent.id });
      const [note] = await database.db
        .insert(schema.messages)
        .values({ workspaceId: ws.id, conversationId: conversation.id, channelId: channel.id, direction: 'note', kind: 'text', body: 'n' })
        .returning({ id: schema.messages.id });
      await database.db.insert(schema.conversationMentions).values({
        workspaceId: ws.id,
        userId: agent.id,
        conversationId: conversation.id,
        messageId: note!.id,
        mentionedAt: new Date(Date.now() - i * 60_000),
      });
    }
    const workspace = (await resolveWorkspace(database.db, agent.id, ws.id))!;
    const first = await listConversations(database.db, workspace, agent.id, { view: 'mentions', limit: 5 });
    expect(first.nextCursor).not.toBeNull();
    for (const input of [
      { view: 'mentions' as const, limit: 5 },
      { view: 'mentions' as const, limit: 5, cursor: first.nextCursor },
    ]) {
      const plans = await plansOf(() => listConversations(capturing, workspace, agent.id, input));
      for (const plan of plans) expect(plan, `mentions${input.cursor ? ' (next page)' : ''}`).not.toMatch(/\bSort\b/);
    }
  });

  it('read a conversation’s messages in index order, newest page and newer-than alike', async () => {
    const ws = await createWorkspace(database.db, 'Message plans');
    const agent = await createUser(database.db, ws.id, 'admin');
    const channel = await createChannel(database.db, ws.id, 'whatsapp');
    const { conversation } = await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: agent.id });
    const workspace = (await resolveWorkspace(database.db, agent.id, ws.id))!;
    for (const input of [
      { conversationId: conversation.id, limit: 50 },
      { conversationId: conversation.id, limit: 50, cursor: 1_000_000 },
      { conversationId: conversation.id, limit: 50, after: 1 },
    ]) {
      const plans = await plansOf(() => listMessages(capturing, workspace, agent.id, input));
      for (const plan of plans) {
        expect(plan, JSON.stringify(input)).not.toMatch(/\bSort\b/);
        // Not the primary key walked backwards with a filter: that reads every newer message of every conversation.
        if (plan.includes('messages')) expect(plan, JSON.stringify(input)).toContain('messages_conversation_idx');
      }
    }
  });
});
