import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, memberships, users } from '@/db/schema';
import type { TRole } from '@/server/domain/permissions';
import { wouldLeaveNoAdmin } from '@/server/domain/users';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceActor } from '@/server/services/workspaces/context';
import { revokeSessions } from '@/server/services/workspaces/sessions';

/** Settings → Users: everyone of the workspace, active or not, with how many open conversations each holds. */
export async function listMembers(db: TDbOrTx, workspaceId: string) {
  const open = db
    .select({ assigneeId: conversations.assigneeId, open: count().as('open') })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, 'open')))
    .groupBy(conversations.assigneeId)
    .as('open');
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      deactivatedAt: memberships.deactivatedAt,
      joinedAt: memberships.createdAt,
      openConversations: sql<number>`coalesce(${open.open}, 0)::int`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(open, eq(open.assigneeId, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * Locks the workspace's active admins (in one order, so two admins demoting each other queue instead of both
 * succeeding) and returns their ids: what the last-admin rule counts.
 */
export async function lockActiveAdmins(tx: TDbOrTx, workspaceId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'admin'), isNull(memberships.deactivatedAt)))
    .orderBy(asc(memberships.userId))
    .for('update');
  return rows.map((r) => r.userId);
}

/** A member of this workspace, locked for the change; another workspace's user is not found, like an unknown id. */
export async function lockMember(tx: TDbOrTx, workspaceId: string, userId: string) {
  const [member] = await tx
    .select({ userId: memberships.userId, role: memberships.role, deactivatedAt: memberships.deactivatedAt, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for('update', { of: memberships });
  if (!member) throw new AppError('NOT_FOUND', 'userNotInWorkspace');
  return member;
}

/** Refuses a change that would leave the workspace without an active admin. */
export async function assertKeepsAnAdmin(
  tx: TDbOrTx,
  workspaceId: string,
  member: { userId: string; role: TRole; deactivatedAt: Date | null },
  change: { role?: TRole; active?: boolean },
  admins?: string[],
) {
  const activeAdmins = admins ?? (await lockActiveAdmins(tx, workspaceId));
  const others = activeAdmins.filter((id) => id !== member.userId).length;
  if (wouldLeaveNoAdmin({ role: member.role, active: member.deactivatedAt === null }, others, change)) throw new AppError('LAST_ADMIN');
}

/**
 * A new role. The member's sessions end: an open socket keeps the role it was opened with (what it may hear), so
 * they sign in again under the new one.
 */
export async function changeRole(db: TDbOrTx, actor: TWorkspaceActor, input: { userId: string; role: TRole }) {
  return db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx, actor.workspace.id);
    const member = await lockMember(tx, actor.workspace.id, input.userId);
    if (member.role === input.role) return { changed: false };
    await assertKeepsAnAdmin(tx, actor.workspace.id, member, { role: input.role }, admins);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, actor.workspace.id), eq(memberships.userId, input.userId)));
    await revokeSessions(tx, input.userId);
    await recordAudit(tx, {
      workspaceId: actor.workspace.id,
      actorId: actor.userId,
      action: 'user.roleChanged',
      subject: { type: 'user', id: input.userId },
      data: { name: member.name, role: [member.role, input.role] },
    });
    return { changed: true };
  });
}
