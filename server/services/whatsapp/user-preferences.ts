import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { pgOf, send } from '@/db/client';
import { MAX_ID_LENGTH } from '@/server/channels/whatsapp/webhook-schema';
import { providerTime } from '@/server/domain/provider-time';
import { logger } from '@/server/logger';
import { notify } from '@/server/realtime/notify';
import { recordEvent } from '@/server/services/conversations/timeline';

/**
 * `user_preferences` (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/
 * user_preferences): a customer stopped or resumed marketing messages from the business's chat menu.
 * `user_preferences[] = { wa_id, user_id? (BSUID, 2026), detail, category: "marketing_messages", value: "stop" |
 * "resume", timestamp }`. Checked one by one: a malformed preference is skipped, never the request.
 */
export const ZUserPreferencesValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string() }),
  user_preferences: z.array(z.unknown()).optional().catch(undefined),
});
const ZPreference = z.looseObject({
  wa_id: z.string().max(MAX_ID_LENGTH).optional(),
  user_id: z.string().max(MAX_ID_LENGTH).optional(),
  category: z.string(),
  value: z.enum(['stop', 'resume']),
  timestamp: z.unknown().optional(),
});

// The customer's contact on this channel takes the preference unless a newer one is stored (Meta retries for days).
const APPLY_PREFERENCE = `
  update contacts c
  set marketing_opt_out_at = case when $3 = 'stop' then $4::timestamptz end, marketing_preference_at = $4::timestamptz, updated_at = now()
  from contact_identities i
  where i.channel_id = $1 and (i.external_id = $2 or i.bsuid = $5) and c.id = i.contact_id
    and (c.marketing_preference_at is null or c.marketing_preference_at < $4::timestamptz)
  returning c.id`;

// Where agents read it: the customer's latest conversation on this number.
const LATEST_CONVERSATION = `
  select id, channel_id, assignee_id from conversations where channel_id = $1 and contact_id = $2
  order by last_message_at desc nulls last, created_at desc limit 1`;

/** Applies each marketing preference of the change; answers how many contacts changed. */
export async function applyUserPreferences(
  db: TDbOrTx,
  workspaceId: string,
  channelId: string,
  value: z.infer<typeof ZUserPreferencesValue>,
  receivedAt = new Date(),
) {
  let changed = 0;
  for (const raw of value.user_preferences ?? []) {
    const preference = ZPreference.safeParse(raw);
    if (!preference.success || preference.data.category !== 'marketing_messages') continue;
    const { wa_id: waId, user_id: bsuid, value: choice } = preference.data;
    if (!waId && !bsuid) continue;
    const at = providerTime(preference.data.timestamp, receivedAt);
    await db.transaction(async (tx) => {
      const q = pgOf(tx);
      const [contact] = await send<{ id: string }>(q, APPLY_PREFERENCE, [channelId, waId || null, choice, at.toISOString(), bsuid || null]);
      if (!contact) {
        logger.info({ channelId }, 'a marketing preference for a customer we do not know, or older than the one stored');
        return;
      }
      changed += 1;
      const [conversation] = await send<{ id: string; channel_id: string; assignee_id: string | null }>(q, LATEST_CONVERSATION, [
        channelId,
        contact.id,
      ]);
      if (!conversation) return;
      await recordEvent(tx, workspaceId, { id: conversation.id, channelId: conversation.channel_id }, null, 'marketing_preference', {
        details: { value: choice },
        params: { value: choice },
      });
      await notify(tx, {
        type: 'conversation.changed',
        workspaceId,
        conversationId: conversation.id,
        assigneeId: conversation.assignee_id,
        previousAssigneeId: conversation.assignee_id,
        actorId: null,
      });
    });
  }
  return changed;
}
