import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { TMessage } from '@/components/trpc/types';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { applyRealtimeEvent } from './apply-event';
import { testDeps } from './test-deps';

type TPage = { items: TMessage[]; olderCursor: number | null };
const paneKey = ['messages', { input: { conversationId: 'c1' } }];
const otherPaneKey = ['messages', { input: { conversationId: 'c2' } }];
const failed = (messageId: number): TRealtimeEvent => ({
  type: 'message.status',
  workspaceId: 'w',
  conversationId: 'c1',
  messageId,
  status: 'failed',
  failure: { code: '131047', kind: 'permanent', data: null },
  assigneeId: null,
  actorId: null,
});

function pane() {
  const queryClient = new QueryClient();
  const shown = { id: 7, status: 'queued', errorCode: null } as unknown as TMessage;
  for (const key of [paneKey, otherPaneKey]) {
    queryClient.setQueryData<InfiniteData<TPage>>(key, { pages: [{ items: [shown], olderCursor: null }], pageParams: [null] });
  }
  return queryClient;
}

describe('applyRealtimeEvent for a delivery status', () => {
  it('patches a message the pane shows, asking the server nothing', async () => {
    const queryClient = pane();
    await applyRealtimeEvent(failed(7), testDeps({ queryClient }));
    const items = queryClient.getQueryData<InfiniteData<TPage>>(paneKey)!.pages[0]!.items;
    expect(items[0]).toMatchObject({ status: 'failed', errorCode: '131047' });
    expect(queryClient.getQueryState(paneKey)!.isInvalidated).toBe(false);
  });

  it('refetches that conversation’s pane when the message is not in it yet (its fetch may have read it before the status)', async () => {
    const queryClient = pane();
    await applyRealtimeEvent(failed(8), testDeps({ queryClient }));
    expect(queryClient.getQueryState(paneKey)!.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(otherPaneKey)!.isInvalidated).toBe(false);
  });
});
