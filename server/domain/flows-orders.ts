import { fromMicros, toMicros } from './rate-card';
import { clipText } from './well-formed-text';

/**
 * What a customer submitted with a WhatsApp Flow (`interactive.nfm_reply`) and what they ordered from a catalog
 * (`order`), as agents read them: pure, shared by the parser (server/channels/whatsapp/parse-interactive.ts), the
 * list preview and the bubble.
 */

/** One answer of a Flow: the Flow's own key (humanised where it is shown) and the value as text. */
export type TFlowField = { key: string; value: string };
export type TFlowReply = { name: string | null; fields: TFlowField[] };

/** Prices travel as decimal strings (read through integer millionths, as the rate card's are), never as floats. */
export type TOrderItem = { productRetailerId: string; quantity: number; itemPrice: string; currency: string };
export type TOrder = {
  catalogId: string | null;
  text: string | null;
  items: TOrderItem[];
  /** Units ordered (the sum of the quantities). */
  units: number;
  /** Null when the items are in more than one currency, or some could not be read (a total would then be wrong). */
  total: { amount: string; currency: string } | null;
  /** Some items of the order could not be read: they stay in the raw payload. */
  incomplete: boolean;
};

/** Keys a Flow carries for the business, not answers: Meta's `flow_token` identifies the Flow sent. */
const NOT_ANSWERS = new Set(['flow_token']);
const MAX_FIELDS = 50;
const MAX_VALUE = 1000;

/** `delivery_rating`, `deliveryRating` or `delivery-rating` → `Delivery rating`. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

/** A submitted value as text: strings as typed, numbers as written, yes/no as ✓/✗, lists joined, anything else as JSON. */
export function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (Array.isArray(value)) return value.map(fieldText).filter(Boolean).join(', ');
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/**
 * A Flow's `response_json` (a JSON string, per Meta's Flows reference) as its fields, in the order sent, without
 * `flow_token` and without empty answers; null when it is not a JSON object (the caller keeps it as text).
 */
export function flowReplyFrom(name: unknown, responseJson: unknown): TFlowReply | null {
  if (typeof responseJson !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(responseJson);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const fields = Object.entries(parsed as Record<string, unknown>)
    .filter(([key]) => !NOT_ANSWERS.has(key))
    .map(([key, value]) => ({ key, value: clipText(fieldText(value), MAX_VALUE) }))
    .filter((field) => field.value !== '')
    .slice(0, MAX_FIELDS);
  return { name: typeof name === 'string' && name !== '' ? name : null, fields };
}

/** The fields as searchable text, one `Label: value` a line. */
export const flowReplyText = (reply: TFlowReply): string =>
  reply.fields.map((field) => `${humaniseKey(field.key)}: ${field.value}`).join('\n');

const MAX_QUANTITY = 1_000_000;
const CURRENCY = /^[A-Z]{3}$/;

const priceOf = (value: unknown): string | null => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : null;
  return text !== null && toMicros(text) !== null ? text : null;
};

const quantityOf = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_QUANTITY ? n : null;
};

function itemOf(raw: unknown): TOrderItem | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const item = raw as Record<string, unknown>;
  const id = typeof item.product_retailer_id === 'string' ? item.product_retailer_id : null;
  const quantity = quantityOf(item.quantity);
  const itemPrice = priceOf(item.item_price);
  const currency = typeof item.currency === 'string' ? item.currency.trim().toUpperCase() : '';
  if (!id || quantity === null || itemPrice === null || !CURRENCY.test(currency)) return null;
  return { productRetailerId: clipText(id, 200), quantity, itemPrice, currency };
}

/**
 * An `order` object (Meta's order messages reference: `catalog_id`, `text`, `product_items[]` with
 * `product_retailer_id`, `quantity`, `item_price`, `currency`) read item by item; null when no item can be read.
 */
export function orderFrom(raw: unknown): TOrder | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const order = raw as Record<string, unknown>;
  const listed = Array.isArray(order.product_items) ? order.product_items : [];
  const items = listed.map(itemOf).filter((item): item is TOrderItem => item !== null);
  if (items.length === 0) return null;
  const incomplete = items.length < listed.length;
  const currencies = new Set(items.map((item) => item.currency));
  const micros = items.reduce((sum, item) => sum + item.quantity * toMicros(item.itemPrice)!, 0);
  const total =
    !incomplete && currencies.size === 1 && Number.isSafeInteger(micros)
      ? { amount: fromMicros(micros), currency: items[0]!.currency }
      : null;
  return {
    catalogId: typeof order.catalog_id === 'string' ? order.catalog_id : null,
    text: typeof order.text === 'string' && order.text !== '' ? order.text : null,
    items,
    units: items.reduce((sum, item) => sum + item.quantity, 0),
    total,
    incomplete,
  };
}

/**
 * The list preview of a Flow reply or an order. Previews are stored once for every reader, so these read in any
 * language: a mark and the customer's own values, the units and the total with its ISO code.
 */
export function structuredPreview(payload: Record<string, unknown> | null | undefined): string | null {
  const flow = payload?.flow as TFlowReply | undefined;
  const order = payload?.order as TOrder | undefined;
  if (flow)
    return `📝 ${flow.fields
      .slice(0, 3)
      .map((field) => field.value)
      .join(' · ')}`.trim();
  if (order) return `🛒 ×${order.units}${order.total ? ` · ${order.total.amount} ${order.total.currency}` : ''}`;
  return null;
}
