import { z } from 'zod';
import { ZInboxQuery } from '@/server/domain/inbox-query';
import { CLOSING_NOTE_MAX, LABEL_MAX } from '@/server/domain/limits';

/** Input schemas of the conversation procedures, validated once at the router; services take the parsed types. */

export const MAX_BULK = 1000;

export const ZInboxListInput = ZInboxQuery.extend({
  cursor: z.string().max(512).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
/** A list request as callers write it, defaults left out (see listConversations). */
export type TInboxListInput = z.input<typeof ZInboxListInput>;

/** get, row, markRead and reopen: one conversation of the caller's workspace. */
export const ZConversationIdInput = z.object({ id: z.uuid() });

export const ZCloseInput = z.object({
  id: z.uuid(),
  note: z.object({ category: z.string().trim().max(LABEL_MAX).optional(), text: z.string().trim().max(CLOSING_NOTE_MAX).optional() }).optional(),
});
export const ZAssignInput = z.object({ id: z.uuid(), assigneeId: z.uuid().nullable() });
export const ZTeamInput = z.object({ id: z.uuid(), teamId: z.uuid().nullable() });
export const ZBulkInput = z.object({
  /** Either the selected ids, or "everything matching this list" (capped at MAX_BULK). */
  target: z.union([z.object({ ids: z.array(z.uuid()).min(1).max(MAX_BULK) }), z.object({ query: ZInboxQuery })]),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), assigneeId: z.uuid().nullable() }),
    z.object({ kind: z.literal('close') }),
  ]),
});

export type TCloseInput = z.output<typeof ZCloseInput>;
export type TAssignInput = z.output<typeof ZAssignInput>;
export type TTeamInput = z.output<typeof ZTeamInput>;
export type TBulkInput = z.output<typeof ZBulkInput>;
