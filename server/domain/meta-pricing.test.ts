import { describe, expect, it } from 'vitest';
import { parseStatuses } from '@/server/channels/whatsapp/parse';
import { metaPricing } from './meta-pricing';

describe('metaPricing', () => {
  it('keeps Meta’s four fields, in our spelling', () => {
    expect(metaPricing({ billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' })).toEqual({
      billable: true,
      pricingModel: 'PMP',
      type: 'regular',
      category: 'marketing',
    });
  });

  it('keeps what it can of a partial or odd object, and nothing of an empty or broken one', () => {
    expect(metaPricing({ billable: 'yes', pricing_model: 'CBP', category: 'authentication-international' })).toEqual({
      billable: null,
      pricingModel: 'CBP',
      type: null,
      category: 'authentication-international',
    });
    expect(metaPricing({})).toBeNull();
    expect(metaPricing('regular')).toBeNull();
    expect(metaPricing(null)).toBeNull();
  });
});

describe('parseStatuses: pricing', () => {
  it('carries the pricing of a status that has one, and none otherwise', () => {
    const [sent, read] = parseStatuses([
      {
        id: 'wamid.A',
        status: 'sent',
        timestamp: '1750030073',
        recipient_id: '16505551234',
        pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
      },
      { id: 'wamid.A', status: 'read', timestamp: '1750030090', recipient_id: '16505551234', pricing: 'garbage' },
    ]);
    expect(sent).toMatchObject({ status: 'sent', pricing: { billable: true, pricingModel: 'PMP', type: 'regular', category: 'marketing' } });
    expect(read).not.toHaveProperty('pricing');
  });
});
