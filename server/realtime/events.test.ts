import { describe, expect, it } from 'vitest';
import { mayHear, visiblePart, type TAnnouncedRow, type TRealtimeEvent } from './events';

const restrictedAgent = (userId: string) => ({ userId, role: 'agent' as const, agentsSeeAll: false });

const base = { type: 'conversation.changed', workspaceId: 'w', conversationId: 'c' } as const;
const event = (assigneeId: string | null, previousAssigneeId?: string | null): TRealtimeEvent => ({
  ...base,
  assigneeId,
  previousAssigneeId,
});

describe('mayHear', () => {
  it('lets everyone who sees all hear everything', () => {
    expect(mayHear({ userId: 'a', role: 'agent', agentsSeeAll: true }, event('b'))).toBe(true);
    expect(mayHear({ userId: 's', role: 'supervisor', agentsSeeAll: false }, event('b'))).toBe(true);
    expect(mayHear({ userId: 'x', role: 'admin', agentsSeeAll: false }, event('b'))).toBe(true);
  });

  it('lets a restricted agent hear only their own and unassigned conversations', () => {
    const agent = restrictedAgent('a');
    expect(mayHear(agent, event('a'))).toBe(true);
    expect(mayHear(agent, event(null))).toBe(true);
    expect(mayHear(agent, event('b'))).toBe(false);
  });

  it('tells a restricted agent when a conversation leaves them, so their list can drop it', () => {
    const agent = restrictedAgent('a');
    expect(mayHear(agent, event('b', 'a'))).toBe(true);
    expect(mayHear(agent, event('b', null))).toBe(true);
    expect(mayHear(agent, event('b', 'c'))).toBe(false);
  });
});

describe('mayHear: closing-soon alerts', () => {
  const alert: TRealtimeEvent = {
    type: 'window.closingSoon',
    workspaceId: 'w',
    conversationId: 'c',
    userIds: ['a', 's'],
    contactName: 'Emma Walker',
    closesAt: '2026-12-02T12:15:00.000Z',
    minutesLeft: 15,
    lead: 15,
  };

  it('reaches exactly the people it names, whatever else they may see', () => {
    expect(mayHear(restrictedAgent('a'), alert)).toBe(true);
    expect(mayHear({ userId: 's', role: 'supervisor', agentsSeeAll: true }, alert)).toBe(true);
    expect(mayHear({ userId: 'x', role: 'admin', agentsSeeAll: true }, alert)).toBe(false);
    expect(mayHear({ userId: 'b', role: 'agent', agentsSeeAll: true }, alert)).toBe(false);
  });
});

describe('visiblePart', () => {
  const agent = restrictedAgent('a');
  const supervisor = { userId: 's', role: 'supervisor' as const, agentsSeeAll: false };
  const row = { id: 'c' } as TAnnouncedRow;
  const withRow = (assigneeId: string | null, previousAssigneeId?: string | null): TRealtimeEvent => ({
    ...base,
    assigneeId,
    previousAssigneeId,
    version: 2,
    row,
  });

  it('gives those who see all, and agents who still see the conversation, the whole event (the same object)', () => {
    const e = withRow('b', 'a');
    expect(visiblePart(supervisor, e)).toBe(e);
    const mine = withRow('a');
    expect(visiblePart(agent, mine)).toBe(mine);
    const nobodys = withRow(null, 'b');
    expect(visiblePart(agent, nobodys)).toBe(nobodys);
  });

  it('withholds the row of a conversation that just left a restricted agent', () => {
    expect(visiblePart(agent, withRow('b', 'a'))).toEqual({ ...withRow('b', 'a'), row: null });
  });

  it('passes a restricted agent only the count changes of their own and unassigned conversations', () => {
    const counts: TRealtimeEvent = {
      type: 'counts.changed',
      workspaceId: 'w',
      txid: '1',
      changes: [
        { assigneeId: 'a', teamId: null, delta: 1 },
        { assigneeId: 'b', teamId: 't', delta: -1 },
        { assigneeId: null, teamId: 't', delta: 2 },
      ],
    };
    expect(mayHear(agent, counts)).toBe(true);
    expect(visiblePart(agent, counts)).toEqual({ ...counts, changes: [counts.changes![0], counts.changes![2]] });
    expect(visiblePart(supervisor, counts)).toBe(counts);
    const othersOnly: TRealtimeEvent = { ...counts, changes: [{ assigneeId: 'b', teamId: null, delta: 1 }] };
    expect(mayHear(agent, othersOnly)).toBe(false);
    expect(mayHear(agent, { ...counts, changes: null })).toBe(true);
  });
});
