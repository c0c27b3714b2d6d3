import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { applyRealtimeEvent, type TRealtimeDeps } from './apply-event';
import { TEST_USER as me, testDeps } from './test-deps';


function deps(): TRealtimeDeps & { queryClient: QueryClient } {
  const queryClient = new QueryClient();
  queryClient.setQueryData(['list'], { pages: [], pageParams: [] });
  queryClient.setQueryData(['counts'], { mine: 0, unassigned: 0, all: 0, teams: [], snapshot: '1:1:' });
  return { ...testDeps({ queryClient }), queryClient };
}

const alert: TRealtimeEvent = {
  type: 'window.closingSoon',
  workspaceId: 'w',
  conversationId: 'c1',
  userIds: [me],
  contactName: 'Emma Walker',
  closesAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  minutesLeft: 10,
  lead: 15,
};

describe('a closing-soon alert', () => {
  it('raises the alert and refreshes "Closing soon", touching nothing else', async () => {
    const d = deps();
    await applyRealtimeEvent(alert, d);
    expect(d.alert).toHaveBeenCalledWith(alert);
    expect(d.closingSoonChanged).toHaveBeenCalledOnce();
    expect(d.toast).not.toHaveBeenCalled();
    expect(d.fetchRow).not.toHaveBeenCalled();
    expect(d.queryClient.getQueryState(['counts'])!.isInvalidated).toBe(false);
    expect(d.queryClient.getQueryState(['list'])!.isInvalidated).toBe(false);
  });

  it('any change of conversations refreshes the "Closing soon" count too (a reply takes a customer out of it)', async () => {
    const d = deps();
    await applyRealtimeEvent({ type: 'conversation.changed', workspaceId: 'w', conversationId: 'c1', assigneeId: null }, d);
    await applyRealtimeEvent({ type: 'counts.changed', workspaceId: 'w', txid: '5', changes: [] }, d);
    expect(d.closingSoonChanged).toHaveBeenCalledTimes(2);
    expect(d.alert).not.toHaveBeenCalled();
  });

  it('number and template changes leave it alone', async () => {
    const d = deps();
    await applyRealtimeEvent({ type: 'number.changed', workspaceId: 'w', channelId: 'ch' }, d);
    await applyRealtimeEvent({ type: 'templates.changed', workspaceId: 'w', channelId: 'ch' }, d);
    expect(d.closingSoonChanged).not.toHaveBeenCalled();
  });
});
