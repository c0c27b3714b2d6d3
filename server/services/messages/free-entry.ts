import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { FREE_ENTRY_MS, FREE_ENTRY_REPLY_MS } from '@/server/domain/free-entry';

export type TFreeEntryStarted = { conversationId: string; workspaceId: string; assigneeId: string | null; freeEntryUntil: Date | null };

/**
 * The business's message `messageId` has just reached the provider (its first status out of `queued`): if it is the
 * first answer to the conversation's newest referral, record it, and when it came within 24 h of the referral start
 * the free entry point: free until now + 72 h (server/domain/free-entry.ts, onReply; the provider's acceptance is the
 * reply's time). One UPDATE whose WHERE is the whole guard: of two replies accepted at once, the second waits on the
 * row, re-reads it, finds the referral answered and changes nothing, so the period starts once.
 *
 * "After the referral" is judged by when the reply was written (a message queued before the customer's ad click is no
 * answer to it, and a later receipt of an older message must not count as one). Returns what changed, or null.
 */
export async function recordReferralAnswer(tx: TDbOrTx, messageId: number): Promise<TFreeEntryStarted | null> {
  const rows = await tx.execute<{ id: string; workspace_id: string; assignee_id: string | null; free_entry_until: string | null }>(sql`
    update conversations c set
      referral_answered_at = now(),
      free_entry_until = case
        when now() >= c.referral_at and now() < c.referral_at + ${FREE_ENTRY_REPLY_MS} * interval '1 millisecond'
          then now() + ${FREE_ENTRY_MS} * interval '1 millisecond'
        else c.free_entry_until end,
      updated_at = now()
    from messages m
    where m.id = ${messageId} and c.id = m.conversation_id and m.direction = 'out'
      -- An agent's reaction is no answer we can be sure Meta counts as one: the free entry point waits for a message.
      and m.kind <> 'reaction'
      and c.referral_at is not null and m.created_at >= c.referral_at
      and (c.referral_answered_at is null or c.referral_answered_at < c.referral_at)
    returning c.id, c.workspace_id, c.assignee_id, c.free_entry_until`);
  const row = rows[0];
  if (!row) return null;
  return {
    conversationId: row.id,
    workspaceId: row.workspace_id,
    assigneeId: row.assignee_id,
    freeEntryUntil: row.free_entry_until ? new Date(row.free_entry_until) : null,
  };
}
