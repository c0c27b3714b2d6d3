import { inArray, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { TDb, TDbOrTx } from '@/db/client';
import { messages } from '@/db/schema';
import { QUEUES, type transactionExecutor } from './boss';

/**
 * The send queue's own statements on pg-boss 10's job table (`pgboss.job`, partitioned by queue name), for what
 * pg-boss's API cannot say: fetch skipping the numbers that cannot start a send now, and put jobs back or hold a
 * whole number without completing and re-inserting them. Putting a job back keeps its row, so it keeps its place
 * (created_on) among its number's jobs, spends none of pg-boss's retries (started_on cleared), and costs no new row.
 */
export type TSendJob = { messageId: number; channelId?: string; workspaceId?: string; conversationId?: string };
export type TJob = { id: string; data: TSendJob };

const uuidList = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const textList = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

/**
 * pg-boss's own fetch (oldest first, locked rows skipped, marked active) minus the jobs of `skipChannels` (a number
 * at its share of the slots, or held, leaves its backlog where it is instead of filling every fetch with it) and of
 * `skipConversations` (a customer with a send in flight gets the next one after it, in order).
 */
export async function fetchSends(tx: TDbOrTx, count: number, skipChannels: string[], skipConversations: string[] = []): Promise<TJob[]> {
  const rows = await tx.execute<{ id: string; data: TSendJob }>(sql`
    with next as (
      select id from pgboss.job
      where name = ${QUEUES.send} and state < 'active' and start_after < now()
        and coalesce(data->>'channelId', '') <> all(${textList(skipChannels)})
        and coalesce(data->>'conversationId', '') <> all(${textList(skipConversations)})
      order by priority desc, created_on, id
      limit ${count}
      for update skip locked
    ), fetched as (
      update pgboss.job j
      set state = 'active', started_on = now(),
        retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
      from next
      where j.name = ${QUEUES.send} and j.id = next.id
      returning j.id, j.data, j.priority, j.created_on
    )
    -- RETURNING has no order: the batch is started in queue order, so one customer's messages go in order.
    select id, data from fetched order by priority desc, created_on, id`);
  return [...rows].map((r) => ({ id: r.id, data: r.data }));
}

/** Fetched jobs go back to the queue, due at `at` (null: now), as if never fetched. */
export async function putBack(tx: TDbOrTx, ids: string[], at: Date | null): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update pgboss.job set state = 'created', started_on = null,
      start_after = coalesce(${at?.toISOString() ?? null}::timestamptz, now())
    where name = ${QUEUES.send} and id = any(${uuidList(ids)}) and state = 'active'`);
}

/**
 * Holds every queued job of a number until `until`, in one statement however long its backlog: all get the same
 * start, so they come back in the order they were queued, and none is fetched (or rewritten) again meanwhile.
 */
export async function holdNumber(tx: TDbOrTx, channelId: string, until: Date): Promise<number> {
  const rows = await tx.execute(sql`
    update pgboss.job set start_after = ${until.toISOString()}::timestamptz
    where name = ${QUEUES.send} and state < 'active' and data->>'channelId' = ${channelId}
      and start_after < ${until.toISOString()}::timestamptz
    returning id`);
  return rows.length;
}

/**
 * Puts back the jobs this worker claimed but no longer holds in memory (a dispatch or a settle that failed half way,
 * its database hiccup over): they would otherwise stay active, claimed by a live worker, until pg-boss expires them.
 */
export async function releaseStrays(db: TDb, workerId: number, held: string[]): Promise<number> {
  return db.transaction(async (tx) => {
    const strays = await tx.execute<{ job_id: string }>(sql`
      delete from send_claims where worker_id = ${workerId} and job_id <> all(${uuidList(held)}) returning job_id`);
    const ids = [...strays].map((s) => s.job_id);
    await putBack(tx, ids, null);
    return ids.length;
  });
}

/** pg-boss 10 completes a list of ids in one statement; its types only declare a single id with data. */
export function completeMany(boss: PgBoss, ids: string[], db: ReturnType<typeof transactionExecutor>) {
  const complete = boss.complete.bind(boss) as unknown as (name: string, ids: string[], data: object, options: object) => Promise<unknown>;
  return complete(QUEUES.send, ids, {}, { db });
}

/** Jobs enqueued before jobs carried their number and conversation learn them from their message (none if it is gone). */
export async function completeJobData(db: TDbOrTx, jobs: TJob[]): Promise<void> {
  const missing = jobs.filter((j) => !j.data.channelId || !j.data.conversationId).map((j) => j.data.messageId);
  if (missing.length > 0) {
    const rows = await db
      .select({ id: messages.id, channelId: messages.channelId, conversationId: messages.conversationId })
      .from(messages)
      .where(inArray(messages.id, missing));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const job of jobs) {
      const row = byId.get(job.data.messageId);
      job.data = {
        ...job.data,
        channelId: job.data.channelId ?? row?.channelId,
        conversationId: job.data.conversationId ?? row?.conversationId,
      };
    }
  }
}
