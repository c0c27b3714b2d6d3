import { z } from 'zod';
import { AGENT_REACTIONS } from '@/server/domain/replies';
import { CAPTION_MAX, HEADER_MEDIA_KINDS, isHeaderMediaLink } from '@/server/domain/outbound-media';
import { TEMPLATE_PARAM_NAME_MAX, TEMPLATE_PARAM_VALUE_MAX, TEXT_MAX } from '@/server/domain/limits';

/** Input schemas of the message and template procedures, validated once at the router; services take the parsed types. */

export const ZMessageListInput = z.object({
  conversationId: z.uuid(),
  /** Older page: messages with an id below this one (the cursor of "load older"). */
  cursor: z.number().int().positive().nullish(),
  /** Catch-up after a realtime hint: messages with an id above this one, oldest first. */
  after: z.number().int().nonnegative().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TMessageListInput = z.output<typeof ZMessageListInput>;

/** An upload's signed id (server/services/media/upload-token.ts). */
const ZUploadId = z.string().min(20).max(4000);

export const ZSendInput = z.object({
  conversationId: z.uuid(),
  /** Chosen by the browser for each send: a retried or double-clicked send returns the first one's message. */
  clientKey: z.uuid(),
  content: z.discriminatedUnion('kind', [
    // replyTo: the id of the message this one quotes (WhatsApp's reply), of the same conversation.
    z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(TEXT_MAX), replyTo: z.number().int().positive().optional() }),
    z.object({ kind: z.literal('note'), text: z.string().trim().min(1).max(TEXT_MAX) }),
    z.object({
      kind: z.literal('template'),
      templateId: z.uuid(),
      params: z.record(z.string().max(TEMPLATE_PARAM_NAME_MAX), z.string().max(TEMPLATE_PARAM_VALUE_MAX)).default({}),
      /** The file of an image, video or document header: an upload of the composer's, or an https link Meta fetches. */
      headerMedia: z
        .union([
          z.object({ uploadId: ZUploadId }),
          z.object({ kind: z.enum(HEADER_MEDIA_KINDS), link: z.string().trim().max(2000).refine(isHeaderMediaLink) }),
        ])
        .optional(),
    }),
    // A file uploaded through /api/uploads (server/http/media-upload.ts), with a caption for the kinds that take one.
    z.object({ kind: z.literal('media'), uploadId: ZUploadId, caption: z.string().trim().max(CAPTION_MAX).optional() }),
  ]),
});
export type TSendInput = z.output<typeof ZSendInput>;

export const ZRetryInput = z.object({ messageId: z.number().int().positive() });

/** The approved templates a conversation's number may send. */
export const ZTemplatesForConversationInput = z.object({ conversationId: z.uuid() });

/** An agent's reaction to a customer's message; an empty emoji removes it. */
export const ZReactInput = z.object({
  messageId: z.number().int().positive(),
  emoji: z.enum(['', ...AGENT_REACTIONS]),
  clientKey: z.uuid(),
});
export type TReactInput = z.output<typeof ZReactInput>;
