import type { TTx } from '@/db/client';
import * as s from '@/db/schema';
import type { DEMO_CHANNELS } from './demo-channels';
import { DAY, MINUTE, type TChannelInfo } from './demo-plans';
import type { TRandom } from './random';

/** What the numbers page shows for the demo's WhatsApp numbers: their health, its history, and their sending usage. */

export async function seedNumberHealth(
  tx: TTx,
  workspaceId: string,
  numbers: (TChannelInfo & { health?: (typeof DEMO_CHANNELS)[number]['health'] })[],
  at: (ago: number) => Date,
) {
  for (const number of numbers) {
    const health = number.health!;
    await tx.insert(s.numberHealth).values({
      channelId: number.id,
      workspaceId,
      displayPhoneNumber: health.displayPhoneNumber,
      verifiedName: health.verifiedName,
      qualityRating: health.qualityRating,
      status: health.status,
      nameStatus: 'APPROVED',
      messagingLimitTier: health.tier,
      messagingLimit: health.limit,
      throughputLevel: 'STANDARD',
      lastSyncedAt: at(20 * MINUTE),
      updatedAt: at(20 * MINUTE),
    });
    const history: (typeof s.numberHealthHistory.$inferInsert)[] = [
      {
        workspaceId,
        channelId: number.id,
        source: 'seed',
        changes: { qualityRating: [null, 'GREEN'], status: [null, 'CONNECTED'], messagingLimitTier: [null, 'TIER_250'] },
        createdAt: at(90 * DAY),
      },
    ];
    if (health.tier !== 'TIER_250') {
      history.push({
        workspaceId,
        channelId: number.id,
        source: 'webhook',
        event: 'UPGRADE',
        changes: { messagingLimitTier: ['TIER_250', health.tier] },
        createdAt: at(40 * DAY),
      });
    }
    if (health.qualityRating !== 'GREEN') {
      history.push({
        workspaceId,
        channelId: number.id,
        source: 'sync',
        changes: { qualityRating: ['GREEN', health.qualityRating], status: ['CONNECTED', health.status] },
        createdAt: at(3 * DAY),
      });
    }
    await tx.insert(s.numberHealthHistory).values(history);
  }
}

/** Usage for the numbers page: the Dubai number is close to its 250 limit, the others moderately used. */
export async function seedBusinessInitiatedSends(
  tx: TTx,
  workspaceId: string,
  numbers: TChannelInfo[],
  contactIds: string[],
  random: TRandom,
  at: (ago: number) => Date,
) {
  const usage: Record<string, number> = { 'wa-riyadh': 140, 'wa-jeddah': 61, 'wa-dubai': 187 };
  const rows: (typeof s.businessInitiatedSends.$inferInsert)[] = [];
  for (const number of numbers) {
    const recipients = random.shuffle(contactIds).slice(0, usage[number.key] ?? 0);
    for (const contactId of recipients)
      rows.push({ workspaceId, channelId: number.id, contactId, sentAt: at(random.int(5, 23 * 60) * MINUTE) });
    // Earlier in the week, for tier-upgrade progress.
    for (const contactId of random.shuffle(contactIds).slice(0, 60)) {
      rows.push({ workspaceId, channelId: number.id, contactId, sentAt: at(random.int(2, 6) * DAY) });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(s.businessInitiatedSends).values(rows.slice(i, i + 1000));
}
