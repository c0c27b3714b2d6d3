import { and, eq, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, memberships, users } from '@/db/schema';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { visibleConversations } from './visibility';

/** What every lifecycle use case starts with: the row locked for this transaction, or NOT_FOUND if not visible. */
export async function lockVisible(tx: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, id)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  return row;
}

export type TActor = { id: string; name: string };

/** The acting user's name, for the timeline line. */
export async function actorOf(tx: TDbOrTx, userId: string): Promise<TActor> {
  const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
  return user!;
}

/** A member's name, refusing anyone who is not an (active) member of this workspace. */
export async function memberName(tx: TDbOrTx, workspaceId: string, userId: string): Promise<string> {
  const [member] = await tx
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt)));
  if (!member) throw new AppError('INVALID_INPUT', 'notAMember');
  return member.name;
}
