import { describe, expect, it } from 'vitest';
import {
  captionEditEntry,
  editEntry,
  meaningValue,
  reactionEntry,
  requestWelcomeEntry,
  systemEntry,
  numberChangeEntry,
  userIdChangeEntry,
  revokeEntry,
  textEntry,
} from './meaning-fixtures';
import { parseInboundMessages } from './parse';
import { ZMessagesValue } from './webhook-schema';

// Shapes from Meta's webhook reference pages (reaction, edit, revoke, request_welcome, system): see ./meaning-fixtures.ts.
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
    expect(parse(reactionEntry('wamid.R2', 'wamid.T1', undefined, AT)).change).toEqual({
      kind: 'reaction',
      target: 'wamid.T1',
      emoji: null,
    });
    expect(parse(reactionEntry('wamid.R3', 'wamid.T1', '', AT)).change).toEqual({ kind: 'reaction', target: 'wamid.T1', emoji: null });
  });

  it('keeps a reaction that names no message as unsupported, with its raw payload', () => {
    const parsed = parse({ id: 'wamid.R4', timestamp: '1780000000', type: 'reaction', reaction: { emoji: '👍' } });
    expect(parsed.change).toBeUndefined();
    expect(parsed).toMatchObject({ kind: 'unsupported', payload: { whatsapp: { reaction: { emoji: '👍' } } } });
  });

  it('reads an edit with its new text, and an edited caption', () => {
    expect(parse(editEntry('wamid.E1', 'wamid.T1', 'In blue, please', AT)).change).toEqual({
      kind: 'edit',
      target: 'wamid.T1',
      body: 'In blue, please',
    });
    expect(parse(captionEditEntry('wamid.E2', 'wamid.T2', 'The red one', AT)).change).toEqual({
      kind: 'edit',
      target: 'wamid.T2',
      body: 'The red one',
    });
  });

  it('reads an edit whose new content it cannot read as an edit with no body (the raw payload keeps it)', () => {
    const parsed = parse({
      id: 'wamid.E3',
      timestamp: '1780000000',
      type: 'edit',
      edit: { original_message_id: 'wamid.T1', message: { type: 'poll' } },
    });
    expect(parsed.change).toEqual({ kind: 'edit', target: 'wamid.T1', body: null });
    expect(parsed.payload).toMatchObject({ whatsapp: { edit: { message: { type: 'poll' } } } });
  });

  it('reads a revoke as a deletion of its target', () => {
    expect(parse(revokeEntry('wamid.V1', 'wamid.T1', AT)).change).toEqual({ kind: 'revoke', target: 'wamid.T1' });
  });

  it('keeps an edit or a revoke with a target id it cannot use as unsupported', () => {
    for (const entry of [
      { id: 'wamid.X1', timestamp: '1780000000', type: 'revoke', revoke: {} },
      { id: 'wamid.X2', timestamp: '1780000000', type: 'edit', edit: { original_message_id: 'x'.repeat(300) } },
    ]) {
      const parsed = parse(entry);
      expect(parsed.change).toBeUndefined();
      expect(parsed.kind).toBe('unsupported');
    }
  });

  it('reads request_welcome as the "opened the chat" timeline event, and an ordinary text as a message', () => {
    expect(parse(requestWelcomeEntry('wamid.W1', AT))).toMatchObject({ kind: 'event', body: null, payload: { meaning: 'chat_opened' } });
    expect(parse(requestWelcomeEntry('wamid.W1', AT)).change).toBeUndefined();
    expect(parse(systemEntry('wamid.S1', 'User A changed from 1 to 2', AT))).toMatchObject({
      kind: 'event',
      body: 'User A changed from 1 to 2',
      payload: { meaning: 'system' },
    });
    expect(parse(textEntry('wamid.T9', 'hi', AT))).toMatchObject({ kind: 'text', body: 'hi' });
    expect(parse(textEntry('wamid.T9', 'hi', AT)).change).toBeUndefined();
  });
});

describe('identity changes (system notices)', () => {
  it("a changed number keys the sender by the old number and carries the new one, in both of Meta's forms", () => {
    expect(parse(numberChangeEntry('wamid.N1', '12195555358', AT))).toMatchObject({
      kind: 'event',
      externalId: '16505551234',
      identity: { kind: 'number', externalId: '12195555358', bsuid: null },
      payload: { meaning: 'system', identity: { kind: 'number', phone: '+12195555358' } },
    });
    // Before v12 the new number came as `new_wa_id`, sometimes a JSON number; `customer_changed_number` is the old type.
    const legacy = systemEntry('wamid.N2', 'changed', AT, { type: 'customer_changed_number', new_wa_id: 12195555358 });
    expect(parse(legacy).identity).toEqual({ kind: 'number', externalId: '12195555358', bsuid: null });
  });

  it('a number change that also regenerates the BSUID is found by the previous one and moves to the new one', () => {
    const parsed = parse(numberChangeEntry('wamid.N3', '12195555358', AT, { user_id: 'US.new', previous_user_id: 'US.old' }));
    expect(parsed).toMatchObject({ bsuid: 'US.old', identity: { kind: 'number', externalId: '12195555358', bsuid: 'US.new' } });
  });

  it('a changed BSUID alone carries no number', () => {
    expect(parse(userIdChangeEntry('wamid.U1', 'US.old', 'US.new', AT))).toMatchObject({
      bsuid: 'US.old',
      identity: { kind: 'user_id', externalId: null, bsuid: 'US.new' },
      payload: { identity: { kind: 'user_id', phone: null } },
    });
  });

  it('names nothing when the notice has no usable new key, or is another notice', () => {
    for (const system of [
      { type: 'user_changed_number' },
      { type: 'user_changed_number', wa_id: '+1 (219) 555' },
      { type: 'user_changed_number', wa_id: 'x'.repeat(30) },
      { type: 'user_changed_user_id', previous_user_id: 'US.same', user_id: 'US.same' },
      { type: 'user_changed_user_id' },
      { type: 'customer_identity_changed', wa_id: '12195555358' },
    ]) {
      const parsed = parse(systemEntry('wamid.X', 'notice', AT, system));
      expect(parsed.identity).toBeUndefined();
      expect(parsed).toMatchObject({ kind: 'event', payload: { meaning: 'system' } });
    }
  });
});
