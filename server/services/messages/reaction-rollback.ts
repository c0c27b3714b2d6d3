import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, messages } from '@/db/schema';
import { notify } from '@/server/realtime/notify';

/** What ./react.ts stores on the queued reaction row: its target, the emoji sent, and the one it replaced. */
export type TAgentReactionPayload = { reaction: { messageId: number; target: string | null; emoji: string; previous?: string | null } };

/**
 * A reaction Meta refused never reached the customer, so its target must stop showing it: the target goes back to the
 * reaction it had before. Only while the target still shows this one: a later reaction (or removal) by an agent is
 * newer and stays. Returns whether the target changed (then open panes are told).
 */
export async function undoFailedReaction(tx: TDbOrTx, reaction: { id: number; conversationId: string; workspaceId: string }) {
  const [row] = await tx.select({ payload: messages.payload }).from(messages).where(eq(messages.id, reaction.id));
  const sent = (row?.payload as TAgentReactionPayload | null)?.reaction;
  if (!sent) return false;
  const shown = sent.emoji === '' ? isNull(messages.agentReaction) : eq(messages.agentReaction, sent.emoji);
  // A newer reaction row on the same target means an agent reacted again after this one: theirs is what shows.
  const newer = sql`exists (select 1 from messages later where later.conversation_id = ${reaction.conversationId}
    and later.kind = 'reaction' and later.id > ${reaction.id} and (later.payload -> 'reaction' ->> 'messageId')::bigint = ${sent.messageId})`;
  const [restored] = await tx
    .update(messages)
    .set({ agentReaction: sent.previous ?? null })
    .where(and(eq(messages.id, sent.messageId), shown, sql`not ${newer}`))
    .returning({ id: messages.id });
  if (!restored) return false;
  const [conversation] = await tx
    .select({ assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(eq(conversations.id, reaction.conversationId));
  await notify(tx, {
    type: 'message.changed',
    workspaceId: reaction.workspaceId,
    conversationId: reaction.conversationId,
    messageId: restored.id,
    assigneeId: conversation?.assigneeId ?? null,
    actorId: null,
  });
  return true;
}
