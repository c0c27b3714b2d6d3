/**
 * Who the benchmark acts as and what it asks for: the busiest agent of the big workspace, every inbox list shape
 * (view × status × sort, first page and a deep keyset page) and the search shapes, with search terms picked from
 * the data so they match real rows: a phone number typed in another format, an Arabic name typed with other
 * letter variants, and an order number quoted in message text.
 */
import type postgres from 'postgres';
import type { TDb } from '../../db/client';
import { listConversations } from '@/server/services/conversations/list';
import type { TInboxListInput } from '@/server/services/conversations/schemas';
import { resolveWorkspace, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { broadNameTerms, commonMessageWords } from './broad-terms';
import { BENCH_EMAIL_DOMAIN } from './config';

export type TBenchActor = {
  workspace: TWorkspaceContext;
  userId: string;
  email: string;
  teamId: string;
};

export async function benchActor(db: TDb, sql: postgres.Sql, meta: Record<string, unknown>): Promise<TBenchActor> {
  const workspaces = meta.workspaces as { id: string }[];
  const email = `w1.agent01@${BENCH_EMAIL_DOMAIN}`;
  const [user] = await sql<{ id: string; team_id: string }[]>`
    select u.id, tm.team_id from users u join team_members tm on tm.user_id = u.id where u.email = ${email} limit 1`;
  if (!user) throw new Error(`bench user ${email} not found`);
  const workspace = await resolveWorkspace(db, user.id, workspaces[0]!.id);
  if (!workspace) throw new Error('bench workspace not found');
  return { workspace, userId: user.id, email, teamId: user.team_id };
}

export type TSearchTerms = { phone: string; phoneIntl: string; arabicName: string; orderNumber: string; commonWord: string };

/** Variants a user might type: أ→ا, ة→ه, ي→ى; the stored spelling is the other one. */
function retype(name: string): string {
  return name.replace(/أ|إ|آ/g, 'ا').replace(/ة/g, 'ه').replace(/ي$/g, 'ى').replace(/ّ/g, '');
}

export async function searchTerms(sql: postgres.Sql, workspaceId: string): Promise<TSearchTerms> {
  const [sa] = await sql<{ phone: string }[]>`
    select phone from contacts where workspace_id = ${workspaceId} and phone like '+9665%' order by id limit 1`;
  const [intl] = await sql<{ phone: string }[]>`
    select phone from contacts where workspace_id = ${workspaceId} and phone like '+44%' order by id limit 1`;
  const [arabic] = await sql<{ first_name: string; last_name: string }[]>`
    select first_name, last_name from contacts
    where workspace_id = ${workspaceId} and first_name in ('فاطمة', 'أحمد', 'أسامة') and last_name like 'ال%ي' order by id limit 1`;
  const [order] = await sql<{ order_no: string }[]>`
    select substring(body from 'A-[0-9]{5}') as order_no from messages
    where workspace_id = ${workspaceId} and direction = 'in' and body like '%A-%' order by id desc limit 1`;
  const local = sa!.phone.slice(4); // +966 5x xxx xxxx → 05x xxx xxxx
  const uk = intl!.phone.slice(3);
  return {
    phone: `0${local.slice(0, 2)} ${local.slice(2, 5)} ${local.slice(5)}`,
    phoneIntl: `0044 ${uk.slice(0, 4)} ${uk.slice(4)}`,
    arabicName: `${retype(arabic!.first_name)} ${retype(arabic!.last_name)}`,
    orderNumber: order!.order_no,
    commonWord: 'refund',
  };
}

export type TListShape = { name: string; input: TInboxListInput; deep: boolean };

export function listShapes(actor: TBenchActor): TListShape[] {
  const views = ['mine', 'unassigned', 'all', `team:${actor.teamId}`] as const;
  const shapes: TListShape[] = [];
  for (const view of views) {
    for (const status of ['open', 'closed'] as const) {
      for (const sort of ['latest', 'waiting', 'window'] as const) {
        const label = `${view.startsWith('team:') ? 'team' : view}/${status}/${sort}`;
        shapes.push({ name: label, input: { view, status, sort, limit: 50 }, deep: false });
        shapes.push({ name: `${label} deep`, input: { view, status, sort, limit: 50 }, deep: true });
      }
    }
  }
  return shapes;
}

export type TSearchShape = { name: string; input: TInboxListInput; label: string; q: string; broad: boolean };

/** Every search term the benchmark tries: the selective ones picked from the data, then the broad ones (broad-terms.ts). */
export function searchTermList(terms: TSearchTerms): { label: string; q: string; broad: boolean }[] {
  return [
    { label: 'phone in another format', q: terms.phone, broad: false },
    { label: 'phone, 00 international format', q: terms.phoneIntl, broad: false },
    { label: 'Arabic name, letter variants', q: terms.arabicName, broad: false },
    { label: 'word in message text', q: terms.orderNumber, broad: false },
    ...broadNameTerms().map((t) => ({ label: `${t.label} (${Math.round(t.share * 100)}% of names)`, q: t.term, broad: true })),
    { label: 'Arabic family-name fragment (issue 18)', q: 'العتيب', broad: true },
    ...commonMessageWords().map((t) => ({ label: `${t.label} (${Math.round(t.share * 100)}% of texts)`, q: t.term, broad: true })),
    { label: 'common word in message text', q: terms.commonWord, broad: true },
  ];
}

/**
 * All/Open and All/Closed for every term; every other view (Mine, Unassigned, the agent's team) for two broad terms,
 * a name fragment and a message word, as the walk reads each view's own index.
 */
export function searchShapes(terms: TSearchTerms, teamId: string): TSearchShape[] {
  const shapes: TSearchShape[] = [];
  const views: [string, TInboxListInput['view']][] = [
    ['Mine', 'mine'],
    ['Unassigned', 'unassigned'],
    ['Team', `team:${teamId}`],
  ];
  for (const t of searchTermList(terms)) {
    for (const status of ['open', 'closed'] as const) {
      const input: TInboxListInput = { view: 'all', status, q: t.q, limit: 50 };
      shapes.push({ ...t, name: `search ${t.label} "${t.q}", All/${status}`, input });
      if (t.q !== 'العتيب' && t.q !== 'order') continue;
      for (const [label, view] of views) {
        shapes.push({ ...t, name: `search ${t.label} "${t.q}", ${label}/${status}`, input: { ...input, view } });
      }
    }
  }
  return shapes;
}

/**
 * A cursor about `pages` pages of 50 deep, reached by paging with the app's own list function (100 rows a step).
 * Paging stops early after `budgetMs` (a slow shape would otherwise take minutes): the depth reached is returned.
 */
export async function deepCursor(
  db: TDb,
  actor: TBenchActor,
  input: TInboxListInput,
  pages = 200,
  budgetMs = Number(process.env.BENCH_DEEP_BUDGET_MS || 20_000),
): Promise<{ cursor: string | null; depth: number }> {
  let cursor: string | null = null;
  let depth = 0;
  const started = performance.now();
  for (let step = 0; step < pages / 2 && performance.now() - started < budgetMs; step++) {
    const page = await listConversations(db, actor.workspace, actor.userId, { ...input, cursor, limit: 100 });
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    depth += page.items.length;
  }
  return { cursor, depth };
}
