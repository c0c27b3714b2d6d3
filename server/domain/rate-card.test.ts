import { describe, expect, it } from 'vitest';
import {
  compactOverrides,
  DEFAULT_RATE_CARD,
  effectiveRateCard,
  fromMicros,
  OTHER_COUNTRY,
  RATE_CARD_COUNTRIES,
  toMicros,
  ZRateCardInput,
} from './rate-card';

const issues = (input: unknown) => {
  const parsed = ZRateCardInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('decimal amounts', () => {
  it.each([
    ['0.0455', 45500],
    ['1', 1_000_000],
    ['0.000001', 1],
    ['12.5', 12_500_000],
    ['00.10', 100_000],
  ])('%s is %i millionths', (text, micros) => {
    expect(toMicros(text)).toBe(micros);
  });

  it.each(['', '-0.1', '1e-3', '0,05', '.5', '5.', '0.0000001', 'abc', ' 1', '123456789'])('%j is not a rate', (text) => {
    expect(toMicros(text)).toBeNull();
  });

  it('writes millionths back without float drift or trailing zeros', () => {
    expect(fromMicros(45500)).toBe('0.0455');
    expect(fromMicros(2_000_000)).toBe('2');
    expect(fromMicros(1)).toBe('0.000001');
    // 0.1 + 0.2 in floats is 0.30000000000000004; in millionths it is exact.
    expect(fromMicros(toMicros('0.1')! + toMicros('0.2')!)).toBe('0.3');
  });
});

describe('the default card', () => {
  it('covers the markets the product serves, every category, and an OTHER row', () => {
    expect(RATE_CARD_COUNTRIES).toEqual(['SA', 'AE', 'EG', 'KW', 'QA', 'BH', 'OM', 'JO', 'GB', 'US', 'IN', OTHER_COUNTRY]);
    for (const country of RATE_CARD_COUNTRIES) {
      for (const category of ['marketing', 'utility', 'authentication'] as const) {
        expect(toMicros(DEFAULT_RATE_CARD.rates[country]![category]!), `${country} ${category}`).toBeGreaterThan(0);
      }
    }
    expect(ZRateCardInput.safeParse(DEFAULT_RATE_CARD).success).toBe(true);
  });
});

describe('ZRateCardInput', () => {
  it('accepts a currency in any case and trims rates', () => {
    const parsed = ZRateCardInput.parse({ currency: ' sar ', rates: { SA: { marketing: ' 0.17 ' } } });
    expect(parsed).toEqual({ currency: 'SAR', rates: { SA: { marketing: '0.17' } } });
  });

  it.each([
    [{ currency: 'USD', rates: { SA: { marketing: '-0.01' } } }, 'rateNegative'],
    [{ currency: 'USD', rates: { SA: { marketing: '0.0000001' } } }, 'rateFormat'],
    [{ currency: 'USD', rates: { SA: { marketing: '1e-2' } } }, 'rateFormat'],
    [{ currency: 'USD', rates: { SA: { marketing: '' } } }, 'rateFormat'],
    [{ currency: 'USD', rates: { SA: { marketing: '1000.5' } } }, 'rateTooLarge'],
    [{ currency: 'US', rates: {} }, 'currencyFormat'],
    [{ currency: 'XYZ', rates: {} }, 'currencyUnknown'],
  ])('refuses %j with %s', (input, message) => {
    expect(issues(input)).toContain(message);
  });

  it('refuses a country with no numbering plan and a category Meta does not have', () => {
    expect(issues({ currency: 'USD', rates: { ZZ: { marketing: '1' } } }).length).toBeGreaterThan(0);
    expect(issues({ currency: 'USD', rates: { SA: { service: '1' } } }).length).toBeGreaterThan(0);
  });
});

describe('effectiveRateCard', () => {
  it('is the default card without overrides', () => {
    expect(effectiveRateCard(null)).toBe(DEFAULT_RATE_CARD);
  });

  it('lays USD overrides over the default rates, cell by cell', () => {
    const card = effectiveRateCard({ currency: 'USD', rates: { SA: { marketing: '0.05' }, DE: { marketing: '0.1365' } } });
    expect(card.rates.SA).toEqual({ ...DEFAULT_RATE_CARD.rates.SA, marketing: '0.05' });
    expect(card.rates.DE).toEqual({ marketing: '0.1365' });
    expect(card.rates.AE).toEqual(DEFAULT_RATE_CARD.rates.AE);
  });

  it('in another currency uses only what the workspace entered', () => {
    expect(effectiveRateCard({ currency: 'SAR', rates: { SA: { marketing: '0.17' } } })).toEqual({
      currency: 'SAR',
      rates: { SA: { marketing: '0.17' } },
    });
  });

  it('stores only the filled cells', () => {
    expect(compactOverrides({ currency: 'USD', rates: { SA: { marketing: '0.05' }, AE: {} } })).toEqual({
      currency: 'USD',
      rates: { SA: { marketing: '0.05' } },
    });
  });
});
