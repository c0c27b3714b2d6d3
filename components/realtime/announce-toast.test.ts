import { describe, expect, it, vi } from 'vitest';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { applyRealtimeEvent } from './apply-event';
import { TEST_USER, testDeps } from './test-deps';

const created = (patch: Partial<Extract<TRealtimeEvent, { type: 'message.created' }>> = {}): TRealtimeEvent => ({
  type: 'message.created',
  workspaceId: 'w',
  conversationId: 'c1',
  messageId: 1,
  assigneeId: TEST_USER,
  actorId: null,
  ...patch,
});

describe('the toast of a new item in one of my conversations', () => {
  it('announces a message the customer wrote', async () => {
    const toast = vi.fn();
    const event = created();
    await applyRealtimeEvent(event, testDeps({ toast }));
    // With the event, so the toast can name the contact and link to the conversation.
    expect(toast).toHaveBeenCalledWith('newMessage', event);
  });
  it('stays quiet for a timeline line of the customer’s side (opened the chat, a system notice)', async () => {
    const toast = vi.fn();
    await applyRealtimeEvent(created({ line: true }), testDeps({ toast }));
    expect(toast).not.toHaveBeenCalled();
  });
  it('stays quiet for my own message and for someone else’s conversation', async () => {
    const toast = vi.fn();
    await applyRealtimeEvent(created({ actorId: TEST_USER }), testDeps({ toast }));
    await applyRealtimeEvent(created({ assigneeId: '22222222-2222-4222-8222-222222222222' }), testDeps({ toast }));
    expect(toast).not.toHaveBeenCalled();
  });
});

describe('a mention of me', () => {
  const mention: TRealtimeEvent = {
    type: 'mention.created',
    workspaceId: 'w',
    conversationId: 'c1',
    messageId: 7,
    userIds: [TEST_USER],
    authorName: 'Sara',
    contactName: 'Layla',
  };
  it('goes to the mention handler, not the generic toast, and changes no cached list', async () => {
    const toast = vi.fn();
    const mentioned = vi.fn();
    const deps = testDeps({ toast, mentioned });
    await applyRealtimeEvent(mention, deps);
    expect(mentioned).toHaveBeenCalledWith(mention);
    expect(toast).not.toHaveBeenCalled();
    expect(deps.fetchRow).not.toHaveBeenCalled();
  });
});
