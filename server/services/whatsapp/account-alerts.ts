import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { accountAlerts } from '@/db/schema';
import { notify } from '@/server/realtime/notify';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

const ZText = z.string().trim().min(1).max(500);
const ZAlertInfo = z.looseObject({
  alert_type: ZText,
  alert_severity: ZText.optional(),
  alert_status: ZText.optional(),
  alert_description: z.string().max(2000).optional(),
});

/**
 * `account_alerts` (Meta's webhook reference, 2026): `{ entity_type, entity_id, alert_info: { alert_severity,
 * alert_status, alert_type, alert_description } }`. Some integrations flatten alert_info into the value: both read.
 */
export const ZAccountAlert = z
  .looseObject({
    entity_type: ZText,
    entity_id: z.union([ZText, z.number().transform(String)]),
    alert_info: ZAlertInfo.optional(),
    ...ZAlertInfo.partial().shape,
  })
  .transform((v, ctx) => {
    const info = v.alert_info ?? (v.alert_type ? { ...v, alert_type: v.alert_type } : null);
    if (!info) {
      ctx.addIssue({ code: 'custom', message: 'no alert_type' });
      return z.NEVER;
    }
    return {
      entityType: v.entity_type,
      entityId: v.entity_id,
      alertType: info.alert_type,
      severity: info.alert_severity ?? null,
      status: info.alert_status ?? null,
      description: info.alert_description ?? null,
    };
  });

export type TAccountAlert = z.infer<typeof ZAccountAlert>;

/** Stores one alert (a redelivery of the same webhook is the same alert) and tells open numbers pages. */
export async function storeAccountAlert(
  db: TDbOrTx,
  workspaceId: string,
  wabaId: string | undefined,
  alert: TAccountAlert,
  occurredAt: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(accountAlerts)
      .values({ workspaceId, wabaId: wabaId ?? null, ...alert, occurredAt })
      .onConflictDoNothing()
      .returning({ id: accountAlerts.id });
    if (inserted.length === 0) return false;
    // The numbers page refreshes on number.changed (all its queries): an alert is news of the same page, named by
    // the entity it is about.
    await notify(tx, { type: 'number.changed', workspaceId, channelId: alert.entityId });
    return true;
  });
}

/**
 * The workspace's latest alerts and account updates (account-updates.ts), newest first: a handful a year, so the last
 * 20 are all that matter.
 */
export async function listAccountAlerts(db: TDbOrTx, workspace: TWorkspaceContext) {
  return db
    .select({
      id: accountAlerts.id,
      entityType: accountAlerts.entityType,
      entityId: accountAlerts.entityId,
      alertType: accountAlerts.alertType,
      severity: accountAlerts.severity,
      status: accountAlerts.status,
      description: accountAlerts.description,
      source: accountAlerts.source,
      details: accountAlerts.details,
      expiresAt: accountAlerts.expiresAt,
      occurredAt: accountAlerts.occurredAt,
    })
    .from(accountAlerts)
    .where(eq(accountAlerts.workspaceId, workspace.id))
    .orderBy(desc(accountAlerts.occurredAt), desc(accountAlerts.id))
    .limit(20);
}
