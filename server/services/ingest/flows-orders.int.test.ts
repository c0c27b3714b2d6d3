import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bookingAnswers, flowReplyEntry, orderEntry, sampleOrderItems } from '@/server/channels/whatsapp/echo-fixtures';
import { callerFor } from '@/server/testing/factories';
import { secondsAgo, setUpMeaningsTestbed } from './meanings-testbed';

// Flow replies and orders as Meta's references show them (server/channels/whatsapp/echo-fixtures.ts), signed and
// posted through the real webhook handler and ingest.
const bed = setUpMeaningsTestbed();
const { A, B, post, byProvider, conversationRow, customerWithMessage } = bed;

describe('Flow replies and orders', () => {
  it('are customer messages: they refresh the window, count as unread and show a preview in any language', async () => {
    const { from, conversationId } = await customerWithMessage();
    const before = await conversationRow(conversationId);
    const flow = `wamid.${randomUUID()}`;
    await post(A, from, flowReplyEntry(flow, JSON.stringify(bookingAnswers), secondsAgo(60)));
    let row = await conversationRow(conversationId);
    expect(row.unreadCount).toBe(before.unreadCount + 1);
    expect(row.lastInboundAt!.getTime()).toBeGreaterThan(before.lastInboundAt!.getTime());
    expect(row.previewText).toBe('📝 Layla Haddad · 2026-12-10 · 4');
    expect(await byProvider(flow)).toMatchObject({
      direction: 'in',
      kind: 'interactive',
      body: expect.stringContaining('Full name: Layla Haddad'),
    });

    const order = `wamid.${randomUUID()}`;
    await post(A, from, orderEntry(order, sampleOrderItems, secondsAgo(30)));
    row = await conversationRow(conversationId);
    expect(row).toMatchObject({ unreadCount: before.unreadCount + 2, previewText: '🛒 ×3 · 28.48 SAR', previewDirection: 'in' });
    expect(await byProvider(order)).toMatchObject({ direction: 'in', kind: 'order', body: 'Please deliver after 5' });
  });

  it('are listed with their fields and items; malformed ones as text with the raw payload', async () => {
    const { from, conversationId } = await customerWithMessage();
    await post(A, from, flowReplyEntry(`wamid.${randomUUID()}`, JSON.stringify(bookingAnswers), secondsAgo(50)));
    await post(A, from, orderEntry(`wamid.${randomUUID()}`, sampleOrderItems, secondsAgo(40)));
    const broken = `wamid.${randomUUID()}`;
    await post(A, from, flowReplyEntry(broken, '{"full_name": ', secondsAgo(30)));
    const listed = await callerFor(bed.database.db, bed.agentId, A.workspaceId).message.list({ conversationId });
    const [flow, order, malformed] = listed.items.slice(-3);
    expect(flow!.payload).toMatchObject({ flow: { fields: expect.arrayContaining([{ key: 'full_name', value: 'Layla Haddad' }]) } });
    expect(order!.payload).toMatchObject({ order: { units: 3, total: { amount: '28.48', currency: 'SAR' } } });
    expect(malformed).toMatchObject({ kind: 'interactive', body: '{"full_name": ' });
    expect(malformed!.payload).toMatchObject({ whatsapp: { interactive: { type: 'nfm_reply' } } });
    expect((await conversationRow(conversationId)).previewText).toBe('{"full_name": ');
    // Another workspace's caller cannot list them.
    await expect(callerFor(bed.database.db, bed.agentId, B.workspaceId).message.list({ conversationId })).rejects.toThrow();
  });
});
