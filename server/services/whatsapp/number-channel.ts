import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';

/** One app may serve several numbers: the workspace's WhatsApp channel a change names by its phone_number_id. */
export async function numberChannel(
  db: TDbOrTx,
  workspaceId: string,
  channelId: string,
  externalId: string,
  phoneNumberId: string,
): Promise<string | null> {
  if (phoneNumberId === externalId) return channelId;
  const [other] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.type, 'whatsapp'), eq(channels.externalId, phoneNumberId)));
  return other?.id ?? null;
}
