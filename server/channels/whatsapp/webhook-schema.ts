import { z } from 'zod';

/**
 * The parts of Meta's WhatsApp webhook payload we rely on. Everything is permissive (`looseObject`): unknown fields
 * and message types are kept, never rejected, so a new Meta field can never turn into a 500. Messages, statuses and
 * contacts are checked one by one (./parse), so one malformed item never takes its neighbours down with it.
 */

/**
 * Longest id we key anything by (message ids, wa_id, BSUID). Meta's are well under 100 characters; a longer one is
 * not Meta, and would not fit the unique indexes that make replays harmless.
 */
export const MAX_ID_LENGTH = 256;
const ZId = z.string().max(MAX_ID_LENGTH);

export const ZContact = z.looseObject({
  wa_id: ZId.optional(),
  user_id: ZId.optional(),
  // `username` (2026): the customer's WhatsApp username, when they adopted one (meta-messaging.md §BSUID).
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

export const ZMessage = z.looseObject({
  id: ZId.min(1),
  from: ZId.optional(),
  from_user_id: ZId.optional(),
  /** Unix seconds; checked for sense (server/domain/provider-time), never a reason to refuse the message. */
  timestamp: z.unknown().optional(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  reaction: z.looseObject({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
  /** An edit (Coexistence numbers): the original's id and the message as it now reads (its text or media caption). */
  edit: z
    .looseObject({ original_message_id: z.string().optional(), message: z.looseObject({ type: z.string().optional() }).optional() })
    .optional(),
  /**
   * A system notice: `body` in Meta's words, `type` user_changed_number (the new `wa_id`; `new_wa_id` before v12) or
   * user_changed_user_id (the new `user_id`, with `previous_user_id`, Aug 2026). Ids are checked where they are read.
   */
  system: z.looseObject({ body: z.string().optional(), type: z.string().optional() }).optional(),
  /** A deletion for everyone (Coexistence numbers). */
  revoke: z.looseObject({ original_message_id: z.string().optional() }).optional(),
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

export const ZStatus = z.looseObject({
  id: ZId.min(1),
  status: z.string(),
  timestamp: z.unknown().optional(),
  /** Echoes what the send carried (our message id): matches a status to a send whose Meta id we never recorded. */
  biz_opaque_callback_data: z.string().optional().catch(undefined),
  /** What Meta charges for the message (sent, and one of delivered/read); read by domain/meta-pricing. */
  pricing: z.unknown().optional(),
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
  contacts: z.array(z.unknown()).optional().catch(undefined),
  messages: z.array(z.unknown()).optional().catch(undefined),
  statuses: z.array(z.unknown()).optional().catch(undefined),
});

/** Entries and changes are checked one by one too (changesOf): a malformed one is skipped, not the whole request. */
export const ZWebhookEnvelope = z.looseObject({ object: z.string(), entry: z.array(z.unknown()) });

const ZEntry = z.looseObject({ id: z.string().optional().catch(undefined), changes: z.array(z.unknown()).default([]) });
const ZChange = z.looseObject({ field: z.string(), value: z.unknown() });
export type TWebhookChange = z.infer<typeof ZChange>;

/** Every well-formed change of an envelope, with its entry's id (the WABA); malformed entries and changes are skipped. */
export function changesOf(
  envelope: z.infer<typeof ZWebhookEnvelope>,
): { entryId: string | undefined; entryTime: unknown; change: TWebhookChange }[] {
  return envelope.entry.flatMap((raw) => {
    const entry = ZEntry.safeParse(raw);
    if (!entry.success) return [];
    return entry.data.changes.flatMap((rawChange) => {
      const change = ZChange.safeParse(rawChange);
      return change.success ? [{ entryId: entry.data.id, entryTime: entry.data.time, change: change.data }] : [];
    });
  });
}

export type TWhatsAppContact = z.infer<typeof ZContact>;
export type TWhatsAppMessage = z.infer<typeof ZMessage>;
export type TWhatsAppStatus = z.infer<typeof ZStatus>;
export type TMessagesValue = z.infer<typeof ZMessagesValue>;
