import { describe, expect, it } from 'vitest';
import type { TAnnouncedRow, TRealtimeEvent } from './events';
import { fitPayload } from './notify';

describe('fitPayload', () => {
  const event = (previewText: string): TRealtimeEvent => ({
    type: 'message.created',
    workspaceId: 'w',
    conversationId: 'c',
    messageId: 1,
    assigneeId: null,
    version: 3,
    row: { id: 'c', previewText } as TAnnouncedRow,
  });

  it('sends an event that fits as it is', () => {
    expect(JSON.parse(fitPayload(event('hello')))).toEqual(event('hello'));
  });

  it('drops the row of an event over NOTIFY’s limit (counted in bytes), keeping its version', () => {
    // 4,000 Arabic letters: under the limit in characters, over it in bytes (two each in UTF-8).
    const sent = JSON.parse(fitPayload(event('ع'.repeat(4_000)))) as TRealtimeEvent;
    expect(sent).toMatchObject({ type: 'message.created', version: 3 });
    expect('row' in sent).toBe(false);
  });

  it('turns count changes too many to carry into a refetch', () => {
    const changes = Array.from({ length: 200 }, (_, i) => ({ assigneeId: `a${i}-`.padEnd(36, 'x'), teamId: null, delta: 1 }));
    const sent = JSON.parse(fitPayload({ type: 'counts.changed', workspaceId: 'w', txid: '9', changes })) as TRealtimeEvent;
    expect(sent).toEqual({ type: 'counts.changed', workspaceId: 'w', txid: '9', changes: null });
  });
});
