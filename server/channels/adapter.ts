import type { TChannelType } from '@/server/domain/channel-types';
import type { TFailureData } from '@/server/domain/delivery-status';
import type { TMediaFileKind } from '@/server/domain/media-rules';
import type { TTemplateComponent, TTemplateParameterFormat } from '@/server/domain/templates';

/**
 * A file going out: our stored copy, and Meta's media id once it was uploaded (kept, so a retried send never
 * uploads it twice). The delivery job uploads it first when the channel's adapter can (see uploadMedia).
 */
export type TOutboundFile = { providerMediaId: string | null; storageKey: string | null; mime: string; size: number; fileName: string | null };

/** One message to deliver, with everything an adapter needs and nothing it must look up. */
export type TOutboundMessage = {
  messageId: number;
  /** The delivery attempt making this send (carried in the opaque data its status webhooks echo). */
  attemptId?: number;
  channel: { id: string; type: TChannelType; config: Record<string, unknown> };
  recipient: { externalId: string | null; bsuid: string | null; phone: string | null };
  content:
    /** replyTo: the provider id of the message this one quotes (WhatsApp's `context.message_id`). */
    | { kind: 'text'; text: string; messagingTag: 'HUMAN_AGENT' | null; replyTo?: string | null }
    /** A reaction to the customer's message `target` (its provider id); an empty emoji removes ours. */
    | { kind: 'reaction'; target: string; emoji: string }
    /** An image, video, audio, document or sticker, by its uploaded id; a caption where the kind takes one. */
    | { kind: 'media'; mediaKind: TMediaFileKind; caption: string | null; messagingTag: 'HUMAN_AGENT' | null; file: TOutboundFile }
    | {
        kind: 'template';
        name: string;
        language: string;
        params: Record<string, string>;
        parameterFormat: TTemplateParameterFormat;
        components: TTemplateComponent[];
        renderedText: string;
        /** An image, video or document header: a file of ours (uploaded first, like a media message's) or a link. */
        headerMedia?: { kind: TMediaFileKind; file: TOutboundFile } | { kind: TMediaFileKind; link: string } | null;
      };
};

export type TSendResult =
  | { ok: true; providerMessageId: string }
  /**
   * transient: worth retrying (rate limits, 5xx, timeouts); permanent: retrying cannot help. The verdict is stored
   * on a message that fails, and decides whether it can be retried. `code` names the reason in the catalogs
   * (`deliveryErrors.<code>`); `data` carries what the sentence needs and the provider's own words.
   * unreachable: the provider did not answer properly (no connection, timeout, 5xx): its circuit breaker counts it.
   * outcomeUnknown: the request went out and no verdict came back: it may have been accepted, so a resend must
   * first wait for evidence. throttle: a rate limit that defers the message without counting as a failed attempt
   * (number: the number's throughput; pair: too many messages to this one customer).
   */
  | {
      ok: false;
      retry: 'transient' | 'permanent';
      code: string;
      data?: TFailureData;
      channelNeedsAttention?: boolean;
      unreachable?: boolean;
      outcomeUnknown?: boolean;
      throttle?: 'number' | 'pair';
    };

/** The bytes of a file to upload to the provider, read from our storage. */
export type TMediaUpload = { bytes: Buffer; mime: string; fileName: string | null };
export type TMediaUploadResult = { ok: true; providerMediaId: string } | Extract<TSendResult, { ok: false }>;

export type TReceipt = { providerMessageId: string; status: 'delivered' | 'read' | 'failed'; code?: string; data?: TFailureData };

/**
 * What every channel implements for delivery: sending, with failures classified as transient or permanent under a code
 * the catalogs can say. `followUps` lets a channel schedule receipts that will arrive later (the simulator does). Inbound
 * payloads are not part of it: each provider's webhook parses its own (services/whatsapp/webhook.ts) and the
 * simulator console builds its messages with simulatedInbound.
 */
export type TChannelAdapter = {
  send(message: TOutboundMessage): Promise<TSendResult>;
  /** Uploads a file to the provider before a message names it by id (WhatsApp's `POST /{phone-number-id}/media`). */
  uploadMedia?(channel: TOutboundMessage['channel'], file: TMediaUpload): Promise<TMediaUploadResult>;
  followUps?(message: TOutboundMessage, providerMessageId: string): { afterMs: number; receipt: TReceipt }[];
};
