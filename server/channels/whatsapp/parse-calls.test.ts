import { describe, expect, it } from 'vitest';
import { callPermissionEntry, callValue, meaningValue } from './meaning-fixtures';
import { parseInboundMessages } from './parse';
import { parseCalls, ZCallsValue } from './parse-calls';
import { ZMessagesValue } from './webhook-schema';

// Shapes from Meta's calling pages (see ./meaning-fixtures.ts callValue).
const AT = new Date('2026-06-01T10:00:00Z');
const parse = (value: unknown) => parseCalls('channel-1', ZCallsValue.parse(value), AT);

describe('parseCalls', () => {
  it('a call the customer places is theirs (from), ringing, with no SDP kept', () => {
    const [item] = parse(callValue('1065', '16505551234', { id: 'wacid.A', event: 'connect', at: AT }));
    expect(item).toMatchObject({
      externalId: '16505551234',
      providerMessageId: 'wacid.A',
      kind: 'event',
      sentAt: AT,
      payload: { meaning: 'call', call: { direction: 'in', state: 'ringing', durationSeconds: null } },
    });
    expect(JSON.stringify(item)).not.toContain('sdp');
  });

  it('a call the business places is to the customer (to); terminate says how it ended, dated from its start', () => {
    const value = callValue('1065', '16505551234', {
      id: 'wacid.B',
      event: 'terminate',
      at: AT,
      direction: 'BUSINESS_INITIATED',
      duration: 120,
    });
    const [item] = parse(value);
    expect(item).toMatchObject({
      externalId: '16505551234',
      sentAt: new Date(AT.getTime() - 120_000),
      payload: { call: { direction: 'out', state: 'ended', status: 'COMPLETED', durationSeconds: 120, endedAt: AT.toISOString() } },
    });
  });

  it('skips calls it cannot key and events it does not know; a duration out of sense is no duration', () => {
    const base = callValue('1065', '16505551234', { id: 'wacid.C', event: 'terminate', at: AT, duration: 5 });
    const call = base.calls[0]!;
    expect(
      parse({ ...base, calls: [{ ...call, id: '' }, { ...call, event: 'ringing' }, 'junk', { ...call, from: undefined, to: undefined }] }),
    ).toEqual([]);
    expect(parse({ ...base, calls: [{ ...call, duration: -4 }] })[0]!.payload).toMatchObject({ call: { durationSeconds: null } });
    expect(parse({ ...base, calls: [{ ...call, duration: '42' }] })[0]!.payload).toMatchObject({ call: { durationSeconds: 42 } });
  });
});

describe('a call permission reply', () => {
  const parseEntry = (entry: Record<string, unknown>) =>
    parseInboundMessages('channel-1', ZMessagesValue.parse(meaningValue('1065', { from: '16505551234' }, entry)), AT).messages[0]!;

  it('reads as a line of the customer’s side with their answer and its expiry, not as [interactive]', () => {
    const expires = new Date('2026-06-08T10:00:00Z');
    expect(parseEntry(callPermissionEntry('wamid.P1', 'accept', AT, expires))).toMatchObject({
      kind: 'event',
      payload: { meaning: 'call_permission', callPermission: { response: 'accept', expiresAt: expires.toISOString() } },
    });
    expect(parseEntry(callPermissionEntry('wamid.P2', 'reject', AT))).toMatchObject({
      kind: 'event',
      payload: { callPermission: { response: 'reject', expiresAt: null } },
    });
  });
});
