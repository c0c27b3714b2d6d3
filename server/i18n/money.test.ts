import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it.each([
    ['en', '0.0455', 'USD', '$0.0455'],
    ['en', '2', 'USD', '$2.00'],
    ['en', '12.3456789', 'USD', '$12.345679'],
    ['en', '0.17', 'SAR', 'SAR 0.17'],
    ['ar-u-nu-latn', '0.0455', 'USD', '0.0455 US$'],
    ['ar-u-nu-arab', '0.0455', 'USD', '٠٫٠٤٥٥ US$'],
  ])('%s %s %s → %s', (tag, amount, currency, text) => {
    expect(formatMoney(tag, amount, currency).replace(/[\u200e\u200f\u061c\u00a0]/g, (c) => (c === '\u00a0' ? ' ' : ''))).toBe(text);
  });

  it('keeps every digit of a long amount that a float would round', () => {
    expect(formatMoney('en', '123456789.123456', 'USD')).toBe('$123,456,789.123456');
  });

  it('shows the figure and the code for a currency it cannot format', () => {
    expect(formatMoney('en', '1.5', 'not-a-currency')).toBe('1.5 not-a-currency');
  });
});
