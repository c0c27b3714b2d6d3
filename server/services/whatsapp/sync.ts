import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, numberHealth } from '@/db/schema';
import { openWhatsAppConfig, type TWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { graphRequest } from '@/server/channels/whatsapp/graph-client';
import { NUMBER_HEALTH_FIELDS, ZGraphNumber, ZGraphWabaOwner } from '@/server/channels/whatsapp/graph-schema';
import { phoneDigits } from '@/server/domain/phone';
import { logger } from '@/server/logger';
import { markChannelNeedsAttention } from './channel-status';
import { applyHealth, applyPortfolioLimit, limitOf, qualityOf, type THealthPatch } from './number-health';
import { graphSyncFailure, syncTemplates, type TSyncFailure, type TTemplateSyncResult } from './template-sync';

export type THealthSyncResult = { ok: true; changed: boolean } | TSyncFailure;
export type TChannelSyncResult = { channelId: string; health: THealthSyncResult; templates: TTemplateSyncResult };

/** What `GET /{phone_number_id}` says, as a patch of our health row (absent fields leave ours alone). */
export async function fetchNumberHealth(
  config: TWhatsAppConfig,
): Promise<{ ok: true; patch: THealthPatch; limit: ReturnType<typeof limitOf> } | TSyncFailure> {
  const result = await graphRequest<unknown>(config, 'GET', config.phoneNumberId, { query: { fields: NUMBER_HEALTH_FIELDS } });
  if (!result.ok) return graphSyncFailure(result);
  const number = ZGraphNumber.safeParse(result.json);
  if (!number.success)
    return { ok: false, reason: 'WhatsApp answered the number’s fields in an unknown shape.', code: null, channelNeedsAttention: false };
  const n = number.data;
  // The portfolio-level field replaced messaging_limit_tier (deprecated); read the old one only when the new is absent.
  const limit = limitOf(n.whatsapp_business_manager_messaging_limit ?? n.messaging_limit_tier);
  return {
    ok: true,
    patch: {
      displayPhoneNumber: (n.display_phone_number && phoneDigits(n.display_phone_number)) || undefined,
      verifiedName: n.verified_name,
      qualityRating: qualityOf(n.quality_rating),
      status: n.status,
      nameStatus: n.name_status,
      throughputLevel: n.throughput?.level,
      codeVerificationStatus: n.code_verification_status,
      accountMode: n.account_mode,
    },
    // The portfolio's, applied to all its numbers (applyPortfolioLimit).
    limit,
  };
}

/**
 * The business portfolio the number's WABA belongs to: the key its numbers share the messaging limit under. Not
 * knowing it (no WABA configured, or Meta not answering) changes nothing: the portfolio stays as last known.
 */
async function fetchPortfolioId(config: TWhatsAppConfig): Promise<string | null> {
  if (!config.wabaId) return null;
  const result = await graphRequest<unknown>(config, 'GET', config.wabaId, { query: { fields: 'owner_business_info' } });
  if (!result.ok) return null;
  const owner = ZGraphWabaOwner.safeParse(result.json);
  return owner.success ? (owner.data.owner_business_info?.id ?? null) : null;
}

async function ensureHealthRow(db: TDbOrTx, channel: { id: string; workspaceId: string }, config: TWhatsAppConfig) {
  await db
    .insert(numberHealth)
    .values({
      channelId: channel.id,
      workspaceId: channel.workspaceId,
      displayPhoneNumber: phoneDigits(config.displayPhoneNumber ?? ''),
    })
    .onConflictDoNothing();
}

/**
 * One number's full sync: its health fields and its WABA's templates. A refused token (190) or a blocked account
 * marks the channel as needing attention; any other failure is reported and changes nothing.
 */
export async function syncWhatsAppChannel(db: TDbOrTx, channelId: string): Promise<TChannelSyncResult | null> {
  const [channel] = await db
    .select({ id: channels.id, workspaceId: channels.workspaceId, config: channels.config })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.type, 'whatsapp')));
  const config = channel ? openWhatsAppConfig(channel.config) : null;
  if (!channel || !config) return null;
  await ensureHealthRow(db, channel, config);

  const fetched = await fetchNumberHealth(config);
  let health: THealthSyncResult;
  if (fetched.ok) {
    const portfolioId = await fetchPortfolioId(config);
    const changed = await applyHealth(db, channel.id, { ...fetched.patch, ...(portfolioId ? { portfolioId } : {}) }, 'sync', null);
    const limitChanged = fetched.limit ? (await applyPortfolioLimit(db, channel.id, fetched.limit, 'sync', null)) > 0 : false;
    health = { ok: true, changed: changed || limitChanged };
  } else health = fetched;
  const templates = await syncTemplates(db, channel, config);
  for (const failure of [health, templates]) {
    if (!failure.ok && failure.channelNeedsAttention && failure.failure) await markChannelNeedsAttention(db, channel.id, failure.failure);
  }
  if (!health.ok || !templates.ok) logger.warn({ channelId, health, templates }, 'WhatsApp sync incomplete');
  return { channelId: channel.id, health, templates };
}

/**
 * The periodic sync: every connected WhatsApp number, one after another (Meta's management API allows a few hundred
 * calls an hour per WABA, so there is no hurry). `onlyNeverSynced` is the sync on connect: numbers never synced yet.
 */
export async function syncAllWhatsAppChannels(db: TDbOrTx, options: { onlyNeverSynced?: boolean } = {}): Promise<TChannelSyncResult[]> {
  const rows = await db
    .select({ id: channels.id })
    .from(channels)
    .leftJoin(numberHealth, eq(numberHealth.channelId, channels.id))
    .where(
      and(
        eq(channels.type, 'whatsapp'),
        sql`${channels.status} not in ('disabled', 'disconnected')`,
        options.onlyNeverSynced ? or(isNull(numberHealth.channelId), isNull(numberHealth.lastSyncedAt)) : undefined,
      ),
    );
  const results: TChannelSyncResult[] = [];
  for (const row of rows) {
    const result = await syncWhatsAppChannel(db, row.id).catch((error: unknown) => {
      logger.error({ err: error, channelId: row.id }, 'WhatsApp sync failed');
      return null;
    });
    if (result) results.push(result);
  }
  return results;
}
