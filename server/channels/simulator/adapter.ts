import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TEXT_MAX } from '@/server/domain/limits';
import { phoneDigits } from '@/server/domain/phone';
import type { TInboundMessage } from '../inbound';
import { adReferral } from '../whatsapp/envelopes';
import { referralOf } from '../whatsapp/referral';
import type { TChannelAdapter } from '../adapter';

/** What the simulator's customer "sends": the same shape on every channel type. */
export const ZSimulatedInbound = z.object({
  /** The customer's address on the channel; a phone number where the channel uses one. */
  from: z.string().trim().min(3).max(128),
  name: z.string().trim().max(100).optional(),
  text: z.string().trim().min(1).max(TEXT_MAX),
  /** Pretend the customer wrote this long ago (to try windows without waiting); at most 30 days. */
  sentSecondsAgo: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(0),
  /** The customer wrote from a click-to-WhatsApp ad with this headline (its `referral`; a free entry point). */
  adHeadline: z.string().trim().min(1).max(200).optional(),
  /** Phone-addressed channels (WhatsApp, SMS, Viber) store the sender as a phone number. */
  phoneAddressed: z.boolean().default(false),
});

/**
 * What a simulated customer's message becomes, for ingest. Only the simulator console makes these (real providers'
 * payloads are parsed by their webhooks), so this is the simulator's own function, not part of the adapter contract.
 */
export function simulatedInbound(channelId: string, payload: z.input<typeof ZSimulatedInbound>): TInboundMessage {
  const input = ZSimulatedInbound.parse(payload);
  const digits = phoneDigits(input.from);
  const phone = input.phoneAddressed && digits.length >= 8;
  return {
    channelId,
    externalId: phone ? digits : input.from,
    profileName: input.name ?? null,
    phone: phone ? `+${digits}` : null,
    providerMessageId: `sim.${randomUUID()}`,
    sentAt: new Date(Date.now() - input.sentSecondsAgo * 1000),
    kind: 'text',
    body: input.text,
    ...(input.adHeadline ? { referral: referralOf({ referral: adReferral(input.adHeadline) })! } : {}),
  };
}

/**
 * Stands in for every channel type that has no real adapter yet: accepts sends, reports delivered and read a moment
 * later, and can be told to fail through the channel's config (`simulator.fail`: transient | permanent) or per
 * message (text containing `#fail-transient` / `#fail-permanent`), so every path of the pipeline can be tried.
 */
export const simulatorAdapter: TChannelAdapter = {
  async send(message) {
    const configured = (message.channel.config.simulator as { fail?: string } | undefined)?.fail;
    const content = message.content;
    const text =
      content.kind === 'text' ? content.text : content.kind === 'reaction' ? '' : content.kind === 'media' ? (content.caption ?? '') : content.renderedText;
    const fail = text.includes('#fail-permanent') ? 'permanent' : text.includes('#fail-transient') ? 'transient' : configured;
    if (fail === 'permanent') return { ok: false, retry: 'permanent', code: 'SIM_REJECTED' };
    if (fail === 'transient')
      return {
        ok: false,
        retry: 'transient',
        code: 'SIM_UNAVAILABLE',
        unreachable: true,
      };
    // Deterministic per message, so a resend after a crash is recognised as the same message.
    return { ok: true, providerMessageId: `sim.out.${message.messageId}` };
  },
  followUps(message, providerMessageId) {
    // Meta follows a reaction with `sent` only; the simulator likewise reports nothing more.
    if (message.content.kind === 'reaction') return [];
    return [
      { afterMs: 1000, receipt: { providerMessageId, status: 'delivered' } },
      { afterMs: 3000, receipt: { providerMessageId, status: 'read' } },
    ];
  },
};
