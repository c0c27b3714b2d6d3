import { and, eq, sql } from 'drizzle-orm';
import type { TTx } from '@/db/client';
import { contacts, conversations } from '@/db/schema';
import { UNDELIVERABLE_CODE } from '@/server/domain/delivery-status';
import { notify } from '@/server/realtime/notify';

/**
 * WhatsApp answered 131026 for a message of this conversation: its customer is marked unreachable on WhatsApp (when,
 * and the code that says why), so the conversation shows a notice instead of agents trying again and again. Cleared
 * by the customer's next message (ingest: CLEAR_UNREACHABLE). Runs inside the transaction that fails the message.
 */
export async function markContactUnreachable(tx: TTx, conversationId: string): Promise<void> {
  const [conversation] = await tx
    .select({
      id: conversations.id,
      workspaceId: conversations.workspaceId,
      contactId: conversations.contactId,
      channelType: conversations.channelType,
      assigneeId: conversations.assigneeId,
    })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!conversation || conversation.channelType !== 'whatsapp') return;
  const marked = await tx
    .update(contacts)
    .set({ whatsappUnreachableAt: sql`now()`, whatsappUnreachableCode: UNDELIVERABLE_CODE })
    // The first failure's time stays: "unreachable since".
    .where(and(eq(contacts.id, conversation.contactId), sql`${contacts.whatsappUnreachableAt} is null`))
    .returning({ id: contacts.id });
  if (marked.length === 0) return;
  await notify(tx, {
    type: 'conversation.changed',
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    assigneeId: conversation.assigneeId,
    actorId: null,
  });
}

/**
 * The customer wrote again: they are reachable. One statement per ingest batch, for the senders of messages that
 * reopen the window ($1: a JSON array of contact ids); a no-op (no row written) for everyone never marked.
 */
export const CLEAR_UNREACHABLE = `
  update contacts set whatsapp_unreachable_at = null, whatsapp_unreachable_code = null
  where id = any(array(select json_array_elements_text($1::json)::uuid)) and whatsapp_unreachable_at is not null`;
