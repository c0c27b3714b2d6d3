import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secondsAgo, setUpMeaningsTestbed } from '@/server/services/ingest/meanings-testbed';
import { callerFor, createTemplate } from '@/server/testing/factories';

// The shape of Meta's user_preferences webhook reference (cited in ./user-preferences.ts), written for these tests.
const bed = setUpMeaningsTestbed();
const { A, postChange, customerWithMessage } = bed;
const preference = (waId: string, value: 'stop' | 'resume', at: Date) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: A.phoneNumberId },
  contacts: [{ wa_id: waId }],
  user_preferences: [
    {
      wa_id: waId,
      detail: `User requested to ${value} marketing messages`,
      category: 'marketing_messages',
      value,
      timestamp: Math.floor(at.getTime() / 1000),
    },
  ],
});
const optOutOf = async (conversationId: string) =>
  (
    await bed.database.sql<{ marketing_opt_out_at: Date | null }[]>`
      select c.marketing_opt_out_at from contacts c join conversations v on v.contact_id = c.id where v.id = ${conversationId}`
  )[0]!.marketing_opt_out_at;
const linesOf = (conversationId: string) =>
  bed.database.sql<{ body: string }[]>`
    select body from messages where conversation_id = ${conversationId} and direction = 'system' and payload->>'event' = 'marketing_preference' order by id`;

describe('a customer’s marketing preference (user_preferences)', () => {
  it('stop is stored on the contact with a line in their conversation; a late older resume changes nothing; a newer one clears it', async () => {
    const known = await customerWithMessage();
    const stoppedAt = secondsAgo(600);
    await postChange(A, 'user_preferences', preference(known.from, 'stop', stoppedAt));
    expect(new Date((await optOutOf(known.conversationId))!).toISOString()).toBe(
      new Date(Math.floor(stoppedAt.getTime() / 1000) * 1000).toISOString(),
    );
    expect((await linesOf(known.conversationId)).map((l) => l.body)).toEqual(['The customer stopped marketing messages']);

    await postChange(A, 'user_preferences', preference(known.from, 'resume', secondsAgo(900)));
    expect(await optOutOf(known.conversationId)).not.toBeNull();
    await postChange(A, 'user_preferences', preference(known.from, 'resume', secondsAgo(60)));
    expect(await optOutOf(known.conversationId)).toBeNull();
    expect(await linesOf(known.conversationId)).toHaveLength(2);
  });

  it('a preference of someone we do not know, of another category, or malformed is acknowledged and changes nothing', async () => {
    await postChange(A, 'user_preferences', preference('966500000999', 'stop', secondsAgo(5)));
    const known = await customerWithMessage();
    const other = preference(known.from, 'stop', secondsAgo(5));
    other.user_preferences[0]!.category = 'service_messages';
    await postChange(A, 'user_preferences', other);
    await postChange(A, 'user_preferences', { ...other, user_preferences: [{ wa_id: known.from, value: 'maybe' }, 'junk'] });
    expect(await optOutOf(known.conversationId)).toBeNull();
  });

  it('refuses a marketing template to a customer who stopped them, in words; a utility template still goes', async () => {
    const known = await customerWithMessage();
    await postChange(A, 'user_preferences', preference(known.from, 'stop', secondsAgo(5)));
    const body = [{ type: 'BODY', text: 'Hello there' }];
    const marketing = await createTemplate(bed.database.db, {
      workspaceId: A.workspaceId,
      channelId: A.channelId,
      name: 'sale',
      language: 'en',
      category: 'MARKETING',
      components: body,
    });
    const utility = await createTemplate(bed.database.db, {
      workspaceId: A.workspaceId,
      channelId: A.channelId,
      name: 'order_update',
      language: 'en',
      category: 'UTILITY',
      components: body,
    });
    const caller = callerFor(bed.database.db, bed.supervisorId, A.workspaceId);
    const send = (templateId: string) =>
      caller.message.send({
        conversationId: known.conversationId,
        clientKey: randomUUID(),
        content: { kind: 'template', templateId, params: {} },
      });
    await expect(send(marketing.id)).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('stopped marketing messages'),
    });
    await expect(send(utility.id)).resolves.toMatchObject({ duplicate: false });
    const shown = await caller.conversation.get({ id: known.conversationId });
    expect(shown.contact.marketingOptOutAt).not.toBeNull();
  });
});
