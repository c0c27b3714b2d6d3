import { z } from 'zod';

/**
 * The parts of Meta's WhatsApp webhook payload we rely on. Everything is permissive (`looseObject`): unknown fields
 * and message types are kept, never rejected, so a new Meta field can never turn into a 500.
 */
const ZContact = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

const ZMessage = z.looseObject({
  id: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  reaction: z.looseObject({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
  interactive: z.looseObject({ type: z.string().optional() }).optional(),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  location: z
    .looseObject({
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});

const ZStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  /** Echoes what the send carried (our message id): matches a status to a send whose Meta id we never recorded. */
  biz_opaque_callback_data: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.number().optional(),
        title: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

export const ZMessagesValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  contacts: z.array(ZContact).optional(),
  messages: z.array(ZMessage).optional(),
  statuses: z.array(ZStatus).optional(),
});

export const ZWebhookEnvelope = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({ id: z.string().optional(), changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).default([]) }),
  ),
});

export type TWhatsAppMessage = z.infer<typeof ZMessage>;
export type TWhatsAppStatus = z.infer<typeof ZStatus>;
export type TMessagesValue = z.infer<typeof ZMessagesValue>;
