import type { TDb, TDbOrTx } from '@/db/client';
import { ZTemplateCategoryUpdate, ZTemplateQualityUpdate, ZTemplateStatusUpdate } from '@/server/channels/whatsapp/graph-schema';
import { ZCallsValue } from '@/server/channels/whatsapp/parse-calls';
import type { TWebhookChange } from '@/server/channels/whatsapp/webhook-schema';
import { providerTime } from '@/server/domain/provider-time';
import { enqueue, QUEUES } from '@/server/jobs/boss';
import type { TWhatsAppSyncJob } from '@/server/jobs/workers';
import { logger } from '@/server/logger';
import { ZAccountUpdate } from '@/server/domain/account-update';
import { storeAccountAlert, ZAccountAlert } from './account-alerts';
import { applyAccountUpdate } from './account-updates';
import { applyCalls } from './calls';
import { acknowledgeAppStateSync, applyEchoesField } from './echoes';
import { numberChannel } from './number-channel';
import { applyCapabilityUpdate, applyQualityUpdate, ZCapabilityUpdate, ZQualityUpdate } from './number-health';
import { applyTemplateCategoryUpdate, applyTemplateQualityUpdate, applyTemplateStatusUpdate, channelsOfWaba } from './template-sync';
import { applyUserPreferences, ZUserPreferencesValue } from './user-preferences';

/** The webhook fields about templates (Meta's webhooks reference, one page each). */
const TEMPLATE_FIELDS = new Set([
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
  'message_template_components_update',
]);

type TChannel = { id: string; workspaceId: string; externalId: string };
type TEntryChange = { entryId: string | undefined; entryTime: unknown; change: TWebhookChange };

/**
 * Every webhook field but `messages`: number health, templates, account alerts and updates, marketing preferences,
 * calls and the coexistence fields (messages echoed from the business's phone, its contact sync).
 * Each is checked against its own schema; a change in a shape we do not know is logged and acknowledged, never a 500.
 * Answers how many timeline items it stored (calls), for the webhook's count.
 */
export async function applyOtherField(
  db: TDb,
  channel: TChannel,
  { entryId, entryTime, change }: TEntryChange,
  receivedAt: Date,
): Promise<number> {
  if (change.field === 'phone_number_quality_update') {
    const update = ZQualityUpdate.safeParse(change.value);
    if (update.success) await applyQualityUpdate(db, channel.workspaceId, update.data);
  } else if (change.field === 'business_capability_update') {
    const update = ZCapabilityUpdate.safeParse(change.value);
    if (update.success) await applyCapabilityUpdate(db, channel.workspaceId, entryId ?? channel.workspaceId, update.data);
  } else if (TEMPLATE_FIELDS.has(change.field)) {
    await applyTemplateChange(db, channel, entryId, change.field, change.value);
  } else if (change.field === 'account_alerts') {
    const alert = ZAccountAlert.safeParse(change.value);
    if (alert.success) await storeAccountAlert(db, channel.workspaceId, entryId, alert.data, providerTime(entryTime, receivedAt));
    else logger.warn({ channelId: channel.id }, 'skipped an account alert in an unknown shape');
  } else if (change.field === 'account_update') {
    const update = ZAccountUpdate.safeParse(change.value);
    if (update.success) await applyAccountUpdate(db, channel, entryId, update.data, providerTime(entryTime, receivedAt));
    else logger.warn({ channelId: channel.id }, 'skipped an account update in an unknown shape');
  } else if (change.field === 'user_preferences') {
    const value = ZUserPreferencesValue.safeParse(change.value);
    const target = value.success
      ? await numberChannel(db, channel.workspaceId, channel.id, channel.externalId, value.data.metadata.phone_number_id)
      : null;
    if (value.success && target) await applyUserPreferences(db, channel.workspaceId, target, value.data, receivedAt);
  } else if (change.field === 'calls') {
    const value = ZCallsValue.safeParse(change.value);
    const target = value.success
      ? await numberChannel(db, channel.workspaceId, channel.id, channel.externalId, value.data.metadata.phone_number_id)
      : null;
    if (value.success && target) return applyCalls(db, target, value.data, receivedAt);
  } else if (change.field === 'smb_message_echoes') {
    return applyEchoesField(db, channel, change.value, receivedAt);
  } else if (change.field === 'smb_app_state_sync') {
    return acknowledgeAppStateSync(channel.id, change.value);
  }
  return 0;
}

/**
 * Template webhooks. Meta's own quality example is labelled as a status update, so the shape decides: a
 * `new_quality_score` is a quality change. A template we have never seen (created in WhatsApp Manager) has no
 * components in the webhook, so it triggers a sync of the WABA's numbers instead.
 */
async function applyTemplateChange(
  db: TDbOrTx,
  channel: { id: string; workspaceId: string },
  wabaId: string | undefined,
  field: string,
  value: unknown,
) {
  const quality = ZTemplateQualityUpdate.safeParse(value);
  const category = quality.success ? null : ZTemplateCategoryUpdate.safeParse(value);
  const status = quality.success || category?.success ? null : ZTemplateStatusUpdate.safeParse(value);
  const result =
    // Changed components (a new header, body or buttons) come without the components themselves: sync to read them.
    field === 'message_template_components_update'
      ? { known: false }
      : quality.success
        ? await applyTemplateQualityUpdate(db, channel.workspaceId, quality.data)
        : category?.success
          ? await applyTemplateCategoryUpdate(db, channel.workspaceId, category.data)
          : status?.success
            ? await applyTemplateStatusUpdate(db, channel.workspaceId, status.data)
            : null;
  if (!result) {
    logger.warn({ channelId: channel.id }, 'skipped a template update in an unknown shape');
    return;
  }
  if (result.known) return;
  const waba = wabaId ? await channelsOfWaba(db, channel.workspaceId, wabaId) : [];
  for (const target of waba.length ? waba : [channel]) {
    await enqueue(db, QUEUES.whatsappSync, { channelId: target.id } satisfies TWhatsAppSyncJob, {
      singletonKey: `template-sync:${target.id}`,
      singletonSeconds: 30,
    });
  }
}
