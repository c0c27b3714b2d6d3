import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { accountAlerts, channels } from '@/db/schema';
import { accountUpdateMeaning, isAlarming, type TAccountUpdateValue } from '@/server/domain/account-update';
import { notify } from '@/server/realtime/notify';
import { channelsOfWaba } from './template-sync';

/** The channel status code that says "Meta's account_update put this number here" (not a send failure). */
export const ACCOUNT_UPDATE_CODE = 'account_update';

/**
 * One `account_update` webhook: stored once among the account alerts (Meta retries: the same event at the same time
 * of the same WABA is the same row), then the WABA's numbers take its state: an event that needs an admin marks them
 * "needs attention" with Meta's reason; a reinstatement or reconnection lifts what an earlier one set (and nothing
 * else, such as a refused token). Informational events are listed only. Admins online hear of an alarming one.
 */
export async function applyAccountUpdate(
  db: TDbOrTx,
  channel: { id: string; workspaceId: string },
  entryId: string | undefined,
  value: TAccountUpdateValue,
  occurredAt: Date,
): Promise<boolean> {
  const update = accountUpdateMeaning(value, entryId ?? null);
  const wabaId = update.wabaId ?? entryId ?? channel.id;
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(accountAlerts)
      .values({
        workspaceId: channel.workspaceId,
        wabaId,
        source: 'account_update',
        entityType: 'WABA',
        entityId: wabaId,
        alertType: update.event,
        severity: update.severity,
        status: update.effect === 'attention' ? 'ACTIVE' : update.effect === 'clear' ? 'NONE' : null,
        details: update.details,
        expiresAt: update.expiresAt ? new Date(update.expiresAt) : null,
        occurredAt,
      })
      .onConflictDoNothing()
      .returning({ id: accountAlerts.id });
    if (!stored) return false;
    const ofWaba = await channelsOfWaba(tx, channel.workspaceId, wabaId);
    const targets = (ofWaba.length ? ofWaba : [channel]).map((c) => c.id);
    if (update.effect === 'attention') {
      await tx
        .update(channels)
        // Meta's words in English for logs and exports; the page words it from the stored row in the reader's language.
        .set({ status: 'needs_attention', statusCode: ACCOUNT_UPDATE_CODE, statusReason: `${update.event}`, statusData: null })
        .where(and(inArray(channels.id, targets), inArray(channels.status, ['active', 'needs_attention'])));
    } else if (update.effect === 'clear') {
      await tx
        .update(channels)
        .set({ status: 'active', statusCode: null, statusReason: null, statusData: null })
        .where(and(inArray(channels.id, targets), eq(channels.statusCode, ACCOUNT_UPDATE_CODE)));
    }
    for (const channelId of targets) await notify(tx, { type: 'number.changed', workspaceId: channel.workspaceId, channelId });
    if (isAlarming(update)) {
      await notify(tx, {
        type: 'account.updated',
        workspaceId: channel.workspaceId,
        alertId: stored.id,
        event: update.event,
        reason: update.reason,
        details: update.details,
        expiresAt: update.expiresAt,
      });
    }
    return true;
  });
}

/**
 * Meta sends no event when a restriction's term ends: a number that an account_update restricted until a given time
 * is active again once that time has passed, unless a later update put it in another state (its own row, newer). Run
 * by the periodic WhatsApp sync; `now` is the database's clock unless a test gives one.
 */
export async function liftExpiredRestrictions(db: TDbOrTx, now?: Date): Promise<number> {
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  const lifted = await db.execute<{ id: string; workspace_id: string }>(sql`
    update channels c set status = 'active', status_code = null, status_reason = null, status_data = null
    where c.type = 'whatsapp' and c.status = 'needs_attention' and c.status_code = ${ACCOUNT_UPDATE_CODE}
      and (
        select a.expires_at <= ${at} from account_alerts a
        where a.workspace_id = c.workspace_id and a.source = 'account_update' and a.status = 'ACTIVE'
          and a.waba_id = coalesce(c.config ->> 'wabaId', c.id::text)
        order by a.occurred_at desc limit 1
      )
    returning c.id, c.workspace_id`);
  for (const channel of lifted) await notify(db, { type: 'number.changed', workspaceId: channel.workspace_id, channelId: channel.id });
  return lifted.length;
}
