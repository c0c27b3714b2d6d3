import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contacts } from '@/db/schema';
import { fieldsObject, normaliseContactPhone } from '@/server/domain/contact-edit';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { announceContactChange, lockContactOf } from './contact-of';
import type { TContactUpdateInput } from './schemas';

/**
 * Saves the contact panel's form: name, email, phone (normalised to E.164 in the workspace's country), notes and
 * custom fields, whole, over the version the form was filled from. Optimistic concurrency, not last-write-wins: if
 * someone else saved in between (or WhatsApp moved the customer's number), the save is refused with CONFLICT
 * (`contactChanged`) and nothing changes, so nobody's edit is silently lost. Tags are separate (addTag/removeTag):
 * adding and removing commute, so they need no version.
 */
export async function updateContact(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TContactUpdateInput) {
  const phone = normaliseContactPhone(input.phone, workspace.settings.defaultCountry);
  if (!phone.ok) throw new AppError('INVALID_INPUT', 'contactPhoneInvalid');
  return db.transaction(async (tx) => {
    const contact = await lockContactOf(tx, workspace, userId, input.conversationId);
    if (contact.version !== input.version) throw new AppError('CONFLICT', 'contactChanged');
    const [saved] = await tx
      .update(contacts)
      .set({
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        phone: phone.e164,
        notes: input.notes,
        fields: fieldsObject(input.fields),
        version: sql`${contacts.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(contacts.id, contact.id))
      .returning({ version: contacts.version, phone: contacts.phone });
    await announceContactChange(tx, workspace.id, contact.id, userId);
    return saved!;
  });
}
