import { z } from 'zod';
import { ZSimulatedInbound } from '@/server/channels/simulator/adapter';
import { MEDIA_KINDS } from '@/server/domain/media-rules';

/** Input schemas of the simulator procedures, validated once at the router; services take the parsed types. */

export const ZSimulateInboundInput = ZSimulatedInbound.omit({ phoneAddressed: true }).extend({
  channelId: z.uuid(),
  /** A photo, voice note, document… (a sample file; the text is its caption, or the place's or contact's name). WhatsApp numbers only. */
  media: z.enum(MEDIA_KINDS).optional(),
});
export type TSimulateInboundInput = z.output<typeof ZSimulateInboundInput>;
