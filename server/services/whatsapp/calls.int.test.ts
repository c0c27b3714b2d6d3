import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callPermissionEntry, callValue } from '@/server/channels/whatsapp/meaning-fixtures';
import { listFacts, secondsAgo, setUpMeaningsTestbed } from '@/server/services/ingest/meanings-testbed';

// Shapes of Meta's calling pages (server/channels/whatsapp/parse-calls.ts), posted signed through the real webhook.
const bed = setUpMeaningsTestbed();
const { A, post, postChange, byProvider, conversationRow, messageCount, customerWithMessage } = bed;

describe('calls', () => {
  it('a customer’s call is one line of their conversation: it opens the window and counts as their contact; its end says how long', async () => {
    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    const id = `wacid.${randomUUID()}`;
    const at = secondsAgo(130);
    await postChange(A, 'calls', callValue(A.phoneNumberId, known.from, { id, event: 'connect', at }));
    expect(await byProvider(id)).toMatchObject({
      conversationId: known.conversationId,
      kind: 'event',
      payload: { meaning: 'call', call: { direction: 'in', state: 'ringing' } },
    });
    const ringing = await conversationRow(known.conversationId);
    // Meta: "Whenever a WhatsApp user messages you or calls you" the window restarts: 24 h from the call.
    expect(ringing.windowClosesAt!.getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000 + 24 * 3600 * 1000);
    expect(ringing.unreadCount).toBe(before.unreadCount + 1);
    expect(ringing.previewText).toBe('📞');

    const count = await messageCount(known.conversationId);
    await postChange(A, 'calls', callValue(A.phoneNumberId, known.from, { id, event: 'terminate', at: secondsAgo(10), duration: 120 }));
    expect((await byProvider(id))!.payload).toMatchObject({ call: { state: 'ended', status: 'COMPLETED', durationSeconds: 120 } });
    expect(await messageCount(known.conversationId)).toBe(count);
    expect(listFacts(await conversationRow(known.conversationId))).toEqual(listFacts(ringing));

    // Meta retries: a late connect never turns the ended call back to ringing.
    await postChange(A, 'calls', callValue(A.phoneNumberId, known.from, { id, event: 'connect', at }));
    expect((await byProvider(id))!.payload).toMatchObject({ call: { state: 'ended', durationSeconds: 120 } });
  });

  it('a missed call known only from its end is stored as missed; a call the business placed opens no window', async () => {
    const known = await customerWithMessage();
    const missed = `wacid.${randomUUID()}`;
    await postChange(
      A,
      'calls',
      callValue(A.phoneNumberId, known.from, { id: missed, event: 'terminate', at: secondsAgo(60), status: 'FAILED' }),
    );
    expect((await byProvider(missed))!.payload).toMatchObject({
      call: { direction: 'in', state: 'ended', status: 'FAILED', durationSeconds: 0 },
    });

    const before = await conversationRow(known.conversationId);
    const ours = `wacid.${randomUUID()}`;
    await postChange(
      A,
      'calls',
      callValue(A.phoneNumberId, known.from, {
        id: ours,
        event: 'terminate',
        at: secondsAgo(5),
        direction: 'BUSINESS_INITIATED',
        duration: 30,
      }),
    );
    expect((await byProvider(ours))!.payload).toMatchObject({ call: { direction: 'out', durationSeconds: 30 } });
    expect(listFacts(await conversationRow(known.conversationId))).toEqual(listFacts(before));
  });

  it('a call permission reply is the customer’s message, read as a line', async () => {
    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    const id = `wamid.${randomUUID()}`;
    await post(A, known.from, callPermissionEntry(id, 'accept', secondsAgo(1), new Date(Date.now() + 7 * 86400_000)));
    expect(await byProvider(id)).toMatchObject({
      kind: 'event',
      payload: { meaning: 'call_permission', callPermission: { response: 'accept' } },
    });
    expect((await conversationRow(known.conversationId)).windowClosesAt!.getTime()).toBeGreaterThan(before.windowClosesAt!.getTime());
  });
});
