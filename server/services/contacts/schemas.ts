import { z } from 'zod';
import { ZContactFields, ZContactTag } from '@/server/domain/contact-edit';

/**
 * Input schemas of the contact procedures, validated once at the router. A contact is always edited through one of
 * its conversations: that conversation's visibility is what lets an agent edit it (agents edit the contacts of the
 * conversations they can see), and its workspace is the caller's.
 */
export const ZContactUpdateInput = ZContactFields.extend({
  conversationId: z.uuid(),
  /** The contact's version the form was filled from (conversation.get): a newer one is a CONFLICT. */
  version: z.number().int().min(1),
});
export const ZContactTagInput = z.object({ conversationId: z.uuid(), tag: ZContactTag });

export type TContactUpdateInput = z.output<typeof ZContactUpdateInput>;
export type TContactTagInput = z.output<typeof ZContactTagInput>;
