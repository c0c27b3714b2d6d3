import type { TDb } from '@/db/client';
import { pgOf, send } from '@/db/client';
import { parseCalls, type ZCallsValue } from '@/server/channels/whatsapp/parse-calls';
import { notify } from '@/server/realtime/notify';
import { batchedIngest } from '@/server/services/ingest/batcher';
import type { z } from 'zod';

// The call's line takes how it ended, once: a replayed or late "connect" never turns an ended call back to ringing.
const END_CALL = `
  update messages m set payload = jsonb_set(coalesce(m.payload, '{}'::jsonb), '{call}', $3::jsonb)
  from conversations c
  where m.channel_id = $1 and m.provider_message_id = $2 and c.id = m.conversation_id
    and m.payload->'call'->>'state' is distinct from 'ended'
  returning m.id, m.conversation_id, c.workspace_id, c.assignee_id`;

/**
 * A `calls` change: each call becomes one timeline item of its conversation, stored by ingest like any inbound item
 * (a customer's call opens the window and counts as their contact: server/domain/window.ts), and its terminate
 * event later says how it ended (answered and for how long, or missed).
 */
export async function applyCalls(db: TDb, channelId: string, value: z.infer<typeof ZCallsValue>, receivedAt = new Date()) {
  const ingest = batchedIngest(db);
  const items = parseCalls(channelId, value, receivedAt);
  for (const item of items) {
    const outcome = await ingest(item);
    const call = item.payload?.call as { state: string } | undefined;
    if (!('duplicate' in outcome) || !outcome.duplicate || call?.state !== 'ended') continue;
    await db.transaction(async (tx) => {
      const [ended] = await send<{ id: string; conversation_id: string; workspace_id: string; assignee_id: string | null }>(
        pgOf(tx),
        END_CALL,
        [channelId, item.providerMessageId, JSON.stringify(call)],
      );
      if (!ended) return;
      await notify(tx, {
        type: 'message.changed',
        workspaceId: ended.workspace_id,
        conversationId: ended.conversation_id,
        messageId: Number(ended.id),
        assigneeId: ended.assignee_id,
        actorId: null,
      });
    });
  }
  return items.length;
}
