import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import { notify } from '@/server/realtime/notify';

/** Meta refused the number's credentials or blocked its account: admins must act before it works again. */
export async function markChannelNeedsAttention(db: TDbOrTx, channelId: string, reason: string): Promise<void> {
  const [channel] = await db
    .update(channels)
    .set({ status: 'needs_attention', statusReason: reason })
    .where(eq(channels.id, channelId))
    .returning({ workspaceId: channels.workspaceId, type: channels.type });
  // The numbers page shows the state of every WhatsApp number.
  if (channel?.type === 'whatsapp') await notify(db, { type: 'number.changed', workspaceId: channel.workspaceId, channelId });
}
