import { describe, expect, it } from 'vitest';
import { forwardedEntry, replyEntry } from './context-fixtures';
import { meaningValue, reactionEntry, textEntry } from './meaning-fixtures';
import { parseInboundMessages } from './parse';
import { contextOf } from './parse-context';
import { ZMessagesValue } from './webhook-schema';

const AT = new Date('2026-06-01T10:00:00Z');
const parse = (message: Record<string, unknown>) =>
  parseInboundMessages('channel-1', ZMessagesValue.parse(meaningValue('106540352242922', { from: '16505551234' }, message)), AT)
    .messages[0]!;

describe('contextOf', () => {
  it('reads the quoted id of a reply', () => {
    expect(contextOf({ context: { from: '15550783881', id: 'wamid.Q1' } })).toEqual({ quotedId: 'wamid.Q1' });
  });
  it('reads forwarded and frequently forwarded, many winning over once', () => {
    expect(contextOf({ context: { forwarded: true } })).toEqual({ forwarded: 'forwarded' });
    expect(contextOf({ context: { frequently_forwarded: true } })).toEqual({ forwarded: 'frequently_forwarded' });
    expect(contextOf({ context: { forwarded: true, frequently_forwarded: true } })).toEqual({ forwarded: 'frequently_forwarded' });
  });
  it('ignores what is not a context: absent, not an object, empty or overlong ids, non-boolean marks', () => {
    expect(contextOf({})).toEqual({});
    expect(contextOf({ context: 'x' })).toEqual({});
    expect(contextOf({ context: [] })).toEqual({});
    expect(contextOf({ context: null })).toEqual({});
    expect(contextOf({ context: { id: '' } })).toEqual({});
    expect(contextOf({ context: { id: 42 } })).toEqual({});
    expect(contextOf({ context: { id: 'x'.repeat(257) } })).toEqual({});
    expect(contextOf({ context: { forwarded: 'true' } })).toEqual({});
  });
  it('keeps a product enquiry context (no id) as nothing to quote', () => {
    expect(contextOf({ context: { referred_product: { catalog_id: '1', product_retailer_id: '2' } } })).toEqual({});
  });
});

describe('parse: replies and forwards', () => {
  it('stores the quoted id in the payload of a reply', () => {
    const m = parse(replyEntry('wamid.A1', 'Yes, that one', 'wamid.Q1', AT));
    expect(m).toMatchObject({ kind: 'text', body: 'Yes, that one', payload: { quotedId: 'wamid.Q1' } });
    expect(m.payload).not.toHaveProperty('forwarded');
  });
  it('marks a forwarded message, once or many times', () => {
    expect(parse(forwardedEntry('wamid.F1', 'Look', AT)).payload).toMatchObject({ forwarded: 'forwarded' });
    expect(parse(forwardedEntry('wamid.F2', 'Look', AT, true)).payload).toMatchObject({ forwarded: 'frequently_forwarded' });
  });
  it('adds nothing to a message without context, or to a change', () => {
    expect(parse(textEntry('wamid.T1', 'Hi', AT)).payload).not.toHaveProperty('quotedId');
    const reaction = parse({ ...reactionEntry('wamid.R1', 'wamid.T1', '👍', AT), context: { id: 'wamid.X' } });
    expect(reaction.payload).not.toHaveProperty('quotedId');
  });
});
