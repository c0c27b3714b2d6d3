/**
 * A Meta-shaped `messages` webhook carrying one customer text, as the CLI and tests post it to the app (the
 * customer's side of the conversation; the fake Graph API builds the status webhooks).
 */
export function textMessageEnvelope(input: {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  from: string;
  name: string;
  id: string;
  body: string;
  /** Unix seconds, as Meta sends it. */
  timestamp?: number;
  /** A click-to-WhatsApp ad's `referral`, as Meta attaches it to the customer's first message (see adReferral). */
  referral?: Record<string, unknown>;
}) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'demo-waba',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: input.displayPhoneNumber ?? input.phoneNumberId, phone_number_id: input.phoneNumberId },
              contacts: [{ profile: { name: input.name }, wa_id: input.from }],
              messages: [
                {
                  from: input.from,
                  id: input.id,
                  timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: input.body },
                  ...(input.referral ? { referral: input.referral } : {}),
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/**
 * A click-to-WhatsApp ad's `referral` in Meta's shape (reference §1.2), for the simulator, the demo and tests: the
 * customer tapped an ad with this headline. The click id is made up, as Meta's are opaque.
 */
export function adReferral(headline: string, clickId = `ARA${Math.random().toString(36).slice(2, 14)}`): Record<string, unknown> {
  return {
    source_url: 'https://fb.me/nafidha-demo-ad',
    source_id: '120208000000000001',
    source_type: 'ad',
    headline,
    body: 'Tap to chat with us on WhatsApp',
    media_type: 'image',
    image_url: 'https://scontent.whatsapp.net/demo-ad.jpg',
    ctwa_clid: clickId,
  };
}
