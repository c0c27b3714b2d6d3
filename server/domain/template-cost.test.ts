import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_CARD, type TRateCard } from './rate-card';
import { pricingCategory, rateFor, templateCost, type TCostInput } from './template-cost';
import { evaluateWindow, FREE_WINDOW_MS } from './window';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const SAUDI = '+966551234567';
const base = { recipientPhone: SAUDI, now: NOW, rateCard: DEFAULT_RATE_CARD, freeEntryUntil: null, windowOpen: false } satisfies Partial<TCostInput>;

const SA = DEFAULT_RATE_CARD.rates.SA!;
const charge = (amount: string, row = 'SA') => ({ kind: 'charge', amount, currency: 'USD', row });

describe('templateCost: every category × window × free entry point', () => {
  const entry = {
    none: null,
    active: new Date(NOW.getTime() + 10 * HOUR),
    over: new Date(NOW.getTime() - HOUR),
  } as const;
  const cases: [TCostInput['category'], boolean, keyof typeof entry, unknown][] = [];
  for (const open of [true, false]) {
    for (const fep of ['none', 'active', 'over'] as const) {
      const free = fep === 'active';
      cases.push(['service', open, fep, { kind: 'free', reason: 'service_reply' }]);
      cases.push(['marketing', open, fep, free ? { kind: 'free', reason: 'free_entry_point' } : charge(SA.marketing!)]);
      cases.push(['authentication', open, fep, free ? { kind: 'free', reason: 'free_entry_point' } : charge(SA.authentication!)]);
      cases.push([
        'utility',
        open,
        fep,
        free ? { kind: 'free', reason: 'free_entry_point' } : open ? { kind: 'free', reason: 'utility_in_window' } : charge(SA.utility!),
      ]);
    }
  }
  it.each(cases)('%s, window open %s, free entry point %s', (category, windowOpen, fep, expected) => {
    expect(templateCost({ ...base, category, windowOpen, freeEntryUntil: entry[fep] })).toEqual(expected);
  });
});

describe('templateCost at the boundaries', () => {
  it('a utility template is free up to the last millisecond of the window and charged at exactly 24 h, as the window policy says', () => {
    const lastInboundAt = new Date(NOW.getTime() - FREE_WINDOW_MS);
    const at = (now: Date) =>
      templateCost({ ...base, category: 'utility', now, windowOpen: evaluateWindow('whatsapp', lastInboundAt, now).state === 'open' });
    expect(at(new Date(NOW.getTime() - 1))).toEqual({ kind: 'free', reason: 'utility_in_window' });
    expect(at(NOW)).toEqual(charge(SA.utility!));
  });

  it('the free entry point is free before its end and over at exactly its end', () => {
    const cost = (now: Date) => templateCost({ ...base, category: 'marketing', now, freeEntryUntil: NOW });
    expect(cost(new Date(NOW.getTime() - 1))).toEqual({ kind: 'free', reason: 'free_entry_point' });
    expect(cost(NOW)).toEqual(charge(SA.marketing!));
    expect(cost(new Date(NOW.getTime() + 1))).toEqual(charge(SA.marketing!));
  });
});

describe('templateCost: the recipient’s country', () => {
  it.each([
    ['+971501112233', 'AE', '0.0384'],
    ['+201001234567', 'EG', '0.0644'],
    ['+96550012345', 'KW', '0.0341'],
    ['+97433123456', 'QA', '0.0341'],
    ['+97336123456', 'BH', '0.0341'],
    ['+96891234567', 'OM', '0.0341'],
    ['+962791234567', 'JO', '0.0341'],
    ['+447700900123', 'GB', '0.0529'],
    ['+16505550100', 'US', '0.025'],
    ['+14165550100', 'US', '0.025'], // Canada: Meta's North America row
    ['+447911123456', 'GB', '0.0529'], // Guernsey shares +44 and the UK's row
    ['+919812345678', 'IN', '0.0107'],
    ['+4915123456789', 'OTHER', '0.0604'], // Germany has no row of its own here: "Other"
  ])('%s is charged at the %s row', (recipientPhone, row, amount) => {
    expect(templateCost({ ...base, recipientPhone, category: 'marketing' })).toEqual(charge(amount, row));
  });

  it('reads an ISO country when there is no phone, and the phone first when both are given', () => {
    expect(templateCost({ ...base, recipientPhone: null, country: 'ae', category: 'utility' })).toEqual(charge('0.0157', 'AE'));
    expect(templateCost({ ...base, country: 'AE', category: 'utility' })).toEqual(charge('0.0115', 'SA'));
  });

  it('falls back to OTHER for an unreadable number or no country, and is unknown when the card has neither', () => {
    expect(templateCost({ ...base, recipientPhone: '+80012345678', category: 'marketing' })).toEqual(charge('0.0604', 'OTHER'));
    expect(templateCost({ ...base, recipientPhone: null, category: 'marketing' })).toEqual(charge('0.0604', 'OTHER'));
    const partial: TRateCard = { currency: 'SAR', rates: { SA: { marketing: '0.17' } } };
    expect(templateCost({ ...base, rateCard: partial, category: 'marketing' })).toEqual({ kind: 'charge', amount: '0.17', currency: 'SAR', row: 'SA' });
    expect(templateCost({ ...base, rateCard: partial, category: 'utility' })).toEqual({ kind: 'unknown' });
    expect(templateCost({ ...base, rateCard: partial, recipientPhone: '+971501112233', category: 'marketing' })).toEqual({ kind: 'unknown' });
    // Still free when free, whatever the card lacks.
    expect(templateCost({ ...base, rateCard: partial, category: 'utility', windowOpen: true })).toEqual({ kind: 'free', reason: 'utility_in_window' });
  });

  it('charges authentication-international only to a country other than the business’s own that has the rate', () => {
    const india = { ...base, recipientPhone: '+919812345678', category: 'authentication' as const };
    expect(templateCost({ ...india, businessCountry: 'SA' })).toEqual(charge('0.028', 'IN'));
    expect(templateCost({ ...india, businessCountry: 'IN' })).toEqual(charge('0.0014', 'IN'));
    expect(templateCost(india)).toEqual(charge('0.0014', 'IN'));
    expect(templateCost({ ...base, category: 'authentication', businessCountry: 'IN' })).toEqual(charge(SA.authentication!));
  });
});

describe('rateFor', () => {
  it('skips a malformed rate rather than reading it as zero, and normalises the decimal', () => {
    const card: TRateCard = { currency: 'USD', rates: { SA: { marketing: '-1' }, OTHER: { marketing: '0.050000' } } };
    expect(rateFor(card, 'SA', 'marketing')).toEqual({ amount: '0.05', row: 'OTHER' });
    expect(rateFor({ currency: 'USD', rates: {} }, 'SA', 'marketing')).toBeNull();
  });

  it('maps template categories to pricing categories', () => {
    expect(pricingCategory('MARKETING')).toBe('marketing');
    expect(pricingCategory('UTILITY')).toBe('utility');
    expect(pricingCategory('AUTHENTICATION')).toBe('authentication');
  });
});
