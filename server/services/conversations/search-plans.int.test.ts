import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { TInboxListInput } from '@/server/services/conversations/schemas';
import { resolveWorkspace, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { listConversations } from './list';
import { planSearch } from './search-plan';
import type { TSearchPlan } from './search-sql';
import { parseSearch } from '@/server/domain/search-query';

/**
 * The search's plans (search-plan.ts) are one predicate in two forms: whichever runs, every page of every view must
 * hold the same rows in the same order, with the same cursors. Broad and rare terms, names with other Arabic letter
 * forms, phone formats, message words, ties on last activity, and walks too short to fill a page (so the page is
 * finished by the set form from where the walk stopped).
 */
const BASE = Date.parse('2026-11-20T12:00:00.000Z');
const FIRST = ['محمد', 'أحمد', 'Sara', 'John', 'فاطمة', 'Omar'];
const LAST = ['العتيبي', 'العتيبى', 'Smith', 'Smithson', 'الشمري', 'Walker', 'Haddad'];
const WORDS = ['Where is my order?', 'متى يوصل طلبي؟', 'thanks a lot', 'شكراً', 'hello', 'order A-77123 arrived broken'];

let database: TTestDatabase;
let supervisor: TWorkspaceContext;
let agent: TWorkspaceContext;
let supervisorId: string;
let agentId: string;
let teamId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const ws = await createWorkspace(db, 'Plans', { defaultCountry: 'SA' });
  supervisorId = (await createUser(db, ws.id, 'supervisor')).id;
  agentId = (await createUser(db, ws.id, 'agent')).id;
  teamId = await addToTeam(db, ws.id, supervisorId, 'Support');
  const wa = await createChannel(db, ws.id, 'whatsapp');
  for (let i = 0; i < 180; i++) {
    // Every third pair shares its last activity to the microsecond: the keyset must break ties by id in both forms.
    const at = new Date(BASE - Math.floor(i / 3) * 60_000 - (i % 3 === 2 ? 7 : 0));
    const { conversation } = await createConversation(db, {
      workspaceId: ws.id,
      channel: wa,
      status: i % 4 === 0 ? 'open' : 'closed',
      assigneeId: i % 5 === 0 ? null : i % 5 < 3 ? agentId : supervisorId,
      teamId: i % 2 === 0 ? teamId : null,
      lastMessageAt: at,
      firstName: FIRST[i % FIRST.length],
      lastName: LAST[(i * 7) % LAST.length],
      phone: `+9665512${String(10_000 + i).padStart(5, '0')}`,
    });
    const body = WORDS[(i * 5) % WORDS.length]!;
    await db.insert(s.messages).values({
      workspaceId: ws.id,
      conversationId: conversation.id,
      channelId: wa.id,
      direction: i % 6 === 5 ? 'note' : 'in',
      kind: 'text',
      body,
      createdAt: at,
      sentAt: at,
    });
  }
  // A lookalike in another workspace never appears, whatever the plan.
  const other = await createWorkspace(db, 'Other');
  await createConversation(db, { workspaceId: other.id, channel: await createChannel(db, other.id, 'whatsapp'), firstName: 'John', lastName: 'Smith' });
  await database.sql`analyze`;
  supervisor = (await resolveWorkspace(db, supervisorId, ws.id))!;
  agent = (await resolveWorkspace(db, agentId, ws.id))!;
});
afterAll(() => database.drop());

const PLANS: TSearchPlan[] = [
  { kind: 'set' },
  { kind: 'walk', contacts: 'test', messages: 'set', bound: 20_000 },
  { kind: 'walk', contacts: 'set', messages: 'test', bound: 20_000 },
  { kind: 'walk', contacts: 'set', messages: 'set', bound: 20_000 },
  // Walks that stop long before a page is full: the set form finishes each page from where they stopped.
  { kind: 'walk', contacts: 'test', messages: 'test', bound: 3 },
  { kind: 'walk', contacts: 'set', messages: 'set', bound: 11 },
];

/** Every page of a list, as ids and cursors, following the cursors to the end. */
async function allPages(ctx: TWorkspaceContext, userId: string, input: TInboxListInput, plan?: TSearchPlan) {
  const pages: { ids: string[]; next: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const page = await listConversations(database.db, ctx, userId, { ...input, cursor, limit: 7 }, plan);
    pages.push({ ids: page.items.map((item) => item.id), next: page.nextCursor });
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

const TERMS = [
  'smith', // broad, Latin, inside a longer name (Smithson)
  'SMITHSON',
  'العتيب', // broad fragment, stored as both ي and ى
  'العتيبى',
  'احمد', // typed without the hamza
  'order', // common word in messages
  'طلب',
  'A-77123',
  '0551210042', // national phone format
  '+966 55 121 0007',
  'zzzz', // nothing
];

describe('search plans return the same pages', () => {
  for (const q of TERMS) {
    it(`"${q}" in every view, Open and Closed, page after page`, async () => {
      const views: [TWorkspaceContext, string, TInboxListInput['view']][] = [
        [agent, agentId, 'mine'],
        [agent, agentId, 'unassigned'],
        [supervisor, supervisorId, 'all'],
        [supervisor, supervisorId, `team:${teamId}`],
      ];
      for (const [ctx, userId, view] of views) {
        for (const status of ['open', 'closed'] as const) {
          const input: TInboxListInput = { view, status, q };
          const reference = await allPages(ctx, userId, input, { kind: 'set' });
          for (const plan of [...PLANS, undefined]) {
            expect(await allPages(ctx, userId, input, plan), `${view}/${status} ${JSON.stringify(plan ?? 'chosen')}`).toEqual(reference);
          }
        }
      }
    });
  }

  it('the reference pages are the matches themselves, newest first (not an empty list on both sides)', async () => {
    const pages = await allPages(supervisor, supervisorId, { view: 'all', status: 'closed', q: 'العتيب' });
    const ids = pages.flatMap((p) => p.ids);
    const rows = await database.sql<{ id: string }[]>`
      select cv.id from conversations cv join contacts k on k.id = cv.contact_id
      where cv.workspace_id = ${supervisor.id} and cv.status = 'closed' and k.last_name in ('العتيبي', 'العتيبى')
      order by cv.last_message_at desc, cv.id desc`;
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(ids.length).toBeGreaterThan(20);
    expect(pages.length).toBeGreaterThan(3);
  });

  it('chooses the walk for a broad term and the set for a rare one, from the statistics', async () => {
    expect((await planSearch(database.db, supervisor.id, parseSearch('العتيب', 'SA'), 50)).kind).toBe('walk');
    expect(await planSearch(database.db, supervisor.id, parseSearch('zzzz', 'SA'), 50)).toEqual({ kind: 'set' });
    expect(await planSearch(database.db, supervisor.id, parseSearch('order', 'SA'), 50)).toMatchObject({ kind: 'walk' });
  });
});
