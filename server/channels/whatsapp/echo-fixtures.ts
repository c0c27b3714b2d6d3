import { DISPLAY_NUMBER } from './meaning-fixtures';

/**
 * Echoes, Flow replies and orders, written for our tests from the shapes in Meta's own reference pages (not copied
 * from any project's fixtures):
 * - smb_message_echoes: developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/
 *   smb_message_echoes (Apr 2026: `message_echoes[]` with `from` = the business number, `to` = the customer, `id`,
 *   `timestamp`, `type` and the content object; edits and revokes of the business's own messages too);
 * - Flow replies: developers.facebook.com/docs/whatsapp/flows/reference/responsemsgwebhook (`interactive.type =
 *   "nfm_reply"`, `nfm_reply: { name: "flow", body: "Sent", response_json }`, response_json a JSON string with the
 *   `flow_token` and the Flow's answers);
 * - orders: developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/order
 *   (`order: { catalog_id, text, product_items: [{ product_retailer_id, quantity, item_price, currency }] }`);
 * - smb_app_state_sync: .../webhooks/reference/smb_app_state_sync (`state_sync[]` of `{ type: "contact", contact,
 *   action, metadata }`).
 * Shared by the parser's unit tests, the ingest integration tests and the end-to-end spec.
 */

const timestampOf = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** One `smb_message_echoes` change value: what the business sent from its phone to one customer. */
export function echoValue(phoneNumberId: string, customer: string, echoes: Record<string, unknown>[], name = 'Sheena Nelson') {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId },
    contacts: [{ profile: { name }, wa_id: customer }],
    message_echoes: echoes.map((echo) => ({ from: DISPLAY_NUMBER, to: customer, ...echo })),
  };
}

export const echoEnvelope = (value: Record<string, unknown>, field = 'smb_message_echoes') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field, value }] }],
});

export const echoTextEntry = (id: string, body: string, at: Date) => ({ id, timestamp: timestampOf(at), type: 'text', text: { body } });

/** A template sent on the same number by another tool, echoed with its name and language. */
export const echoTemplateEntry = (id: string, name: string, at: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'template',
  template: { name, language: { code: 'en_US' }, components: [] },
});

/** A Flow's answers; `responseJson` may be any string (a malformed one is kept as text). */
export const flowReplyEntry = (id: string, responseJson: string, at: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'interactive',
  context: { from: DISPLAY_NUMBER, id: 'wamid.flow-request' },
  interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson } },
});

export const bookingAnswers = {
  flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
  full_name: 'Layla Haddad',
  appointmentDate: '2026-12-10',
  party_size: 4,
  wants_reminder: true,
};

export const orderEntry = (
  id: string,
  items: { product_retailer_id: unknown; quantity: unknown; item_price: unknown; currency: unknown }[],
  at: Date,
  text = 'Please deliver after 5',
) => ({
  id,
  timestamp: timestampOf(at),
  type: 'order',
  order: { catalog_id: '194836987003835', text, product_items: items },
});

/** Two lines, three units, 2 × 7.99 + 1 × 12.50 = 28.48 SAR. */
export const sampleOrderItems = [
  { product_retailer_id: 'dates-ajwa-500g', quantity: 2, item_price: 7.99, currency: 'SAR' },
  { product_retailer_id: 'coffee-saudi-250g', quantity: 1, item_price: 12.5, currency: 'SAR' },
];

export function appStateSyncValue(phoneNumberId: string, phone: string, at: Date) {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId },
    state_sync: [
      {
        type: 'contact',
        contact: { full_name: 'Pablo Morales', first_name: 'Pablo', phone_number: phone },
        action: 'add',
        metadata: { timestamp: timestampOf(at) },
      },
    ],
  };
}
