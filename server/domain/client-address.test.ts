import { describe, expect, it } from 'vitest';
import { clientAddress, throttleUnit } from './client-address';

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ remoteAddress: '203.0.113.7', forwardedFor: '198.51.100.1', trustProxy: false })).toBe('203.0.113.7');
  });

  it('behind a trusted proxy is the last X-Forwarded-For entry, never the client-written first one', () => {
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor: '1.1.1.1, 198.51.100.9', trustProxy: true })).toBe('198.51.100.9');
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor: ['1.1.1.1', '198.51.100.9 '], trustProxy: true })).toBe('198.51.100.9');
  });

  it('falls back to the peer when a trusted proxy sent no header, and to "unknown" with neither', () => {
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor: undefined, trustProxy: true })).toBe('10.0.0.2');
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor: ' , ', trustProxy: true })).toBe('10.0.0.2');
    expect(clientAddress({ remoteAddress: undefined, forwardedFor: undefined, trustProxy: false })).toBe('unknown');
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['2001:DB8::1', '2001:db8::1'],
  ])('writes %s as %s', (raw, expected) => {
    expect(clientAddress({ remoteAddress: raw, forwardedFor: undefined, trustProxy: false })).toBe(expected);
  });
});

describe('throttleUnit', () => {
  it('counts an IPv4 address by itself', () => {
    expect(throttleUnit('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 by its /64, however the address is written', () => {
    expect(throttleUnit('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleUnit('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleUnit('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(throttleUnit('::1')).toBe('0:0:0:0::/64');
    expect(throttleUnit('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(throttleUnit('::ffff:1.2.3.4')).toBe('0:0:0:0::/64');
  });

  it('keeps anything it cannot read as it is (still one bucket per distinct value)', () => {
    expect(throttleUnit('1::2::3')).toBe('1::2::3');
    expect(throttleUnit('unknown')).toBe('unknown');
    expect(throttleUnit('1:2:3')).toBe('1:2:3');
  });
});
