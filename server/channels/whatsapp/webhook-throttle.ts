import { throttleUnit } from '@/server/domain/client-address';

/**
 * Refuses, before the body is even read, an address that keeps sending webhooks we refuse (bad signature, unknown
 * number, wrong verify token). Counted in this process's memory on purpose: the point is to be cheaper than the
 * HMAC over a 5 MB body, so no database round trip; each instance protects its own CPU. Only failures count, so
 * validly signed webhooks are never throttled, whatever Meta's rate.
 *
 * Meta delivers every tenant's webhooks from one small pool of addresses, so a failure is charged to the number it
 * was for: one workspace with a rotated app secret, or a deleted number Meta still calls, stops only that number's
 * webhooks from that address. The address as a whole is charged only for each distinct unknown channel reference,
 * which is what someone guessing references looks like and what Meta's retries for one number never add up to.
 */
export const WEBHOOK_FAILURE_LIMITS = {
  windowMs: 60_000,
  /** One address failing on one number: a misconfigured app secret shows up long before this. */
  perAddressAndChannel: 30,
  /** Distinct unknown channel references one address may try in a window. */
  unknownChannelsPerAddress: 120,
  /** Memory bound: past this many keys, finished windows are cleared, then the oldest keys go. */
  maxKeys: 50_000,
};

/** refused: the number exists but the request was not Meta's for it (401/403); unknown: no such number (404). */
export type TWebhookFailure = 'refused' | 'unknown';

type TWindow = { startedAt: number; failures: number; refs?: Set<string> };

export type TWebhookThrottle = {
  /** Seconds the caller must wait, or 0 when it may go on. */
  retryAfter: (address: string, channelRef: string) => number;
  failed: (address: string, channelRef: string, failure: TWebhookFailure) => void;
};

export function createWebhookThrottle(options: { now?: () => number; limits?: typeof WEBHOOK_FAILURE_LIMITS } = {}): TWebhookThrottle {
  const now = options.now ?? Date.now;
  const limits = options.limits ?? WEBHOOK_FAILURE_LIMITS;
  const windows = new Map<string, TWindow>();
  const channelKey = (unit: string, channelRef: string) => `${unit}|${channelRef.slice(0, 80)}`;
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
  const windowFor = (key: string, at: number) => {
    const current = live(key, at);
    if (current) return current;
    windows.delete(key);
    makeRoom(at);
    const fresh: TWindow = { startedAt: at, failures: 0 };
    windows.set(key, fresh);
    return fresh;
  };

  return {
    retryAfter(address, channelRef) {
      const at = now();
      const unit = throttleUnit(address);
      let wait = 0;
      const checks: [string, number][] = [
        [channelKey(unit, channelRef), limits.perAddressAndChannel],
        [unit, limits.unknownChannelsPerAddress],
      ];
      for (const [key, limit] of checks) {
        const window = live(key, at);
        if (window && window.failures >= limit) wait = Math.max(wait, Math.ceil((window.startedAt + limits.windowMs - at) / 1000));
      }
      return wait;
    },
    failed(address, channelRef, failure) {
      const at = now();
      const unit = throttleUnit(address);
      const ref = channelRef.slice(0, 80);
      windowFor(channelKey(unit, channelRef), at).failures += 1;
      if (failure !== 'unknown') return;
      const perAddress = windowFor(unit, at);
      // The set only grows until the address is stopped, so it stays within the limit's size.
      perAddress.refs ??= new Set();
      if (perAddress.refs.has(ref) || perAddress.failures >= limits.unknownChannelsPerAddress) return;
      perAddress.refs.add(ref);
      perAddress.failures += 1;
    },
  };
}
