import { z } from 'zod';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '@/server/domain/templates';

/** Input schemas of Settings → Templates' procedures, validated once at the router; services take the parsed types. */

/** One page of the workspace's synced templates, filtered by number, status and category. */
export const ZTemplateListInput = z.object({
  channelId: z.uuid().nullish(),
  status: z.enum(TEMPLATE_STATUSES).nullish(),
  category: z.enum(TEMPLATE_CATEGORIES).nullish(),
  /** The `nextCursor` of the page before (opaque). */
  cursor: z.string().max(2000).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TTemplateListInput = z.output<typeof ZTemplateListInput>;

/** "Sync now": one WhatsApp number of the workspace, or (none given) every connected one. */
export const ZTemplateSyncInput = z.object({ channelId: z.uuid().nullish() });
export type TTemplateSyncInput = z.output<typeof ZTemplateSyncInput>;
