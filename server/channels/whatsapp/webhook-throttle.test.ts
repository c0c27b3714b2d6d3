import { describe, expect, it } from 'vitest';
import { createWebhookThrottle, WEBHOOK_FAILURE_LIMITS } from './webhook-throttle';

function clocked(limits = WEBHOOK_FAILURE_LIMITS) {
  let at = 1_000_000;
  const throttle = createWebhookThrottle({ now: () => at, limits });
  return { throttle, advance: (ms: number) => (at += ms) };
}

describe('the webhook failure throttle', () => {
  it('lets an address fail 30 times on one number, then asks it to wait out the minute', () => {
    const { throttle, advance } = clocked();
    for (let i = 0; i < 30; i++) {
      expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(0);
      throttle.failed('203.0.113.5', 'chan');
    }
    expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(60);
    advance(59_001);
    expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(1);
    advance(999);
    expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(0);
  });

  it('keeps other addresses and, below the address budget, other numbers open', () => {
    const { throttle } = clocked();
    for (let i = 0; i < 30; i++) throttle.failed('203.0.113.5', 'chan');
    expect(throttle.retryAfter('203.0.113.6', 'chan')).toBe(0);
    expect(throttle.retryAfter('203.0.113.5', 'other')).toBe(0);
  });

  it('stops an address that invents channel references, and an IPv6 /64 as one address', () => {
    const { throttle } = clocked();
    for (let i = 0; i < 120; i++) throttle.failed(`2001:db8:1:1::${i.toString(16)}`, `made-up-${i}`);
    expect(throttle.retryAfter('2001:db8:1:1:abcd::9', 'anything')).toBe(60);
    expect(throttle.retryAfter('2001:db8:1:2::1', 'anything')).toBe(0);
  });

  it('holds at most maxKeys windows, finished ones cleared first', () => {
    const limits = { ...WEBHOOK_FAILURE_LIMITS, maxKeys: 10, perAddress: 2, perAddressAndChannel: 2 };
    const { throttle, advance } = clocked(limits);
    throttle.failed('198.51.100.1', 'c');
    throttle.failed('198.51.100.1', 'c');
    advance(60_000);
    for (let i = 0; i < 50; i++) throttle.failed(`192.0.2.${i}`, 'c');
    throttle.failed('198.51.100.1', 'c');
    expect(throttle.retryAfter('198.51.100.1', 'c')).toBe(0);
    throttle.failed('198.51.100.1', 'c');
    expect(throttle.retryAfter('198.51.100.1', 'c')).toBe(60);
  });
});
