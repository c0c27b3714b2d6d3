import { describe, expect, it } from 'vitest';
import { meaningValue, reactionEntry } from './meaning-fixtures';
import { parseInboundMessages } from './parse';
import { ZMessagesValue } from './webhook-schema';

// Shapes from Meta's webhook reference pages (reaction): see ./meaning-fixtures.ts.
const AT = new Date('2026-06-01T10:00:00Z');
const parse = (message: Record<string, unknown>) =>
  parseInboundMessages('channel-1', ZMessagesValue.parse(meaningValue('106540352242922', { from: '16505551234' }, message)), AT)
    .messages[0]!;

describe('messages that change another message', () => {
  it('reads a reaction as a change of its target, not as a message', () => {
    expect(parse(reactionEntry('wamid.R1', 'wamid.T1', '👍', AT))).toMatchObject({
      providerMessageId: 'wamid.R1',
      externalId: '16505551234',
      sentAt: AT,
      change: { kind: 'reaction', target: 'wamid.T1', emoji: '👍' },
    });
  });

  it('reads a removed reaction, with no emoji or an empty one, as emoji null', () => {
    expect(parse(reactionEntry('wamid.R2', 'wamid.T1', undefined, AT)).change).toEqual({ kind: 'reaction', target: 'wamid.T1', emoji: null });
    expect(parse(reactionEntry('wamid.R3', 'wamid.T1', '', AT)).change).toEqual({ kind: 'reaction', target: 'wamid.T1', emoji: null });
  });

  it('keeps a reaction that names no message as unsupported, with its raw payload', () => {
    const parsed = parse({ id: 'wamid.R4', timestamp: '1780000000', type: 'reaction', reaction: { emoji: '👍' } });
    expect(parsed.change).toBeUndefined();
    expect(parsed).toMatchObject({ kind: 'unsupported', payload: { whatsapp: { reaction: { emoji: '👍' } } } });
  });
});
