import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import type { TRealtimeDeps } from './apply-event';
import { createCountsLedger } from './open-counts';

/** The user every realtime unit test listens as. */
export const TEST_USER = '11111111-1111-4111-8111-111111111111';

/**
 * What applyRealtimeEvent needs, for unit tests: a fresh query cache, the keys as plain arrays, and spies for every
 * side effect (toasts, alerts, fetches), with `overrides` for what a test wants to control.
 */
export function testDeps(overrides: Partial<TRealtimeDeps> = {}): TRealtimeDeps {
  return {
    queryClient: new QueryClient(),
    userId: TEST_USER,
    keys: {
      list: ['list'],
      counts: ['counts'],
      conversation: (id) => ['conversation', { input: { id } }],
      messages: ['messages'],
      numbers: ['numbers'],
      templates: ['templates'],
    },
    versions: new Map(),
    ledger: createCountsLedger(overrides.userId ?? TEST_USER),
    fetchRow: vi.fn(async () => null),
    fetchMessagesAfter: vi.fn(async () => []),
    toast: vi.fn(),
    mentioned: vi.fn(),
    alert: vi.fn(),
    accountAlert: vi.fn(),
    closingSoonChanged: vi.fn(),
    ...overrides,
  };
}
