import { describe, expect, it } from 'vitest';
import { admin, fake, form, setUpChannelsTestbed } from './channels-testbed';

/**
 * Disconnecting a number and Meta's webhook subscription (unsubscribe.ts), through the procedures: the subscription
 * is per WABA, so it goes only with the WABA's last connected number.
 */
setUpChannelsTestbed();

describe('disconnecting a WhatsApp number', () => {
  it('unsubscribes the app from the WABA only when no other connected number shares it; reconnecting subscribes again', async () => {
    const wabaId = `3${Date.now()}`.slice(0, 12);
    const first = await admin().channel.connectWhatsApp(form({ wabaId }));
    const second = await admin().channel.connectWhatsApp(form({ wabaId }));
    expect(fake.subscribed.has(wabaId)).toBe(true);
    await admin().channel.disconnect({ channelId: first.channelId });
    // The other number still needs the WABA's webhooks.
    expect(fake.subscribed.has(wabaId)).toBe(true);
    await admin().channel.disconnect({ channelId: second.channelId });
    expect(fake.subscribed.has(wabaId)).toBe(false);
    await admin().channel.reconnect({ channelId: second.channelId });
    expect(fake.subscribed.has(wabaId)).toBe(true);
  });
});
