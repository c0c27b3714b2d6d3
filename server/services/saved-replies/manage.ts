import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { savedReplies } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TSavedReplyFields, TSavedReplyIdInput, TUpdateSavedReplyInput } from './schemas';

/** The unique index on (workspace, lower(shortcut)) (migration 0029). */
const SHORTCUT_INDEX = 'saved_replies_workspace_shortcut_key';

/** A shortcut another reply of the workspace already has (whatever the case), checked up front and by the index. */
async function shortcutRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, SHORTCUT_INDEX)) throw new AppError('CONFLICT', 'savedReplyShortcutTaken');
    throw error;
  }
}

async function lockReply(tx: TDbOrTx, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(savedReplies)
    .where(and(eq(savedReplies.id, id), eq(savedReplies.workspaceId, workspaceId)))
    .for('update');
  // Another workspace's reply is as absent as one that never was.
  if (!row) throw new AppError('NOT_FOUND', 'savedReplyNotFound');
  return row;
}

export async function createSavedReply(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TSavedReplyFields) {
  return shortcutRace(() =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(savedReplies)
        .values({ workspaceId: workspace.id, shortcut: input.shortcut, body: input.body, language: input.language, createdBy: userId })
        .returning({ id: savedReplies.id });
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: userId,
        action: 'savedReply.created',
        subject: { type: 'savedReply', id: row!.id },
        data: { shortcut: [null, input.shortcut], language: [null, input.language], body: [null, input.body] },
      });
      return { id: row!.id };
    }),
  );
}

export async function updateSavedReply(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TUpdateSavedReplyInput) {
  return shortcutRace(() =>
    db.transaction(async (tx) => {
      const before = await lockReply(tx, workspace.id, input.id);
      // Only what changed is written and logged; an unchanged form changes nothing.
      const changes = Object.fromEntries(
        (['shortcut', 'body', 'language'] as const).filter((f) => before[f] !== input[f]).map((f) => [f, [before[f], input[f]]]),
      );
      if (Object.keys(changes).length === 0) return { changed: false };
      await tx
        .update(savedReplies)
        .set({ shortcut: input.shortcut, body: input.body, language: input.language, updatedAt: sql`now()` })
        .where(eq(savedReplies.id, before.id));
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: userId,
        action: 'savedReply.updated',
        subject: { type: 'savedReply', id: before.id },
        data: changes,
      });
      return { changed: true };
    }),
  );
}

export async function deleteSavedReply(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TSavedReplyIdInput) {
  return db.transaction(async (tx) => {
    const before = await lockReply(tx, workspace.id, input.id);
    await tx.delete(savedReplies).where(eq(savedReplies.id, before.id));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: userId,
      action: 'savedReply.deleted',
      subject: { type: 'savedReply', id: before.id },
      data: { shortcut: before.shortcut, language: before.language },
    });
    return { deleted: true };
  });
}
