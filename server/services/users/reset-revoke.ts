import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { passwordResets } from '@/db/schema';

/**
 * Revokes a user's unused reset links: in one workspace (deactivated there), or everywhere (the account joined
 * another workspace, so no single workspace's admin may hand it over any more).
 */
export async function revokePendingResets(tx: TDbOrTx, userId: string, workspaceId?: string) {
  await tx
    .update(passwordResets)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(passwordResets.userId, userId),
        workspaceId ? eq(passwordResets.workspaceId, workspaceId) : undefined,
        isNull(passwordResets.usedAt),
        isNull(passwordResets.revokedAt),
      ),
    );
}
