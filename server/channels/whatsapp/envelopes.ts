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
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
