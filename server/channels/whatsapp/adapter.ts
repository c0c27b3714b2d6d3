import { env } from '@/server/env';
import type { TChannelAdapter, TSendResult } from '../adapter';
import { ZWhatsAppConfig } from './config';
import { graphMessageBody } from './graph-body';
import { meaningOf } from './graph-errors';
import { parseInboundMessages } from './parse';
import { ZMessagesValue, ZWebhookEnvelope } from './webhook-schema';

const SEND_TIMEOUT_MS = 15_000;

/** The Graph API a channel talks to: its own base URL, the configured one, or this app's local fake. */
export function graphBaseUrl(configured: string | null | undefined): string {
  const config = env();
  return (configured || config.GRAPH_API_BASE_URL || `http://127.0.0.1:${config.PORT}/dev/graph`).replace(/\/$/, '');
}

/**
 * The WhatsApp Cloud API adapter: sends through `POST /{version}/{phone_number_id}/messages`. A 200 means Meta
 * accepted the message (delivery arrives later as status webhooks); errors are classified by Meta's code.
 */
export const whatsappAdapter: TChannelAdapter = {
  parseInbound(channelId, payload) {
    const envelope = ZWebhookEnvelope.parse(payload);
    return envelope.entry.flatMap((entry) =>
      entry.changes.flatMap((change) => {
        const value = change.field === 'messages' ? ZMessagesValue.safeParse(change.value) : null;
        return value?.success ? parseInboundMessages(channelId, value.data) : [];
      }),
    );
  },

  async send(message): Promise<TSendResult> {
    const config = ZWhatsAppConfig.parse(message.channel.config);
    const timeout = Number((message.channel.config as { requestTimeoutMs?: number }).requestTimeoutMs) || SEND_TIMEOUT_MS;
    let response: Response;
    try {
      response = await fetch(`${graphBaseUrl(config.graphBaseUrl)}/${config.apiVersion}/${config.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(graphMessageBody(message)),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return {
        ok: false,
        retry: 'transient',
        code: timedOut ? 'TIMEOUT' : 'ADAPTER_ERROR',
        reason: timedOut ? 'WhatsApp did not answer in time; retrying.' : 'WhatsApp could not be reached; retrying.',
      };
    }
    const json = (await response.json().catch(() => null)) as { messages?: { id?: string }[]; error?: { code?: number } } | null;
    const id = json?.messages?.[0]?.id;
    if (response.ok && id) return { ok: true, providerMessageId: id };
    const code = typeof json?.error?.code === 'number' ? json.error.code : null;
    const meaning = meaningOf(code, response.status);
    return {
      ok: false,
      retry: meaning.retry,
      code: code !== null ? String(code) : response.status >= 500 ? 'HTTP_5XX' : `HTTP_${response.status}`,
      reason: meaning.reason,
      channelNeedsAttention: meaning.channelNeedsAttention,
    };
  },
};
