import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels, contacts, conversationMentions, conversations } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/server/domain/cursor';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { filterConditions } from './filters';
import { assignee, listRowColumns } from './list-row';
import type { ZInboxListInput } from './schemas';

const ZCursorTime = z.iso.datetime({ offset: true }).refine((v) => Number(v.slice(0, 4)) >= 1970 && Number(v.slice(0, 4)) <= 9999);
// [m, mentionedAt (microseconds), conversation id]
const ZMentionsCursor = z.tuple([z.literal('m'), ZCursorTime, z.uuid()]);

/**
 * "Mentions": the conversations where a note mentioned the reader, newest mention first; keyset on (mentioned_at,
 * conversation id), read in order from conversation_mentions_view_idx. Each row says when it was mentioned and
 * whether the reader has opened the conversation since (`mention.unread`).
 */
export async function listMentions(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: z.output<typeof ZInboxListInput>) {
  const cursor = input.cursor ? decodeCursor(input.cursor, ZMentionsCursor) : null;
  if (input.cursor && !cursor) throw new AppError('INVALID_INPUT', 'cursorInvalid');
  const asOf = new Date();
  const where = await filterConditions(db, workspace, userId, input, asOf);
  const after = cursor
    ? sql`(${conversationMentions.mentionedAt}, ${conversationMentions.conversationId}) < (${cursor[1]}::timestamptz, ${cursor[2]}::uuid)`
    : undefined;
  const found = await db
    .select({
      ...listRowColumns,
      mentionedAt: conversationMentions.mentionedAt,
      mentionCursorAt: sql<string>`to_char(${conversationMentions.mentionedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      mentionReadAt: conversationMentions.readAt,
    })
    .from(conversationMentions)
    .innerJoin(conversations, eq(conversations.id, conversationMentions.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(eq(conversationMentions.workspaceId, workspace.id), eq(conversationMentions.userId, userId), ...where, after))
    .orderBy(sql`${conversationMentions.mentionedAt} desc nulls last`, sql`${conversationMentions.conversationId} desc nulls last`)
    .limit(input.limit + 1);
  const rows = found.slice(0, input.limit);
  const last = rows.at(-1);
  const nextCursor = found.length > input.limit && last ? encodeCursor(['m', last.mentionCursorAt, last.id]) : null;
  return {
    rows: rows.map(({ mentionedAt, mentionCursorAt: _cursor, mentionReadAt, ...row }) => ({
      ...row,
      mention: { at: mentionedAt, unread: mentionReadAt === null },
    })),
    nextCursor,
    asOf,
  };
}
