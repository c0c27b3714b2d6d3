import { describe, expect, it } from 'vitest';
import { fieldText, flowReplyFrom, flowReplyText, humaniseKey, orderFrom, structuredPreview } from './flows-orders';

describe('humaniseKey', () => {
  it.each([
    ['delivery_rating', 'Delivery rating'],
    ['deliveryRating', 'Delivery rating'],
    ['delivery-rating', 'Delivery rating'],
    ['screen_0_Name_0', 'Screen 0 name 0'],
    ['  __x__ ', 'X'],
    ['email', 'Email'],
    ['___', '___'],
    ['الاسم_الكامل', 'الاسم الكامل'],
  ])('%s → %s', (key, label) => expect(humaniseKey(key)).toBe(label));
});

describe('fieldText', () => {
  it('reads every JSON value as text', () => {
    expect(fieldText('Layla')).toBe('Layla');
    expect(fieldText(4)).toBe('4');
    expect(fieldText(0)).toBe('0');
    expect(fieldText(true)).toBe('✓');
    expect(fieldText(false)).toBe('✗');
    expect(fieldText(['a', 2, null])).toBe('a, 2');
    expect(fieldText({ file_name: 'id.jpg' })).toBe('{"file_name":"id.jpg"}');
    expect(fieldText(null)).toBe('');
    expect(fieldText(undefined)).toBe('');
  });
});

describe('flowReplyFrom', () => {
  it('lists the answers in order without the flow token or empty answers', () => {
    const reply = flowReplyFrom('flow', JSON.stringify({ flow_token: 'T', full_name: 'Layla', party_size: 4, note: '', extra: null }));
    expect(reply).toEqual({
      name: 'flow',
      fields: [
        { key: 'full_name', value: 'Layla' },
        { key: 'party_size', value: '4' },
      ],
    });
    expect(flowReplyText(reply!)).toBe('Full name: Layla\nParty size: 4');
  });

  it('is null for anything that is not a JSON object', () => {
    for (const raw of ['{not json', '', '[1,2]', '42', 'null', '"text"', undefined, 12, { a: 1 }])
      expect(flowReplyFrom('flow', raw)).toBeNull();
  });

  it('keeps an answer-less reply (only a token) as a reply with no fields', () => {
    expect(flowReplyFrom(undefined, '{"flow_token":"T"}')).toEqual({ name: null, fields: [] });
  });

  it('bounds very long and very many answers', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`q${i}`, 'x'.repeat(2000)]));
    const reply = flowReplyFrom('flow', JSON.stringify(many))!;
    expect(reply.fields).toHaveLength(50);
    expect(reply.fields[0]!.value).toHaveLength(1000);
  });
});

describe('orderFrom', () => {
  const item = (quantity: unknown, item_price: unknown, currency: unknown = 'SAR', id: unknown = 'sku-1') => ({
    product_retailer_id: id,
    quantity,
    item_price,
    currency,
  });

  it('totals in exact decimals', () => {
    const order = orderFrom({ catalog_id: 'C1', text: 'Thanks', product_items: [item(2, 7.99), item(1, 12.5, 'SAR', 'sku-2')] });
    expect(order).toMatchObject({
      catalogId: 'C1',
      text: 'Thanks',
      units: 3,
      incomplete: false,
      total: { amount: '28.48', currency: 'SAR' },
    });
    // 3 × 0.1 is 0.30000000000000004 in floating point; the total is exact.
    expect(orderFrom({ product_items: [item(3, 0.1, 'usd')] })!.total).toEqual({ amount: '0.3', currency: 'USD' });
    expect(orderFrom({ product_items: [item('2', '5')] })!.total).toEqual({ amount: '10', currency: 'SAR' });
  });

  it('gives no total across currencies or when an item could not be read, and keeps the readable items', () => {
    expect(orderFrom({ product_items: [item(1, 5), item(1, 5, 'USD')] })!.total).toBeNull();
    const partial = orderFrom({
      product_items: [item(1, 5), item(-1, 5), item(1, 'abc'), item(1.5, 5), item(1, 5, 'riyal'), item(1, 5, 'SAR', 7)],
    })!;
    expect(partial).toMatchObject({ units: 1, incomplete: true, total: null });
    expect(partial.items).toHaveLength(1);
  });

  it('is null when no item can be read', () => {
    for (const raw of [
      null,
      'order',
      [],
      {},
      { product_items: 'x' },
      { product_items: [] },
      { product_items: [item(0, 5)] },
      { product_items: [item(1, 1e21)] },
    ])
      expect(orderFrom(raw)).toBeNull();
  });
});

describe('structuredPreview', () => {
  it('says what came in any language', () => {
    expect(
      structuredPreview({
        flow: {
          name: 'flow',
          fields: [
            { key: 'a', value: 'Layla' },
            { key: 'b', value: '4' },
          ],
        },
      }),
    ).toBe('📝 Layla · 4');
    expect(structuredPreview({ flow: { name: null, fields: [] } })).toBe('📝');
    const order = orderFrom({ product_items: [{ product_retailer_id: 'a', quantity: 3, item_price: 2, currency: 'SAR' }] });
    expect(structuredPreview({ order })).toBe('🛒 ×3 · 6 SAR');
    expect(structuredPreview({ order: { ...order!, total: null } })).toBe('🛒 ×3');
    expect(structuredPreview({ whatsapp: {} })).toBeNull();
    expect(structuredPreview(null)).toBeNull();
  });
});
