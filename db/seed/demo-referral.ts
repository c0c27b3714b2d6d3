import type * as s from '@/db/schema';
import { adReferral } from '@/server/channels/whatsapp/envelopes';
import { referralOf } from '@/server/channels/whatsapp/referral';
import { NO_FREE_ENTRY, onReferral, onReply } from '@/server/domain/free-entry';
import type { TMessageRow } from './demo-history';

const ACCEPTED: readonly string[] = ['sent', 'delivered', 'read'];

/**
 * A demo conversation whose customer first wrote from a click-to-WhatsApp ad: the first customer message carries the
 * ad's `referral` (as Meta sends it), and the conversation's free entry point fields follow from its history by the
 * same rule the services apply (server/domain/free-entry.ts): started by the first reply Meta accepted, if in time.
 */
export function fromAd(headline: string, history: TMessageRow[]): Partial<typeof s.conversations.$inferInsert> {
  const first = history.find((m) => m.direction === 'in');
  if (!first?.sentAt) return {};
  const raw = adReferral(headline, 'ARAdemoClick0001');
  const whatsapp = { type: 'text', text: { body: first.body }, referral: raw };
  first.payload = { whatsapp };
  let state = onReferral(NO_FREE_ENTRY, first.sentAt);
  for (const m of history) {
    if (m.direction === 'out' && m.status && ACCEPTED.includes(m.status) && m.createdAt && m.createdAt >= first.sentAt)
      state = onReply(state, m.createdAt);
  }
  return {
    referral: referralOf(whatsapp),
    referralAt: state.referralAt,
    referralAnsweredAt: state.answeredAt,
    freeEntryUntil: state.until,
  };
}
