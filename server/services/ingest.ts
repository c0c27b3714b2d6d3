import { and, eq, or, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, contactIdentities, contacts, conversations, messages } from '@/db/schema';
import { windowDeadlines } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { recordEvent } from './timeline';

type TMessageKind = (typeof messages.$inferInsert)['kind'];

/** A customer's message, normalised from any provider's webhook (or the customer simulator). */
export type TInboundMessage = {
  channelId: string;
  /** The provider's address for the customer (wa_id, PSID, chat id...); may be empty when only a BSUID is known. */
  externalId: string | null;
  bsuid?: string | null;
  profileName?: string | null;
  /** E.164, when the provider tells us the number. */
  phone?: string | null;
  providerMessageId: string;
  /** When the customer sent it, per the provider: the window runs from here, not from when we received it. */
  sentAt: Date;
  kind: TMessageKind;
  body: string | null;
  payload?: Record<string, unknown> | null;
};

export type TIngestResult = { conversationId: string; messageId: number; duplicate: boolean };

/**
 * Stores one inbound message in one transaction: contact and identity, conversation (reopened if closed), the
 * message (unique per channel and provider id, so a replayed webhook is a no-op), and the list fields. The realtime
 * hint is queued inside the transaction and delivered only on commit.
 */
export async function ingestInbound(db: TDbOrTx, message: TInboundMessage): Promise<TIngestResult> {
  if (!message.externalId && !message.bsuid) throw new AppError('INVALID_INPUT', 'An inbound message needs a sender id.');
  return db.transaction(async (tx) => {
    const [channel] = await tx
      .select({ id: channels.id, workspaceId: channels.workspaceId, type: channels.type })
      .from(channels)
      .where(eq(channels.id, message.channelId));
    if (!channel) throw new AppError('NOT_FOUND', 'Unknown channel.');

    const contactId = await findOrCreateContact(tx, channel.workspaceId, message);
    await tx
      .insert(conversations)
      .values({
        workspaceId: channel.workspaceId,
        contactId,
        channelId: channel.id,
        channelType: channel.type,
        lastMessageAt: sql`date_trunc('milliseconds', now())`,
      })
      .onConflictDoNothing({ target: [conversations.channelId, conversations.contactId] });
    // The row lock serialises concurrent messages of one conversation, so the list fields stay consistent.
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.channelId, channel.id), eq(conversations.contactId, contactId)))
      .for('update');
    if (!conversation) throw new Error('conversation vanished inside its transaction');

    // Under the conversation's row lock a replay is seen here, before anything is written.
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, message.providerMessageId)));
    if (existing) return { conversationId: conversation.id, messageId: existing.id, duplicate: true };

    if (conversation.status === 'closed') {
      // Recorded before the message that caused it, so the timeline reads in the order things happened.
      await recordEvent(
        tx,
        channel.workspaceId,
        { id: conversation.id, channelId: channel.id },
        null,
        'opened',
        'Reopened by a new customer message',
        {
          details: { by: 'customer' },
          params: { by: 'customer', actor: '' },
        },
      );
    }
    const [inserted] = await tx
      .insert(messages)
      .values({
        workspaceId: channel.workspaceId,
        conversationId: conversation.id,
        channelId: channel.id,
        direction: 'in',
        kind: message.kind,
        body: message.body,
        payload: message.payload ?? null,
        providerMessageId: message.providerMessageId,
        sentAt: message.sentAt,
      })
      .returning({ id: messages.id });

    // A late delivery (Meta retries for days) must not move the window: only a newer customer message does.
    const lastInboundAt =
      conversation.lastInboundAt && conversation.lastInboundAt > message.sentAt ? conversation.lastInboundAt : message.sentAt;
    await tx
      .update(conversations)
      .set({
        status: 'open',
        closedAt: null,
        // Milliseconds: keyset cursors carry JS Dates, which would lose microseconds and skip rows.
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, date_trunc('milliseconds', now()))`,
        lastInboundAt,
        ...windowDeadlines(channel.type, lastInboundAt),
        waitingSince: conversation.waitingSince ?? message.sentAt,
        previewText: previewOf(message),
        previewDirection: 'in',
        unreadCount: sql`${conversations.unreadCount} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(conversations.id, conversation.id));
    await notify(tx, {
      type: 'message.created',
      workspaceId: channel.workspaceId,
      conversationId: conversation.id,
      messageId: inserted!.id,
      assigneeId: conversation.assigneeId,
      actorId: null,
    });
    return { conversationId: conversation.id, messageId: inserted!.id, duplicate: false };
  });
}

function previewOf(message: TInboundMessage): string {
  if (message.body) return message.body.slice(0, 280);
  if (message.kind === 'reaction') return `Reacted ${String(message.payload?.emoji ?? '')}`.trim();
  return `[${message.kind}]`;
}

/**
 * The customer behind a message. WhatsApp users are known by phone id (wa_id), by BSUID, or both, and a customer
 * first seen by one may later arrive with both: either key finds them, and a newly learnt key is recorded.
 */
async function findOrCreateContact(tx: TDbOrTx, workspaceId: string, message: TInboundMessage): Promise<string> {
  const byKey = async () => {
    const keys = [
      ...(message.bsuid ? [eq(contactIdentities.bsuid, message.bsuid)] : []),
      ...(message.externalId ? [eq(contactIdentities.externalId, message.externalId)] : []),
    ];
    const [identity] = await tx
      .select({
        id: contactIdentities.id,
        contactId: contactIdentities.contactId,
        bsuid: contactIdentities.bsuid,
        externalId: contactIdentities.externalId,
      })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channelId, message.channelId), or(...keys)))
      .limit(1);
    if (identity && ((message.bsuid && !identity.bsuid) || (message.externalId && !identity.externalId))) {
      await tx
        .update(contactIdentities)
        .set({ bsuid: identity.bsuid ?? message.bsuid ?? null, externalId: identity.externalId ?? message.externalId ?? null })
        .where(eq(contactIdentities.id, identity.id));
    }
    return identity?.contactId;
  };
  const known = await byKey();
  if (known) return known;

  const [first, ...rest] = (message.profileName ?? '').trim().split(/\s+/);
  const [contact] = await tx
    .insert(contacts)
    .values({ workspaceId, firstName: first || null, lastName: rest.join(' ') || null, phone: message.phone ?? null })
    .returning({ id: contacts.id });
  const claimed = await tx
    .insert(contactIdentities)
    .values({
      workspaceId,
      contactId: contact!.id,
      channelId: message.channelId,
      externalId: message.externalId || null,
      bsuid: message.bsuid ?? null,
      profileName: message.profileName ?? null,
    })
    .onConflictDoNothing()
    .returning({ contactId: contactIdentities.contactId });
  if (claimed[0]) return claimed[0].contactId;
  // Another transaction created this customer at the same moment: use theirs, drop ours.
  await tx.delete(contacts).where(eq(contacts.id, contact!.id));
  const winner = await byKey();
  if (!winner) throw new AppError('CONFLICT');
  return winner;
}
