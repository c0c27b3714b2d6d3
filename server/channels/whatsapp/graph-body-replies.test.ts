import { describe, expect, it } from 'vitest';
import type { TOutboundMessage } from '../adapter';
import { graphMessageBody } from './graph-body';

// Meta's send shapes (/work/shared/reference/meta-messaging.md §3): a quoted reply carries
// `context: { message_id }`; a reaction is `{ type: "reaction", reaction: { message_id, emoji } }`, "" removing it.
const base: Omit<TOutboundMessage, 'content'> = {
  messageId: 7,
  channel: { id: 'c', type: 'whatsapp', config: {} },
  recipient: { externalId: '16505551234', bsuid: null, phone: null },
};
const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+16505551234', biz_opaque_callback_data: '7' };

describe('graphMessageBody: replies and reactions', () => {
  it('quotes the message a reply replies to', () => {
    expect(graphMessageBody({ ...base, content: { kind: 'text', text: 'Yes', messagingTag: null, replyTo: 'wamid.Q' } })).toEqual({
      ...envelope,
      context: { message_id: 'wamid.Q' },
      type: 'text',
      text: { preview_url: false, body: 'Yes' },
    });
  });
  it('sends no context without a quote (null or absent)', () => {
    expect(graphMessageBody({ ...base, content: { kind: 'text', text: 'Yes', messagingTag: null, replyTo: null } })).not.toHaveProperty(
      'context',
    );
    expect(graphMessageBody({ ...base, content: { kind: 'text', text: 'Yes', messagingTag: null } })).not.toHaveProperty('context');
  });
  it('builds a reaction, and its removal with an empty emoji', () => {
    expect(graphMessageBody({ ...base, content: { kind: 'reaction', target: 'wamid.T', emoji: '👍' } })).toEqual({
      ...envelope,
      type: 'reaction',
      reaction: { message_id: 'wamid.T', emoji: '👍' },
    });
    expect(graphMessageBody({ ...base, content: { kind: 'reaction', target: 'wamid.T', emoji: '' } })).toMatchObject({
      reaction: { message_id: 'wamid.T', emoji: '' },
    });
  });
});
