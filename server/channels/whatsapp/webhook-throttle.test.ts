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
      throttle.failed('203.0.113.5', 'chan', 'refused');
    }
    expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(60);
    advance(59_001);
    expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(1);
    advance(999);
    expect(throttle.retryAfter('203.0.113.5', 'chan')).toBe(0);
  });

  it('keeps other addresses and, below the address budget, other numbers open', () => {
    const { throttle } = clocked();
    for (let i = 0; i < 30; i++) throttle.failed('203.0.113.5', 'chan', 'refused');
    expect(throttle.retryAfter('203.0.113.6', 'chan')).toBe(0);
    expect(throttle.retryAfter('203.0.113.5', 'other')).toBe(0);
  });

  it('stops an address that invents channel references, and an IPv6 /64 as one address', () => {
    const { throttle } = clocked();
    for (let i = 0; i < WEBHOOK_FAILURE_LIMITS.unknownChannelsPerAddress; i++)
      throttle.failed(`2001:db8:1:1::${i.toString(16)}`, `made-up-${i}`, 'unknown');
    expect(throttle.retryAfter('2001:db8:1:1:abcd::9', 'anything')).toBe(60);
    expect(throttle.retryAfter('2001:db8:1:2::1', 'anything')).toBe(0);
  });

  it('holds at most maxKeys windows, finished ones cleared first', () => {
    const limits = { ...WEBHOOK_FAILURE_LIMITS, maxKeys: 10, unknownChannelsPerAddress: 2, perAddressAndChannel: 2 };
    const { throttle, advance } = clocked(limits);
    throttle.failed('198.51.100.1', 'c', 'refused');
    throttle.failed('198.51.100.1', 'c', 'refused');
    advance(60_000);
    for (let i = 0; i < 50; i++) throttle.failed(`192.0.2.${i}`, 'c', 'refused');
    throttle.failed('198.51.100.1', 'c', 'refused');
    expect(throttle.retryAfter('198.51.100.1', 'c')).toBe(0);
    throttle.failed('198.51.100.1', 'c', 'refused');
    expect(throttle.retryAfter('198.51.100.1', 'c')).toBe(60);
  });

  it("never lets one tenant's failing numbers throttle another tenant's webhooks from the same Meta address", () => {
    const { throttle } = clocked();
    const meta = '173.252.127.1';
    // Ten workspaces with a rotated app secret, each failing until its own number is stopped.
    for (let n = 0; n < 10; n++) {
      for (let i = 0; i < WEBHOOK_FAILURE_LIMITS.perAddressAndChannel; i++) throttle.failed(meta, `rotated-${n}`, 'refused');
    }
    // A deleted number Meta keeps calling, far past the budget of distinct unknown references.
    for (let i = 0; i < WEBHOOK_FAILURE_LIMITS.unknownChannelsPerAddress * 3; i++) throttle.failed(meta, 'deleted', 'unknown');
    expect(throttle.retryAfter(meta, 'rotated-0')).toBe(60);
    expect(throttle.retryAfter(meta, 'deleted')).toBe(60);
    expect(throttle.retryAfter(meta, 'healthy')).toBe(0);
  });

  it('counts each unknown channel reference once against the address, and only unknown ones', () => {
    const { throttle } = clocked();
    const limit = WEBHOOK_FAILURE_LIMITS.unknownChannelsPerAddress;
    for (let i = 0; i < limit - 1; i++) {
      throttle.failed('203.0.113.9', `guess-${i}`, 'unknown');
      throttle.failed('203.0.113.9', `guess-${i}`, 'unknown');
    }
    for (let i = 0; i < 5; i++) throttle.failed('203.0.113.9', `known-${i}`, 'refused');
    expect(throttle.retryAfter('203.0.113.9', 'anything')).toBe(0);
    throttle.failed('203.0.113.9', 'guess-last', 'unknown');
    expect(throttle.retryAfter('203.0.113.9', 'anything')).toBe(60);
  });
});
