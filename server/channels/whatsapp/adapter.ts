import type { TChannelAdapter, TSendResult } from '../adapter';
import { openWhatsAppConfig } from './config';
import { graphMessageBody } from './graph-body';
import { graphRequest } from './graph-client';
import { uploadWhatsAppMedia } from './graph-upload';

/** Meta's throughput limit for the number, and its limit of one message per 6 s to the same customer. */
const THROUGHPUT_LIMIT = 130429;
const PAIR_RATE_LIMIT = 131056;

/**
 * The WhatsApp Cloud API adapter: sends through `POST /{version}/{phone_number_id}/messages`. A 200 means Meta
 * accepted the message (delivery arrives later as status webhooks); errors are classified by Meta's code.
 */
export const whatsappAdapter: TChannelAdapter = {
  async send(message): Promise<TSendResult> {
    const config = openWhatsAppConfig(message.channel.config);
    if (!config) throw new Error('not a WhatsApp Cloud API channel');
    const result = await graphRequest<{ messages?: { id?: string }[] }>(config, 'POST', `${config.phoneNumberId}/messages`, {
      body: graphMessageBody(message),
    });
    const id = result.ok ? result.json.messages?.[0]?.id : undefined;
    if (id) return { ok: true, providerMessageId: id };
    // Meta said yes without saying to what: the status webhook (matched by our opaque data) will tell.
    if (result.ok)
      return {
        ok: false,
        retry: 'transient',
        code: 'NO_MESSAGE_ID',
        outcomeUnknown: true,
      };
    const { code, meaning, failureCode, data, unreachable, outcomeUnknown } = result;
    return {
      ok: false,
      retry: meaning.retry,
      code: failureCode,
      data,
      channelNeedsAttention: meaning.channelNeedsAttention,
      unreachable,
      outcomeUnknown,
      ...(code === THROUGHPUT_LIMIT ? { throttle: 'number' as const } : code === PAIR_RATE_LIMIT ? { throttle: 'pair' as const } : {}),
    };
  },
  uploadMedia: uploadWhatsAppMedia,
};
