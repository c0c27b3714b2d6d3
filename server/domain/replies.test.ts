import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES } from './channel-types';
import { AGENT_REACTIONS, channelAllows, mayQuote, mayReactTo } from './replies';

const message = (patch: Partial<Parameters<typeof mayQuote>[0]> = {}) => ({
  direction: 'in',
  kind: 'text',
  providerMessageId: 'wamid.X',
  deletedAt: null,
  ...patch,
});

describe('channelAllows', () => {
  it.each(CHANNEL_TYPES.map((type) => [type]))('%s', (type) => {
    for (const action of ['quote', 'react'] as const) expect(channelAllows(type, action)).toBe(type === 'whatsapp');
  });
});

describe('mayQuote and mayReactTo', () => {
  const cases: [string, ReturnType<typeof message>, boolean, boolean][] = [
    ["a customer's message", message(), true, true],
    ["a customer's image", message({ kind: 'image' }), true, true],
    ['our sent message', message({ direction: 'out' }), true, false],
    ['our message still queued (no provider id yet)', message({ direction: 'out', providerMessageId: null }), false, false],
    ['an internal note', message({ direction: 'note', providerMessageId: null }), false, false],
    ['a system line', message({ direction: 'system', providerMessageId: null }), false, false],
    ["a customer's timeline event (opened the chat)", message({ kind: 'event' }), false, false],
    ['a deleted message', message({ deletedAt: new Date() }), false, false],
  ];
  it.each(cases)('%s', (_name, m, quote, react) => {
    expect(mayQuote(m)).toBe(quote);
    expect(mayReactTo(m)).toBe(react);
  });
});

it("offers WhatsApp's usual six reactions", () => {
  expect(AGENT_REACTIONS).toEqual(['👍', '❤️', '😂', '😮', '😢', '🙏']);
});
