import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { TMessage } from '@/components/trpc/types';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { applyRealtimeEvent, type TRealtimeDeps } from './apply-event';
import { testDeps } from './test-deps';

const changedEvent = (conversationId: string): TRealtimeEvent => ({
  type: 'message.changed',
  workspaceId: 'w',
  conversationId,
  messageId: 7,
  assigneeId: null,
  actorId: null,
});

function setup(fetchMessagesAfter: TRealtimeDeps['fetchMessagesAfter']) {
  const queryClient = new QueryClient();
  const fetchRow = vi.fn(async () => null);
  const deps = testDeps({ queryClient, fetchRow, fetchMessagesAfter });
  return { queryClient, deps, fetchRow };
}

describe('applyRealtimeEvent for a message changed in place (a reaction, an edit, a deletion)', () => {
  it('fetches that message again and puts it in place in the open pane, and asks for the row (a preview may have gone)', async () => {
    const shown = { id: 7, body: 'In red', customerReaction: null } as unknown as TMessage;
    const other = { id: 8, body: 'later', customerReaction: null } as unknown as TMessage;
    const changed = { ...shown, customerReaction: '👍' } as TMessage;
    const fetchMessagesAfter = vi.fn(async () => [changed, other]);
    const { queryClient, deps, fetchRow } = setup(fetchMessagesAfter);
    const messagesKey = ['messages', { input: { conversationId: 'c1', limit: 50 } }];
    queryClient.setQueryData(messagesKey, { pages: [{ items: [shown, other], olderCursor: null }], pageParams: [null] });

    await applyRealtimeEvent(changedEvent('c1'), deps);
    expect(fetchMessagesAfter).toHaveBeenCalledWith('c1', 6);
    expect(queryClient.getQueryData<InfiniteData<{ items: TMessage[] }>>(messagesKey)!.pages[0]!.items).toEqual([changed, other]);
    expect(fetchRow).toHaveBeenCalledWith('c1');
  });

  it('asks nothing about messages when no pane of that conversation is open', async () => {
    const fetchMessagesAfter = vi.fn(async () => []);
    const { deps } = setup(fetchMessagesAfter);
    await applyRealtimeEvent(changedEvent('c9'), deps);
    expect(fetchMessagesAfter).not.toHaveBeenCalled();
  });
});
