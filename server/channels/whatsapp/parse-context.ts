import { MAX_ID_LENGTH } from './webhook-schema';

/**
 * What a message's `context` says about it, as stored in its payload (`quotedId`, `forwarded`): the message it
 * replies to (`context.id`, the provider id of one of ours or the customer's; `context.from` is who sent that one) and
 * whether it was forwarded (`context.forwarded`: up to five times; `context.frequently_forwarded`: more). Shapes from
 * Meta's messages webhook reference (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/
 * reference/messages/text: "context" on a reply and on a forwarded message), copied in
 * /work/shared/reference/meta-messaging.md §1.1. The quoted message is resolved when the timeline is read
 * (services/messages/list.ts), so ingest stores one more payload key and makes no lookup of its own.
 */
export type TMessageContext = { quotedId?: string; forwarded?: TForwarded };
export type TForwarded = 'forwarded' | 'frequently_forwarded';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export function contextOf(message: Record<string, unknown>): TMessageContext {
  const context = message.context;
  if (!isObject(context)) return {};
  const id = context.id;
  const quotedId = typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH ? id : undefined;
  // "Frequently" wins: a message forwarded many times is also forwarded.
  const forwarded: TForwarded | undefined =
    context.frequently_forwarded === true ? 'frequently_forwarded' : context.forwarded === true ? 'forwarded' : undefined;
  return { ...(quotedId ? { quotedId } : {}), ...(forwarded ? { forwarded } : {}) };
}
