import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, messages, users } from '@/db/schema';
import { can } from '@/server/domain/permissions';
import { AppError } from '@/server/errors';
import { visibleConversations } from '@/server/services/conversations/visibility';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TMessageListInput } from './schemas';

type TRow = { payload: unknown; editHistory: unknown; deletedAt: Date | null; deletedBody: string | null };

/**
 * What a reader may see of a message the customer deleted or edited: its deleted text, earlier versions and raw
 * payload (which holds the text too) are kept for the audit, so only those who may read the audit log (admins)
 * receive them; everyone else gets the deletion mark alone.
 */
function redactor(workspace: TWorkspaceContext, userId: string) {
  const forAudit = can(workspaceActor(workspace, userId), 'audit.view');
  return <T extends TRow>(m: T): T => {
    if (forAudit) return m;
    return { ...m, editHistory: null, deletedBody: null, payload: m.deletedAt ? null : m.payload };
  };
}

/**
 * The message a reply quotes (its payload's `quotedId`: Meta's `context.id` for a customer's reply, the id our agent
 * chose for ours), found by provider id in the same channel and conversation (so the same customer) through the
 * messages_channel_provider_key index: one index probe per message of the page, and none at ingest. Null when the
 * message quotes nothing or quotes one we do not have (`quotedId` tells them apart). A deleted one gives no text.
 */
const quotedMessage = sql<{ id: number; body: string | null; direction: string; kind: string; deleted: boolean } | null>`(
  select json_build_object('id', q.id, 'body', q.body, 'direction', q.direction, 'kind', q.kind, 'deleted', q.deleted_at is not null)
  from messages q
  where q.channel_id = ${messages.channelId} and q.provider_message_id = ${messages.payload} ->> 'quotedId'
    and q.conversation_id = ${messages.conversationId})`;

/** An agent's reaction is a queued row of its own (./react.ts), shown on its target, never as a bubble. */
/** The file name of a message's media (message_media), for the timeline's document card and outbound files. */
const mediaFileName = sql<string | null>`(select mm.file_name from message_media mm where mm.message_id = ${messages.id})`;

const notAgentReaction = sql`not (${messages.direction} = 'out' and ${messages.kind} = 'reaction')`;

type TShownRow = TRow & { providerMessageId: string | null; quoted: unknown };

/**
 * What the pane reads of the reply context: the quote (or `{ missing: true }` for one we do not have), the forwarded
 * mark, and whether the message can be quoted or reacted to (it reached the provider). The provider id itself stays
 * on the server.
 */
function shown<T extends TShownRow>({ providerMessageId, quoted, ...m }: T) {
  const payload = m.payload as { quotedId?: unknown; forwarded?: unknown } | null;
  const quotes = typeof payload?.quotedId === 'string';
  const forwarded = payload?.forwarded === 'forwarded' || payload?.forwarded === 'frequently_forwarded' ? payload.forwarded : null;
  return {
    ...m,
    quote: quoted
      ? { missing: false as const, ...(quoted as { id: number; body: string | null; direction: string; kind: string; deleted: boolean }) }
      : quotes
        ? { missing: true as const }
        : null,
    forwarded: forwarded as 'forwarded' | 'frequently_forwarded' | null,
    reachedProvider: providerMessageId !== null,
  };
}

/** A page of a conversation's timeline (newest last). The message id is the cursor: it orders the timeline. */
export async function listMessages(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TMessageListInput) {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, input.conversationId)));
  if (!conversation) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  const readable = redactor(workspace, userId);

  const base = db
    .select({
      id: messages.id,
      direction: messages.direction,
      kind: messages.kind,
      body: messages.body,
      templateName: messages.templateName,
      templateLanguage: messages.templateLanguage,
      payload: messages.payload,
      status: messages.status,
      errorCode: messages.errorCode,
      errorReason: messages.errorReason,
      failureKind: messages.failureKind,
      errorData: messages.errorData,
      messagingTag: messages.messagingTag,
      authorId: messages.authorId,
      authorName: users.name,
      sentAt: messages.sentAt,
      createdAt: messages.createdAt,
      customerReaction: messages.customerReaction,
      editedAt: messages.editedAt,
      editHistory: messages.editHistory,
      deletedAt: messages.deletedAt,
      deletedBody: messages.deletedBody,
      agentReaction: messages.agentReaction,
      providerMessageId: messages.providerMessageId,
      quoted: quotedMessage,
      mediaFileName: mediaFileName,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId));

  if (input.after !== undefined && input.after !== null) {
    const items = await base
      .where(and(eq(messages.conversationId, input.conversationId), gt(messages.id, input.after), notAgentReaction))
      .orderBy(sql`${messages.id} asc nulls first`) // the index's order read backwards (see below)
      .limit(input.limit);
    return { items: items.map(readable).map(shown), olderCursor: null };
  }
  const rows = await base
    .where(
      and(eq(messages.conversationId, input.conversationId), input.cursor ? lt(messages.id, input.cursor) : undefined, notAgentReaction),
    )
    // Spelled like messages_conversation_idx (id DESC NULLS LAST): a plain DESC means NULLS FIRST to PostgreSQL, which
    // then sorts the whole conversation instead of reading the index in order. id is never null, so the order is the same.
    .orderBy(sql`${messages.id} desc nulls last`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit).map(readable).map(shown).reverse();
  return { items: page, olderCursor: rows.length > input.limit ? (page[0]?.id ?? null) : null };
}
