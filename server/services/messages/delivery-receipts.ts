import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx, TTx } from '@/db/client';
import { deliveryAttempts, messages } from '@/db/schema';
import type { TDeliveryStatus } from '@/server/domain/delivery-status';
import type { TMetaPricing } from '@/server/domain/meta-pricing';
import { parseSendOpaque } from '@/server/domain/send-opaque';
import { logger } from '@/server/logger';
import { recordPricing } from '@/server/services/pricing/record-pricing';
import { markWindowClosed, setStatus, WINDOW_CLOSED_CODE, type TFailure } from './message-status';

/**
 * Applies a provider's receipt by its message id; out-of-order receipts never move a status backwards. A receipt
 * for an id we never recorded (the worker died, or timed out, after Meta accepted the message) is matched by the
 * opaque data the send carried (see domain/send-opaque.ts), on this channel only and only to an attempt still open:
 * the message adopts Meta's id, the attempt counts as accepted and the status is applied, all in one transaction, so
 * no crash can leave an adopted message looking unsent. Meta's `pricing`, when the receipt carries it, is kept once.
 */
export async function applyReceipt(
  db: TDbOrTx,
  channelId: string,
  providerMessageId: string,
  status: Exclude<TDeliveryStatus, 'queued'>,
  error?: TFailure,
  opaque?: string,
  pricing?: TMetaPricing | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, providerMessageId)));
    const id = row?.id ?? (opaque ? await adoptByOpaque(tx, channelId, providerMessageId, opaque) : null);
    if (!id) return false;
    if (pricing) await recordPricing(tx, id, pricing);
    if (status === 'failed' && error?.code === WINDOW_CLOSED_CODE) return markWindowClosed(tx, id, error.data);
    return setStatus(tx, id, status, error ? { failure: error } : {});
  });
}

/** Attempts whose send may have reached Meta without our knowing: a status webhook is the evidence that it did. */
const OPEN = ['calling', 'unknown', 'lost'] as const;

async function adoptByOpaque(tx: TTx, channelId: string, providerMessageId: string, opaque: string): Promise<number | null> {
  const parsed = parseSendOpaque(opaque);
  if (!parsed) return null;
  // The plain id of sends made before the namespacing names no attempt: any open attempt of that message will do.
  const attemptMatches = parsed.attemptId === null ? sql`true` : eq(deliveryAttempts.id, parsed.attemptId);
  const openAttempt = sql`exists (
    select 1 from ${deliveryAttempts}
    where ${deliveryAttempts.messageId} = ${messages.id} and ${inArray(deliveryAttempts.state, [...OPEN])} and ${attemptMatches})`;
  // The message row first, then its attempt: the order a worker recording an acceptance locks them in.
  const [adopted] = await tx
    .update(messages)
    .set({ providerMessageId })
    .where(
      and(
        eq(messages.id, parsed.messageId),
        eq(messages.channelId, channelId),
        eq(messages.direction, 'out'),
        sql`${messages.providerMessageId} is null`,
        openAttempt,
      ),
    )
    .returning({ id: messages.id });
  if (!adopted) return null;
  await tx
    .update(deliveryAttempts)
    .set({ state: 'accepted', providerMessageId, finishedAt: sql`now()` })
    .where(and(eq(deliveryAttempts.messageId, adopted.id), inArray(deliveryAttempts.state, [...OPEN]), attemptMatches));
  logger.info({ messageId: adopted.id }, 'adopted an unrecorded send from its status webhook');
  return adopted.id;
}
