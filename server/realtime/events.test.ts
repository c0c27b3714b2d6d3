import { describe, expect, it } from 'vitest';
import { mayHear, type TRealtimeEvent } from './events';

const base = { type: 'conversation.changed', workspaceId: 'w', conversationId: 'c' } as const;
const event = (assigneeId: string | null, previousAssigneeId?: string | null): TRealtimeEvent => ({
  ...base,
  assigneeId,
  previousAssigneeId,
});

describe('mayHear', () => {
  it('lets everyone who sees all hear everything', () => {
    expect(mayHear({ userId: 'a', seesAll: true }, event('b'))).toBe(true);
  });

  it('lets a restricted agent hear only their own and unassigned conversations', () => {
    const agent = { userId: 'a', seesAll: false };
    expect(mayHear(agent, event('a'))).toBe(true);
    expect(mayHear(agent, event(null))).toBe(true);
    expect(mayHear(agent, event('b'))).toBe(false);
  });

  it('tells a restricted agent when a conversation leaves them, so their list can drop it', () => {
    const agent = { userId: 'a', seesAll: false };
    expect(mayHear(agent, event('b', 'a'))).toBe(true);
    expect(mayHear(agent, event('b', null))).toBe(true);
    expect(mayHear(agent, event('b', 'c'))).toBe(false);
  });
});
