import { throttleUnit } from '@/server/domain/client-address';

/**
 * Refuses, before the body is even read, an address that keeps sending webhooks we refuse (bad signature, unknown
 * number, wrong verify token). Counted in this process's memory on purpose: the point is to be cheaper than the
 * HMAC over a 5 MB body, so no database round trip; each instance protects its own CPU. Only failures count, so
 * validly signed webhooks are never throttled, whatever Meta's rate.
 */
export const WEBHOOK_FAILURE_LIMITS = {
  windowMs: 60_000,
  /** One address failing on one number: a misconfigured app secret shows up long before this. */
  perAddressAndChannel: 30,
  /** One address failing across numbers (or inventing channel references). */
  perAddress: 120,
  /** Memory bound: past this many keys, finished windows are cleared, then the oldest keys go. */
  maxKeys: 50_000,
};

type TWindow = { startedAt: number; failures: number };

export type TWebhookThrottle = {
  /** Seconds the caller must wait, or 0 when it may go on. */
  retryAfter: (address: string, channelRef: string) => number;
  failed: (address: string, channelRef: string) => void;
};

export function createWebhookThrottle(options: { now?: () => number; limits?: typeof WEBHOOK_FAILURE_LIMITS } = {}): TWebhookThrottle {
  const now = options.now ?? Date.now;
  const limits = options.limits ?? WEBHOOK_FAILURE_LIMITS;
  const windows = new Map<string, TWindow>();
  const keysOf = (address: string, channelRef: string) => {
    const unit = throttleUnit(address);
    return [
      { key: `${unit}|${channelRef.slice(0, 80)}`, limit: limits.perAddressAndChannel },
      { key: unit, limit: limits.perAddress },
    ];
  };
  const live = (key: string, at: number) => {
    const window = windows.get(key);
    return window && at - window.startedAt < limits.windowMs ? window : undefined;
  };
  const makeRoom = (at: number) => {
    if (windows.size < limits.maxKeys) return;
    for (const [key, window] of windows) if (at - window.startedAt >= limits.windowMs) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < limits.maxKeys) break;
      windows.delete(key);
    }
  };

  return {
    retryAfter(address, channelRef) {
      const at = now();
      let wait = 0;
      for (const { key, limit } of keysOf(address, channelRef)) {
        const window = live(key, at);
        if (window && window.failures >= limit) wait = Math.max(wait, Math.ceil((window.startedAt + limits.windowMs - at) / 1000));
      }
      return wait;
    },
    failed(address, channelRef) {
      const at = now();
      for (const { key } of keysOf(address, channelRef)) {
        const window = live(key, at);
        if (window) window.failures += 1;
        else {
          windows.delete(key);
          makeRoom(at);
          windows.set(key, { startedAt: at, failures: 1 });
        }
      }
    },
  };
}
