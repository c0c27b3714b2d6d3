import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import type { TFailureData } from '@/server/domain/delivery-status';
import { englishFailureReason } from '@/server/i18n/english';
import { notify } from '@/server/realtime/notify';

/** Meta refused the number's credentials or blocked its account: admins must act before it works again. */
export async function markChannelNeedsAttention(
  db: TDbOrTx,
  channelId: string,
  failure: { code: string; data: TFailureData | null },
): Promise<void> {
  const [channel] = await db
    .update(channels)
    .set({
      status: 'needs_attention',
      statusReason: englishFailureReason(failure.code, failure.data),
      statusCode: failure.code,
      statusData: failure.data,
    })
    .where(eq(channels.id, channelId))
    .returning({ workspaceId: channels.workspaceId, type: channels.type });
  // The numbers page shows the state of every WhatsApp number.
  if (channel?.type === 'whatsapp') await notify(db, { type: 'number.changed', workspaceId: channel.workspaceId, channelId });
}
