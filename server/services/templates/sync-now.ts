import { and, asc, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import type { TFailureData } from '@/server/domain/delivery-status';
import { AppError } from '@/server/errors';
import { syncWhatsAppChannel } from '@/server/services/whatsapp/sync';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TTemplateSyncInput } from './schemas';

/**
 * Not switched off nor disconnected, as the periodic sync reads it (server/services/whatsapp/sync.ts). As text: a
 * status this schema's enum does not have yet must not fail the query.
 */
const LIVE = sql<boolean>`${channels.status}::text not in ('disabled', 'disconnected')`;

export type TTemplateSyncOutcome = { channelId: string; name: string } & (
  | { ok: true; added: number; updated: number; removed: number; total: number }
  /**
   * Meta's error as stored for a failed delivery (its code in the delivery-error table and what came with it), so
   * the page says it in words; null when Meta was not reached or answered in a shape we do not know.
   */
  | { ok: false; code: number | null; failure: { code: string; data: TFailureData | null } | null; noCredentials?: true }
);

/**
 * Settings → Templates' "Sync now": the same full sync as the numbers page (health and templates, a refused token
 * flagging the number), for one number of the workspace or every one not switched off, one after another (a
 * workspace has a handful; Meta's management API prefers them unhurried). Each number's outcome comes back, a
 * failure included: one number Meta refuses must not hide what the others brought.
 */
export async function syncWorkspaceTemplates(db: TDbOrTx, workspace: TWorkspaceContext, input: TTemplateSyncInput) {
  const rows = await db
    .select({ id: channels.id, name: channels.name, live: LIVE })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, workspace.id),
        eq(channels.type, 'whatsapp'),
        input.channelId ? eq(channels.id, input.channelId) : undefined,
      ),
    )
    .orderBy(asc(channels.name), asc(channels.id));
  if (input.channelId && rows.length === 0) throw new AppError('NOT_FOUND', 'numberNotInWorkspace');
  // A number switched off or disconnected talks to Meta no more: asked for by name, that is said; in "all", skipped.
  if (input.channelId && !rows[0]!.live) throw new AppError('CHANNEL_NOT_CONNECTED');
  const outcomes: TTemplateSyncOutcome[] = [];
  for (const row of rows.filter((r) => r.live)) {
    const result = await syncWhatsAppChannel(db, row.id);
    const templates = result?.templates;
    if (!templates) outcomes.push({ channelId: row.id, name: row.name, ok: false, code: null, failure: null, noCredentials: true });
    else if (templates.ok)
      outcomes.push({
        channelId: row.id,
        name: row.name,
        ok: true,
        added: templates.added,
        updated: templates.updated,
        removed: templates.removed,
        total: templates.total,
      });
    else outcomes.push({ channelId: row.id, name: row.name, ok: false, code: templates.code, failure: templates.failure ?? null });
  }
  return { outcomes };
}
