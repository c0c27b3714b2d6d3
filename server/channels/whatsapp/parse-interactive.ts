import { flowReplyFrom, flowReplyText, orderFrom, type TFlowReply, type TOrder } from '@/server/domain/flows-orders';
import type { TWhatsAppMessage } from './webhook-schema';
import { clipText } from '@/server/domain/well-formed-text';

/** How a Flow reply or an order is stored: its kind, its searchable text and what the bubble draws from. */
export type TStructuredContent = {
  kind: 'interactive' | 'order';
  body: string | null;
  payload: { flow?: TFlowReply; order?: TOrder };
};

const MAX_RAW_TEXT = 4000;
const objectOf = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * A WhatsApp Flow submission and a catalog order, which parse.ts would otherwise show as `[interactive]` and
 * `[unsupported]`:
 * - `interactive.type = "nfm_reply"`, `nfm_reply: { name, body, response_json }`, response_json a JSON string of the
 *   Flow's answers (developers.facebook.com/docs/whatsapp/flows/reference/responsemsgwebhook);
 * - `type = "order"`, `order: { catalog_id, text, product_items: [{ product_retailer_id, quantity, item_price,
 *   currency }] }` (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/order).
 * What cannot be read never fails the message: unparseable answers are kept as their text, an order with no
 * readable item as its text (or its raw JSON); the raw payload is stored beside them either way. Null for anything
 * else.
 */
export function structuredContentOf(message: TWhatsAppMessage): TStructuredContent | null {
  if (message.type === 'interactive' && message.interactive?.type === 'nfm_reply') {
    const reply = objectOf(message.interactive.nfm_reply);
    const flow = flowReplyFrom(reply?.name, reply?.response_json);
    if (flow) return { kind: 'interactive', body: flowReplyText(flow) || null, payload: { flow } };
    const raw = reply?.response_json;
    return { kind: 'interactive', body: typeof raw === 'string' && raw !== '' ? clipText(raw, MAX_RAW_TEXT) : null, payload: {} };
  }
  if (message.type === 'order') {
    const raw = (message as Record<string, unknown>).order;
    const order = orderFrom(raw);
    if (order) return { kind: 'order', body: order.text, payload: { order } };
    const text = objectOf(raw)?.text;
    const fallback = typeof text === 'string' && text !== '' ? text : raw === undefined ? null : JSON.stringify(raw);
    return { kind: 'order', body: fallback ? clipText(fallback, MAX_RAW_TEXT) : null, payload: {} };
  }
  return null;
}
