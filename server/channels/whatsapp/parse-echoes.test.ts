import { describe, expect, it } from 'vitest';
import { echoTemplateEntry, echoTextEntry, echoValue, flowReplyEntry, orderEntry, sampleOrderItems } from './echo-fixtures';
import { editEntry, reactionEntry, revokeEntry, systemEntry } from './meaning-fixtures';
import { parseEchoes, ZEchoesValue } from './parse-echoes';

// Shapes from Meta's smb_message_echoes reference: see ./echo-fixtures.ts.
const CUSTOMER = '16505551234';
const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 10, 0, s));
const parse = (echoes: Record<string, unknown>[], value = echoValue('106540352242922', CUSTOMER, echoes)) =>
  parseEchoes('channel-1', ZEchoesValue.parse(value), at(60));

describe('smb_message_echoes', () => {
  it('reads an echo as the business message to its customer, marked as sent from the phone', () => {
    const [echo] = parse([echoTextEntry('wamid.E1', 'On its way!', at(30))]).messages;
    expect(echo).toMatchObject({
      channelId: 'channel-1',
      externalId: CUSTOMER,
      phone: `+${CUSTOMER}`,
      profileName: 'Sheena Nelson',
      providerMessageId: 'wamid.E1',
      sentAt: at(30),
      kind: 'text',
      body: 'On its way!',
      echo: true,
    });
    // Its own raw object is kept: from is the business number, to the customer.
    expect(echo!.payload).toMatchObject({ sentFrom: 'phone', whatsapp: { from: '15550783881', to: CUSTOMER } });
  });

  it('keys the customer by BSUID when the echo names one', () => {
    const value = echoValue('106540352242922', CUSTOMER, [
      { ...echoTextEntry('wamid.E2', 'Hi', at(1)), to: undefined, to_user_id: 'US.123' },
    ]);
    value.contacts = [{ profile: { name: 'Sheena Nelson' }, user_id: 'US.123' } as never];
    expect(parse([], value).messages[0]).toMatchObject({ bsuid: 'US.123', externalId: null, echo: true });
  });

  it('finds the customer by wa_id when the business addressed them as +number', () => {
    const [echo] = parse([{ ...echoTextEntry('wamid.E3', 'Hi', at(1)), to: '+1 650-555-1234' }]).messages;
    expect(echo).toMatchObject({ externalId: CUSTOMER, phone: `+${CUSTOMER}` });
  });

  it('puts echoes in the order they were sent', () => {
    const { messages } = parse([
      echoTextEntry('wamid.late', 'second', at(20)),
      echoTextEntry('wamid.early', 'first', at(10)),
      echoTextEntry('wamid.last', 'third', at(40)),
    ]);
    expect(messages.map((m) => m.body)).toEqual(['first', 'second', 'third']);
  });

  it('reads an echoed template by its kind, and Flow and order contents as a message does', () => {
    const { messages } = parse([
      echoTemplateEntry('wamid.T', 'order_update', at(1)),
      orderEntry('wamid.O', sampleOrderItems, at(2)),
      flowReplyEntry('wamid.F', '{"a":1}', at(3)),
    ]);
    expect(messages.map((m) => m.kind)).toEqual(['template', 'order', 'interactive']);
    expect(messages[0]!.body).toBeNull();
    expect(messages[1]!.payload?.order).toMatchObject({ units: 3 });
  });

  it('reads edits and revokes of the business own messages as changes of them', () => {
    const { messages } = parse([
      editEntry('wamid.ed', 'wamid.E1', 'On its way (tomorrow)', at(5)),
      revokeEntry('wamid.rv', 'wamid.E0', at(6)),
    ]);
    expect(messages.map((m) => m.change)).toEqual([
      { kind: 'edit', target: 'wamid.E1', body: 'On its way (tomorrow)' },
      { kind: 'revoke', target: 'wamid.E0' },
    ]);
    expect(messages.every((m) => m.echo)).toBe(true);
  });

  it('ignores reactions and notices from the phone, and echoes with no id or customer', () => {
    const result = parse([
      reactionEntry('wamid.re', 'wamid.E1', '👍', at(1)),
      systemEntry('wamid.sy', 'changed', at(2)),
      { type: 'text', text: { body: 'no id' } },
    ]);
    expect(result.messages).toEqual([]);
    expect(result.ignored).toHaveLength(3);
    const noCustomer = echoValue('106540352242922', CUSTOMER, [{ ...echoTextEntry('wamid.x', 'x', at(1)), to: undefined }]);
    noCustomer.contacts = [];
    expect(parse([], noCustomer).messages).toEqual([]);
  });

  it('keeps a malformed echo as unsupported when it can be keyed, never throwing', () => {
    const { messages } = parse([{ id: 'wamid.M', timestamp: 'soon', type: 5 }]);
    expect(messages[0]).toMatchObject({ providerMessageId: 'wamid.M', kind: 'unsupported', echo: true, sentAt: at(60) });
    expect(() => parse([null as never, 'x' as never, [] as never])).not.toThrow();
  });
});
