import type { messages } from '@/db/schema';
import type { TReferral } from '@/server/domain/free-entry';

type TMessageKind = (typeof messages.$inferInsert)['kind'];

/**
 * A customer's message, normalised from any provider's webhook (or the customer simulator): the contract between the
 * channels, which produce it, and ingest (server/services/ingest), which stores it. It lives with the channels so
 * that neither side imports the other's internals.
 */
export type TInboundMessage = {
  channelId: string;
  /** The provider's address for the customer (wa_id, PSID, chat id...); may be empty when only a BSUID is known. */
  externalId: string | null;
  bsuid?: string | null;
  profileName?: string | null;
  /** The customer's WhatsApp username (2026), lower-case without the @; kept on their identity, searchable. */
  username?: string | null;
  /** E.164, when the provider tells us the number. */
  phone?: string | null;
  providerMessageId: string;
  /** When the customer sent it, per the provider: the window runs from here, not from when we received it. */
  sentAt: Date;
  kind: TMessageKind;
  body: string | null;
  payload?: Record<string, unknown> | null;
  /**
   * Set when the provider's "message" is really a change to another message (a reaction, an edit, a deletion): it
   * is applied to that message (`target`, the provider id) instead of being stored as one of its own.
   */
  change?: TMessageChange;
  /**
   * Set on a provider's notice that the customer's address changed (WhatsApp's `user_changed_number` and
   * `user_changed_user_id`): the sender's identity on this channel takes these keys, so their next message finds the
   * same contact and conversation. Null keys are left as they are.
   */
  identity?: TIdentityChange;
  /**
   * The ad or Page post the customer wrote from (a click-to-WhatsApp referral): opens a free entry point opportunity
   * (server/domain/free-entry.ts), kept on the conversation by ingest.
   */
  referral?: TReferral;
  /**
   * A message the business itself sent from the WhatsApp Business app on its phone (a coexistence echo, WhatsApp's
   * `smb_message_echoes`): stored as an outbound message of the customer's conversation, already `sent`. The sender
   * keys (`externalId`, `bsuid`) are then the customer it went to. Never opens the window, never unread.
   */
  echo?: true;
  /**
   * The file of an image, video, audio, document or sticker, as the provider announced it: ingest stores it as a
   * pending message_media row and queues its download (server/services/media/download.ts).
   */
  media?: TInboundMedia;
};

export type TInboundMedia = {
  /** The provider's media id (WhatsApp: valid 7 days); null when the message carried none we can use. */
  providerMediaId: string | null;
  mimeType: string | null;
  /** As the provider gives it (WhatsApp: base64 of the digest). */
  sha256: string | null;
  fileName: string | null;
  voice: boolean;
  animated: boolean;
};

export type TIdentityChange = { kind: 'number' | 'user_id'; externalId: string | null; bsuid: string | null };

export type TMessageChange =
  /** emoji null: the reaction was removed. */
  | { kind: 'reaction'; target: string; emoji: string | null }
  /** The new text or caption (null when the edit carries none we can read: the raw payload is logged). */
  | { kind: 'edit'; target: string; body: string | null }
  | { kind: 'revoke'; target: string };
