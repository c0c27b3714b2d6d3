import type { TChannelAdapter } from '../adapter';

/**
 * Stands in for every channel type that has no real adapter yet: accepts sends, reports delivered and read a moment
 * later, and can be told to fail through the channel's config (`simulator.fail`: transient | permanent) or per
 * message (text containing `#fail-transient` / `#fail-permanent`), so every path of the pipeline can be tried.
 */
export const simulatorAdapter: TChannelAdapter = {
  async send(message) {
    const configured = (message.channel.config.simulator as { fail?: string } | undefined)?.fail;
    const text = message.content.kind === 'text' ? message.content.text : message.content.renderedText;
    const fail = text.includes('#fail-permanent') ? 'permanent' : text.includes('#fail-transient') ? 'transient' : configured;
    if (fail === 'permanent')
      return { ok: false, retry: 'permanent', code: 'SIM_REJECTED', reason: 'The simulated provider rejected this message.' };
    if (fail === 'transient')
      return { ok: false, retry: 'transient', code: 'SIM_UNAVAILABLE', reason: 'The simulated provider is temporarily unavailable.' };
    // Deterministic per message, so a resend after a crash is recognised as the same message.
    return { ok: true, providerMessageId: `sim.out.${message.messageId}` };
  },
  followUps(_message, providerMessageId) {
    return [
      { afterMs: 1000, receipt: { providerMessageId, status: 'delivered' } },
      { afterMs: 3000, receipt: { providerMessageId, status: 'read' } },
    ];
  },
};
