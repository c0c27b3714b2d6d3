import { describe, expect, it } from 'vitest';
import { bookingAnswers, flowReplyEntry, orderEntry, sampleOrderItems } from './echo-fixtures';
import { meaningValue } from './meaning-fixtures';
import { parseInboundMessages } from './parse';
import { ZMessagesValue } from './webhook-schema';

// Shapes from Meta's Flows response webhook and order message reference: see ./echo-fixtures.ts.
const AT = new Date('2026-06-01T10:00:00Z');
const parse = (message: Record<string, unknown>) =>
  parseInboundMessages('channel-1', ZMessagesValue.parse(meaningValue('106540352242922', { from: '16505551234' }, message)), AT)
    .messages[0]!;

describe('Flow replies (nfm_reply)', () => {
  it('stores the answers as fields, without the flow token, and as searchable text', () => {
    const message = parse(flowReplyEntry('wamid.F1', JSON.stringify(bookingAnswers), AT));
    expect(message.kind).toBe('interactive');
    expect(message.payload?.flow).toEqual({
      name: 'flow',
      fields: [
        { key: 'full_name', value: 'Layla Haddad' },
        { key: 'appointmentDate', value: '2026-12-10' },
        { key: 'party_size', value: '4' },
        { key: 'wants_reminder', value: '✓' },
      ],
    });
    expect(message.body).toBe('Full name: Layla Haddad\nAppointment date: 2026-12-10\nParty size: 4\nWants reminder: ✓');
    expect(JSON.stringify(message.payload?.flow)).not.toContain('AQAAAAACS5F');
    // The raw payload is kept as Meta sent it (the token included, for whoever reads the audit).
    expect((message.payload?.whatsapp as { interactive: unknown }).interactive).toMatchObject({ type: 'nfm_reply' });
  });

  it('keeps malformed answers as their text, never failing the message', () => {
    const message = parse(flowReplyEntry('wamid.F2', '{"full_name": "Layla"', AT));
    expect(message).toMatchObject({ kind: 'interactive', body: '{"full_name": "Layla"', providerMessageId: 'wamid.F2' });
    expect(message.payload?.flow).toBeUndefined();
    const missing = parse({
      id: 'wamid.F3',
      timestamp: '1780000000',
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: 7 },
    });
    expect(missing).toMatchObject({ kind: 'interactive', body: null });
  });

  it('leaves button and list replies as they were', () => {
    const reply = parse({
      id: 'wamid.B1',
      timestamp: '1780000000',
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'y', title: 'Yes' } },
    });
    expect(reply).toMatchObject({ kind: 'interactive', body: 'Yes' });
    expect(reply.payload?.flow).toBeUndefined();
  });
});

describe('orders', () => {
  it('stores the items, units and total, with the customer text as the body', () => {
    const message = parse(orderEntry('wamid.O1', sampleOrderItems, AT));
    expect(message.kind).toBe('order');
    expect(message.body).toBe('Please deliver after 5');
    expect(message.payload?.order).toMatchObject({
      catalogId: '194836987003835',
      units: 3,
      total: { amount: '28.48', currency: 'SAR' },
      items: [
        { productRetailerId: 'dates-ajwa-500g', quantity: 2, itemPrice: '7.99', currency: 'SAR' },
        { productRetailerId: 'coffee-saudi-250g', quantity: 1, itemPrice: '12.5', currency: 'SAR' },
      ],
    });
  });

  it('keeps an order with no readable item as text with its raw payload', () => {
    const bad = parse(orderEntry('wamid.O2', [{ product_retailer_id: 'x', quantity: 'many', item_price: null, currency: 1 }], AT, ''));
    expect(bad.kind).toBe('order');
    expect(bad.payload?.order).toBeUndefined();
    expect(bad.body).toContain('"product_retailer_id":"x"');
    const noOrder = parse({ id: 'wamid.O3', timestamp: '1780000000', type: 'order' });
    expect(noOrder).toMatchObject({ kind: 'order', body: null });
  });
});
