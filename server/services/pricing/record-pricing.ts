import { and, eq, isNull } from 'drizzle-orm';
import type { TTx } from '@/db/client';
import { messages } from '@/db/schema';
import type { TMetaPricing } from '@/server/domain/meta-pricing';

/**
 * Keeps Meta's `pricing` of an outbound message from the first status that carried it: Meta sends it with `sent` and
 * again with one of `delivered`/`read`, and a webhook may be replayed; the first one stays.
 */
export async function recordPricing(tx: TTx, messageId: number, pricing: TMetaPricing): Promise<void> {
  await tx
    .update(messages)
    .set({ pricing })
    .where(and(eq(messages.id, messageId), eq(messages.direction, 'out'), isNull(messages.pricing)));
}
