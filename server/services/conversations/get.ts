import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDbOrTx } from '@/db/client';
import { channelBreakers, channels, contacts, conversationMentions, conversations, numberHealth, teams, users } from '@/db/schema';
import { referralSummary } from '@/server/domain/free-entry';
import { can } from '@/server/domain/permissions';
import { formatPhone } from '@/server/domain/phone';
import { AppError } from '@/server/errors';
import { displayName } from './list-row';
import { visibleConversations } from './visibility';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';

const assignee = alias(users, 'assignee');

/** The conversation pane's header and contact panel, in one query; NOT_FOUND for anything the caller may not see. */
export async function getConversation(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  const [row] = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      channelId: conversations.channelId,
      channelType: conversations.channelType,
      channelName: channels.name,
      /** disconnected (Settings → Channels): the composer offers nothing to send; the history stays readable. */
      channelStatus: channels.status,
      numberQuality: numberHealth.qualityRating,
      /** The number's breaker holds its sends (WhatsApp is not answering): its queued messages say so. */
      channelNotAnswering: sql<boolean>`coalesce(${channelBreakers.state} = 'open', false)`,
      assigneeId: conversations.assigneeId,
      assigneeName: assignee.name,
      /** A note here mentioned the reader and they have not opened it since: opening it marks it read (markRead). */
      mentionUnread: sql<boolean>`exists (select 1 from ${conversationMentions} m where m.user_id = ${userId}
        and m.conversation_id = ${conversations.id} and m.read_at is null)`,
      teamId: conversations.teamId,
      teamName: teams.name,
      lastInboundAt: conversations.lastInboundAt,
      windowClosesAt: conversations.windowClosesAt,
      tagClosesAt: conversations.tagClosesAt,
      unreadCount: conversations.unreadCount,
      referral: conversations.referral,
      /** Only while it runs (by the database clock): an ended period is no longer anyone's concern. */
      freeEntryUntil: sql<Date | null>`case when ${conversations.freeEntryUntil} > now() then ${conversations.freeEntryUntil} end`.mapWith(
        conversations.freeEntryUntil,
      ),
      createdAt: conversations.createdAt,
      contact: {
        id: contacts.id,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        email: contacts.email,
        phone: contacts.phone,
        tags: contacts.tags,
        fields: contacts.fields,
        notes: contacts.notes,
        /** The version the contact panel's form saves over (contact.update). */
        version: contacts.version,
        marketingOptOutAt: contacts.marketingOptOutAt,
        /** Their WhatsApp username on this conversation's number (2026), without the @. */
        username: sql<string | null>`(select ci.username from contact_identities ci
          where ci.contact_id = ${contacts.id} and ci.channel_id = ${conversations.channelId} and ci.username is not null limit 1)`,
        /** WhatsApp said 131026 (undeliverable) for this customer; null once they write again. */
        whatsappUnreachableAt: contacts.whatsappUnreachableAt,
        whatsappUnreachableCode: contacts.whatsappUnreachableCode,
      },
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(numberHealth, eq(numberHealth.channelId, conversations.channelId))
    .leftJoin(channelBreakers, eq(channelBreakers.channelId, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, id)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'conversationNotVisible');

  const previous = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      channelType: conversations.channelType,
      channelName: channels.name,
      lastMessageAt: conversations.lastMessageAt,
      previewText: conversations.previewText,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(visibleConversations(workspace, userId), eq(conversations.contactId, row.contact.id), ne(conversations.id, id)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(20);

  return {
    ...row,
    // The number's quality is for those who manage numbers; agents have nothing to act on in it.
    numberQuality: can(workspaceActor(workspace, userId), 'number.viewQuality') ? row.numberQuality : null,
    displayName: displayName(row.contact),
    // What agents may see of the ad or post the customer came from (server/domain/free-entry.ts).
    referral: row.referral ? referralSummary(row.referral) : null,
    /** The free entry point's end (ISO 8601) while templates are free (server/domain/free-entry.ts); null otherwise. */
    freeEntryUntil: row.freeEntryUntil ? row.freeEntryUntil.toISOString() : null,
    contact: {
      ...row.contact,
      phoneDisplay: row.contact.phone && formatPhone(row.contact.phone),
      fields: row.contact.fields as Record<string, string>,
    },
    previous,
  };
}
