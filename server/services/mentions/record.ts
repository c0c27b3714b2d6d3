import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contacts, conversationMentions, memberships, users } from '@/db/schema';
import { MENTIONS_MAX, parseMentionIds, type TMentionedUser } from '@/server/domain/mentions';
import { can } from '@/server/domain/permissions';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { displayName } from '@/server/services/conversations/list-row';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * The people a note's text mentions, checked against the workspace: every token must name an active member of this
 * workspace, else the whole note is refused (a member of another workspace, a deactivated one, an invented id), so a
 * note never claims to mention someone it did not notify. Runs before the note is stored.
 */
export async function resolveMentions(tx: TDbOrTx, workspace: TWorkspaceContext, text: string): Promise<TMentionedUser[]> {
  const ids = parseMentionIds(text);
  if (ids.length === 0) return [];
  if (ids.length > MENTIONS_MAX) throw new AppError('INVALID_INPUT', 'tooManyMentions');
  const members = await tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspace.id), inArray(memberships.userId, ids), isNull(memberships.deactivatedAt)));
  if (members.length !== ids.length) throw new AppError('INVALID_INPUT', 'mentionNotAMember');
  // In the order the note names them.
  return ids.map((id) => members.find((member) => member.id === id)!);
}

type TNoteRef = {
  conversation: { id: string; assigneeId: string | null; contactId: string };
  messageId: number;
  authorId: string;
  mentioned: readonly TMentionedUser[];
};

/**
 * Records a stored note's mentions and tells those people, in the note's transaction: each mentioned member (but the
 * author) gets the conversation at the top of their Mentions view, unread, and, if they may see the conversation, a
 * realtime notification naming the author and the contact. Someone who may not see it (an agent restricted to their
 * own and unassigned conversations, mentioned on a colleague's) is kept out of both: a link they could not open.
 */
export async function recordMentions(tx: TDbOrTx, workspace: TWorkspaceContext, note: TNoteRef): Promise<void> {
  const others = note.mentioned.filter((user) => user.id !== note.authorId);
  if (others.length === 0) return;
  const roles = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspace.id), inArray(memberships.userId, others.map((user) => user.id))));
  const allowed = new Set(
    roles
      .filter((member) =>
        can({ userId: member.userId, role: member.role, agentsSeeAll: workspace.settings.agentsSeeAll }, 'conversation.view', {
          assigneeId: note.conversation.assigneeId,
        }),
      )
      .map((member) => member.userId),
  );
  // In the note's order, whatever order the database returned the memberships in.
  const mayView = others.map((user) => user.id).filter((id) => allowed.has(id));
  if (mayView.length === 0) return;
  await tx
    .insert(conversationMentions)
    .values(
      mayView.map((userId) => ({
        workspaceId: workspace.id,
        userId,
        conversationId: note.conversation.id,
        messageId: note.messageId,
        mentionedAt: sql`now()`,
      })),
    )
    .onConflictDoUpdate({
      target: [conversationMentions.userId, conversationMentions.conversationId],
      set: { messageId: note.messageId, mentionedAt: sql`now()`, readAt: null },
    });
  const [names] = await tx
    .select({ firstName: contacts.firstName, lastName: contacts.lastName, phone: contacts.phone, author: sql<string>`(select name from ${users} where id = ${note.authorId})` })
    .from(contacts)
    .where(eq(contacts.id, note.conversation.contactId));
  await notify(tx, {
    type: 'mention.created',
    workspaceId: workspace.id,
    conversationId: note.conversation.id,
    messageId: note.messageId,
    userIds: mayView,
    authorName: names?.author ?? '',
    contactName: names ? displayName(names) : '',
  });
}
