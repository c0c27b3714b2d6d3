import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contacts } from '@/db/schema';
import { withTag, withoutTag } from '@/server/domain/contact-edit';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { announceContactChange, lockContactOf } from './contact-of';
import type { TContactTagInput } from './schemas';

/**
 * Adds or removes one tag on the conversation's contact (the inbox's Tag filter reads the contact's tags, so a tag
 * set here lists all of this customer's conversations under it). Under the contact's row lock, so two agents
 * tagging at once both keep their tag; adding a tag it has (in any case) or removing one it lacks changes nothing.
 */
export async function changeTag(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  input: TContactTagInput,
  change: 'add' | 'remove',
) {
  return db.transaction(async (tx) => {
    const contact = await lockContactOf(tx, workspace, userId, input.conversationId);
    const next = change === 'add' ? withTag(contact.tags, input.tag) : withoutTag(contact.tags, input.tag);
    if (!next) throw new AppError('INVALID_INPUT', 'tooManyTags');
    if (next.length === contact.tags.length && next.every((t, i) => t === contact.tags[i])) return { tags: next, changed: false };
    await tx
      .update(contacts)
      .set({ tags: next, updatedAt: sql`now()` })
      .where(eq(contacts.id, contact.id));
    await announceContactChange(tx, workspace.id, contact.id, userId);
    return { tags: next, changed: true };
  });
}
