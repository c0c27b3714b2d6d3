import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, contactIdentities, conversations, messages, templates } from '@/db/schema';
import type { TOutboundMessage } from '@/server/channels/adapter';
import { adapterFor } from '@/server/channels/registry';
import { statusesBefore, type TDeliveryStatus } from '@/server/domain/delivery-status';
import type { TTemplateComponent } from '@/server/domain/templates';
import { evaluateWindow, FREE_WINDOW_MS, windowDeadlines } from '@/server/domain/window';
import { logger } from '@/server/logger';
import { notify } from '@/server/realtime/notify';
import { databaseNow } from './database-clock';
import { markChannelNeedsAttention } from './channel-status';

export type TAttempt = { retryCount: number; retryLimit: number };
export type TDeliveryOutcome = {
  outcome: 'sent' | 'failed' | 'skipped';
  providerMessageId?: string;
  followUps?: ReturnType<NonNullable<ReturnType<typeof adapterFor>['followUps']>>;
};

/** Thrown to let the queue retry later; the message stays queued meanwhile. */
export class TransientDeliveryError extends Error {}

/**
 * Delivers one queued message through its channel's adapter. Safe to run twice: only a queued message is sent,
 * and the status update is conditional. Transient failures throw (the queue retries with backoff) until the last
 * attempt, which fails the message with a readable reason, so nothing ends stuck in "queued".
 */
export async function deliverMessage(db: TDbOrTx, messageId: number, attempt: TAttempt): Promise<TDeliveryOutcome> {
  const outbound = await loadOutbound(db, messageId);
  if (!outbound) return { outcome: 'skipped' };
  const adapter = adapterFor(outbound.channel.type, outbound.channel.config);
  let result;
  try {
    result = await adapter.send(outbound);
  } catch (error) {
    logger.warn({ err: error, messageId }, 'adapter threw; treating as transient');
    result = { ok: false as const, retry: 'transient' as const, code: 'ADAPTER_ERROR', reason: 'The channel could not be reached.' };
  }

  if (result.ok) {
    await setStatus(db, messageId, 'sent', { providerMessageId: result.providerMessageId });
    return {
      outcome: 'sent',
      providerMessageId: result.providerMessageId,
      followUps: adapter.followUps?.(outbound, result.providerMessageId),
    };
  }
  if (result.retry === 'transient' && attempt.retryCount < attempt.retryLimit) {
    throw new TransientDeliveryError(`${result.code}: ${result.reason}`);
  }
  if (result.channelNeedsAttention) {
    await markChannelNeedsAttention(db, outbound.channel.id, result.reason);
  }
  // Meta said the window had closed: the same correction as when it says so later in a status webhook.
  if (result.code === WINDOW_CLOSED_CODE) {
    await markWindowClosed(db, messageId);
    return { outcome: 'failed' };
  }
  const reason = result.retry === 'transient' ? `${result.reason} (gave up after ${attempt.retryCount + 1} attempts)` : result.reason;
  await setStatus(db, messageId, 'failed', { errorCode: result.code, errorReason: reason });
  return { outcome: 'failed' };
}

/** WhatsApp's "re-engagement message" error: the customer's window had closed when the message reached Meta. */
export const WINDOW_CLOSED_CODE = '131047';

/** Applies a provider's receipt by its message id; out-of-order receipts never move a status backwards. */
export async function applyReceipt(
  db: TDbOrTx,
  channelId: string,
  providerMessageId: string,
  status: Exclude<TDeliveryStatus, 'queued'>,
  error?: { code: string; reason: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, providerMessageId)));
  if (!row) return false;
  if (status === 'failed' && error?.code === WINDOW_CLOSED_CODE) return markWindowClosed(db, row.id);
  return setStatus(db, row.id, status, error ? { errorCode: error.code, errorReason: error.reason } : {});
}

/**
 * The provider says the window had closed although we thought it open (a clock or ordering difference). Fail the
 * message with what to do, and move the conversation's last customer message back just far enough that every view
 * derived from it (chip, composer, sort, filters) now agrees the window is closed.
 */
async function markWindowClosed(db: TDbOrTx, messageId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await setStatus(tx, messageId, 'failed', {
      errorCode: WINDOW_CLOSED_CODE,
      errorReason: 'Window closed; send a template.',
    });
    const [message] = await tx
      .select({ conversationId: messages.conversationId, createdAt: messages.createdAt })
      .from(messages)
      .where(eq(messages.id, messageId));
    const [conversation] = await tx
      .select({
        id: conversations.id,
        workspaceId: conversations.workspaceId,
        channelType: conversations.channelType,
        lastInboundAt: conversations.lastInboundAt,
        assigneeId: conversations.assigneeId,
      })
      .from(conversations)
      .where(eq(conversations.id, message!.conversationId))
      .for('update');
    const now = await databaseNow(tx);
    // Only a window that was open when this message went out is corrected: a customer message since then has
    // legitimately opened a new one.
    const reopenedSince = conversation?.lastInboundAt && conversation.lastInboundAt > message!.createdAt;
    if (conversation && !reopenedSince && evaluateWindow(conversation.channelType, conversation.lastInboundAt, now).state === 'open') {
      const lastInboundAt = new Date(now.getTime() - FREE_WINDOW_MS);
      await tx
        .update(conversations)
        .set({ lastInboundAt, ...windowDeadlines(conversation.channelType, lastInboundAt), updatedAt: now })
        .where(eq(conversations.id, conversation.id));
      await notify(tx, {
        type: 'conversation.changed',
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        assigneeId: conversation.assigneeId,
        actorId: null,
      });
    }
    return changed;
  });
}

async function setStatus(
  db: TDbOrTx,
  messageId: number,
  status: Exclude<TDeliveryStatus, 'queued'>,
  extra: { providerMessageId?: string; errorCode?: string; errorReason?: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(messages)
      .set({
        status,
        statusUpdatedAt: sql`now()`,
        ...extra,
        ...(status === 'delivered' || status === 'read' ? { errorCode: null, errorReason: null } : {}),
      })
      .where(and(eq(messages.id, messageId), inArray(messages.status, statusesBefore(status))))
      .returning({ id: messages.id, conversationId: messages.conversationId, workspaceId: messages.workspaceId });
    if (!updated) return false;
    const [conversation] = await tx
      .select({ assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, updated.conversationId));
    await notify(tx, {
      type: 'message.status',
      workspaceId: updated.workspaceId,
      conversationId: updated.conversationId,
      messageId,
      status,
      assigneeId: conversation?.assigneeId ?? null,
    });
    return true;
  });
}

async function loadOutbound(db: TDbOrTx, messageId: number): Promise<TOutboundMessage | null> {
  const [row] = await db
    .select({
      message: messages,
      channel: { id: channels.id, type: channels.type, config: channels.config },
      contactId: conversations.contactId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId));
  if (!row || row.message.status !== 'queued' || row.message.direction !== 'out') return null;
  const [identity] = await db
    .select({ externalId: contactIdentities.externalId, bsuid: contactIdentities.bsuid })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, row.contactId), eq(contactIdentities.channelId, row.channel.id)));
  const m = row.message;
  let content: TOutboundMessage['content'];
  if (m.kind === 'template') {
    const [template] = await db
      .select({ parameterFormat: templates.parameterFormat, components: templates.components })
      .from(templates)
      .where(
        and(eq(templates.channelId, row.channel.id), eq(templates.name, m.templateName!), eq(templates.language, m.templateLanguage!)),
      );
    content = {
      kind: 'template',
      name: m.templateName!,
      language: m.templateLanguage!,
      params: (m.templateParams ?? {}) as Record<string, string>,
      parameterFormat: template?.parameterFormat ?? 'POSITIONAL',
      components: (template?.components ?? []) as TTemplateComponent[],
      renderedText: m.body ?? '',
    };
  } else {
    content = { kind: 'text', text: m.body ?? '', messagingTag: m.messagingTag === 'HUMAN_AGENT' ? 'HUMAN_AGENT' : null };
  }
  return {
    messageId,
    channel: { id: row.channel.id, type: row.channel.type, config: row.channel.config as Record<string, unknown> },
    recipient: { externalId: identity?.externalId ?? null, bsuid: identity?.bsuid ?? null, phone: null },
    content,
  };
}
