import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, memberships } from '@/db/schema';
import { AppError } from '@/server/errors';
import { bulkAct } from '@/server/services/conversations/bulk';
import { MAX_BULK } from '@/server/services/conversations/schemas';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceActor } from '@/server/services/workspaces/context';
import { revokeSessions } from '@/server/services/workspaces/sessions';
import { revokePendingResets } from './reset-revoke';
import { assertKeepsAnAdmin, lockActiveAdmins, lockMember } from './members';
import type { TDeactivateInput } from './schemas';

/**
 * Deactivates a member, in one transaction: the membership is marked (they can no longer act, sign in here or be
 * assigned), every conversation assigned to them here (open or closed) goes to `handOverTo` or back to Unassigned through the bulk assignment
 * (the same timeline lines and realtime events as any reassignment), their pending reset links here are revoked,
 * and every session they have ends, so an open tab is signed out at once.
 */
export async function deactivateMember(db: TDbOrTx, actor: TWorkspaceActor, input: TDeactivateInput) {
  const workspaceId = actor.workspace.id;
  return db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx, workspaceId);
    const member = await lockMember(tx, workspaceId, input.userId);
    if (member.deactivatedAt) return { changed: false, handedOver: 0 };
    await assertKeepsAnAdmin(tx, workspaceId, member, { active: false }, admins);
    if (input.handOverTo !== null) {
      if (input.handOverTo === input.userId) throw new AppError('INVALID_INPUT', 'handOverNotActive');
      const [heir] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.handOverTo), isNull(memberships.deactivatedAt)))
        .for('share');
      if (!heir) throw new AppError('INVALID_INPUT', 'handOverNotActive');
    }
    await tx
      .update(memberships)
      .set({ deactivatedAt: sql`now()` })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)));
    // Every conversation still theirs, closed ones too: a customer writing again reopens a closed conversation to its
    // assignee, which must not be someone who is gone. Only the open ones are reported as handed over (the toast).
    const theirs = await tx
      .select({ id: conversations.id, status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.assigneeId, input.userId)));
    const handOver = async (ids: string[]) => {
      let changed = 0;
      for (let i = 0; i < ids.length; i += MAX_BULK) {
        const batch = ids.slice(i, i + MAX_BULK);
        const result = await bulkAct(tx, actor.workspace, actor.userId, { target: { ids: batch }, action: { kind: 'assign', assigneeId: input.handOverTo } });
        changed += result.changed;
      }
      return changed;
    };
    const handedOver = await handOver(theirs.filter((c) => c.status === 'open').map((c) => c.id));
    const closedHandedOver = await handOver(theirs.filter((c) => c.status !== 'open').map((c) => c.id));
    await revokePendingResets(tx, input.userId, workspaceId);
    await revokeSessions(tx, input.userId);
    await recordAudit(tx, {
      workspaceId,
      actorId: actor.userId,
      action: 'user.deactivated',
      subject: { type: 'user', id: input.userId },
      data: { name: member.name, handedOverTo: input.handOverTo, conversations: handedOver, closedConversations: closedHandedOver },
    });
    return { changed: true, handedOver };
  });
}

export async function reactivateMember(db: TDbOrTx, actor: TWorkspaceActor, input: { userId: string }) {
  const workspaceId = actor.workspace.id;
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, workspaceId, input.userId);
    if (!member.deactivatedAt) return { changed: false };
    await tx
      .update(memberships)
      .set({ deactivatedAt: null })
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, [input.userId])));
    await recordAudit(tx, {
      workspaceId,
      actorId: actor.userId,
      action: 'user.reactivated',
      subject: { type: 'user', id: input.userId },
      data: { name: member.name, role: member.role },
    });
    return { changed: true };
  });
}
