import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels, templates } from '@/db/schema';
import type { TWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { graphRequest, type TGraphResult } from '@/server/channels/whatsapp/graph-client';
import {
  ZGraphTemplate,
  ZGraphTemplatePage,
  type TGraphTemplate,
  type ZTemplateQualityUpdate,
  type ZTemplateStatusUpdate,
  type ZTemplateCategoryUpdate,
} from '@/server/channels/whatsapp/graph-schema';
import type { TFailureData } from '@/server/domain/delivery-status';
import { englishFailureReason } from '@/server/i18n/english';
import { logger } from '@/server/logger';
import { TEMPLATE_CATEGORIES, type TTemplateCategory } from '@/server/domain/templates';
import { notify } from '@/server/realtime/notify';

const PAGE_SIZE = 100;
/** 6,000 templates is Meta's ceiling for a verified business: 60 pages, so 100 is a runaway guard, not a limit. */
const MAX_PAGES = 100;
const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components,quality_score,rejected_reason';

export type TSyncFailure = {
  ok: false;
  reason: string;
  code: number | null;
  channelNeedsAttention: boolean;
  /** The Graph failure as stored (delivery-error code and data), when the failure was one. */
  failure?: { code: string; data: TFailureData | null };
};

/** A failed Graph call as a sync failure: the English reason for logs, and the code and data the interface says. */
export function graphSyncFailure(result: Extract<TGraphResult<unknown>, { ok: false }>): TSyncFailure {
  return {
    ok: false,
    reason: englishFailureReason(result.failureCode, result.data),
    code: result.code,
    channelNeedsAttention: !!result.meaning.channelNeedsAttention,
    failure: { code: result.failureCode, data: result.data },
  };
}
export type TTemplateSyncResult = { ok: true; added: number; updated: number; removed: number; total: number } | TSyncFailure;

/** Every template of the number's WABA, page by page (Meta's `after` cursor, against our own base URL). */
export async function fetchAllTemplates(config: TWhatsAppConfig): Promise<{ ok: true; templates: TGraphTemplate[] } | TSyncFailure> {
  if (!config.wabaId)
    return { ok: false, reason: 'This number has no WhatsApp Business Account id.', code: null, channelNeedsAttention: false };
  const found: TGraphTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await graphRequest<unknown>(config, 'GET', `${config.wabaId}/message_templates`, {
      query: { fields: TEMPLATE_FIELDS, limit: String(PAGE_SIZE), ...(after ? { after } : {}) },
    });
    if (!result.ok) return graphSyncFailure(result);
    const body = ZGraphTemplatePage.safeParse(result.json);
    if (!body.success)
      return { ok: false, reason: 'WhatsApp answered the template list in an unknown shape.', code: null, channelNeedsAttention: false };
    for (const raw of body.data.data) {
      const template = ZGraphTemplate.safeParse(raw);
      // One template we cannot read must not hide the others.
      if (template.success) found.push(template.data);
      else logger.warn({ wabaId: config.wabaId, issues: template.error.issues.slice(0, 3) }, 'skipped a template in an unknown shape');
    }
    after = body.data.paging?.cursors?.after;
    if (!body.data.paging?.next || !after) return { ok: true, templates: found };
  }
  logger.warn({ wabaId: config.wabaId }, 'template list still had pages after the runaway guard');
  return { ok: true, templates: found };
}

/** JSON with object keys sorted: jsonb hands objects back in its own key order, which must not read as a change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Stores a full template list for one number: new ones added, changed ones updated, and ones Meta no longer lists
 * kept as DELETED (messages that used them still name them). Open pickers are told when anything changed.
 */
export async function storeTemplates(db: TDbOrTx, channel: { id: string; workspaceId: string }, listed: TGraphTemplate[]) {
  return db.transaction(async (tx) => {
    const existing = await tx.select().from(templates).where(eq(templates.channelId, channel.id)).for('update');
    const key = (name: string, language: string) => `${name}\u0000${language}`;
    const before = new Map(existing.map((t) => [key(t.name, t.language), t]));
    const unique = new Map(listed.map((t) => [key(t.name, t.language), t]));
    let added = 0;
    let updated = 0;
    for (const [k, t] of unique) {
      const row = {
        providerTemplateId: t.id,
        category: t.category,
        status: t.status,
        parameterFormat: t.parameter_format ?? ('POSITIONAL' as const),
        components: t.components,
        quality: t.quality_score?.score ?? null,
        rejectedReason: t.status === 'REJECTED' ? (t.rejected_reason ?? null) : null,
      };
      const old = before.get(k);
      if (!old) {
        await tx.insert(templates).values({
          ...row,
          workspaceId: channel.workspaceId,
          channelId: channel.id,
          name: t.name,
          language: t.language,
          syncedAt: sql`now()`,
        });
        added += 1;
        continue;
      }
      const changed =
        old.providerTemplateId !== row.providerTemplateId ||
        old.category !== row.category ||
        old.status !== row.status ||
        old.parameterFormat !== row.parameterFormat ||
        old.quality !== row.quality ||
        old.rejectedReason !== row.rejectedReason ||
        canonicalJson(old.components) !== canonicalJson(row.components);
      await tx
        .update(templates)
        .set(changed ? { ...row, syncedAt: sql`now()`, updatedAt: sql`now()` } : { syncedAt: sql`now()` })
        .where(eq(templates.id, old.id));
      if (changed) updated += 1;
    }
    const gone = existing.filter((t) => !unique.has(key(t.name, t.language)) && t.status !== 'DELETED').map((t) => t.id);
    if (gone.length)
      await tx
        .update(templates)
        .set({ status: 'DELETED', updatedAt: sql`now()` })
        .where(inArray(templates.id, gone));
    if (added + updated + gone.length > 0)
      await notify(tx, { type: 'templates.changed', workspaceId: channel.workspaceId, channelId: channel.id });
    return { ok: true as const, added, updated, removed: gone.length, total: unique.size };
  });
}

export async function syncTemplates(
  db: TDbOrTx,
  channel: { id: string; workspaceId: string },
  config: TWhatsAppConfig,
): Promise<TTemplateSyncResult> {
  const listed = await fetchAllTemplates(config);
  if (!listed.ok) return listed;
  return storeTemplates(db, channel, listed.templates);
}

/** Meta's lifecycle events as the status we store; FLAGGED is a warning about quality, not a new status. */
function statusAfter(event: string): string | null {
  if (event === 'REINSTATED') return 'APPROVED';
  if (event === 'FLAGGED') return null;
  return event;
}

/**
 * `message_template_status_update`: the template (known by Meta's id across every number of the WABA) takes its new
 * status. Returns the channels whose templates changed; an empty list means the template is new to us and the
 * caller should run a full sync (the webhook carries no components).
 */
export async function applyTemplateStatusUpdate(
  db: TDbOrTx,
  workspaceId: string,
  update: z.infer<typeof ZTemplateStatusUpdate>,
): Promise<{ known: boolean }> {
  const status = statusAfter(update.event);
  const rejectedReason = update.event === 'REJECTED' ? (update.rejection_info?.reason ?? update.reason ?? null) : null;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: templates.id, channelId: templates.channelId })
      .from(templates)
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.providerTemplateId, update.message_template_id)));
    if (rows.length === 0) return { known: false };
    if (status) {
      await tx
        .update(templates)
        .set({ status, rejectedReason, updatedAt: sql`now()` })
        .where(
          inArray(
            templates.id,
            rows.map((r) => r.id),
          ),
        );
      for (const channelId of new Set(rows.map((r) => r.channelId)))
        await notify(tx, { type: 'templates.changed', workspaceId, channelId });
    }
    return { known: true };
  });
}

/** `message_template_quality_update`: GREEN / YELLOW / RED / UNKNOWN as Meta scores the template. */
export async function applyTemplateQualityUpdate(db: TDbOrTx, workspaceId: string, update: z.infer<typeof ZTemplateQualityUpdate>) {
  const rows = await db
    .update(templates)
    .set({ quality: update.new_quality_score, updatedAt: sql`now()` })
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.providerTemplateId, update.message_template_id)))
    .returning({ id: templates.id });
  return { known: rows.length > 0 };
}

/**
 * `template_category_update`: the template takes Meta's new category on every number of the WABA. A category we do
 * not know (Meta adds some) is not stored: the caller syncs, and the sync keeps what the enum can hold.
 */
export async function applyTemplateCategoryUpdate(db: TDbOrTx, workspaceId: string, update: z.infer<typeof ZTemplateCategoryUpdate>) {
  const category = update.new_category.toUpperCase();
  if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) return { known: false };
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(templates)
      .set({ category: category as TTemplateCategory, updatedAt: sql`now()` })
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.providerTemplateId, update.message_template_id)))
      .returning({ channelId: templates.channelId });
    for (const channelId of new Set(rows.map((r) => r.channelId))) await notify(tx, { type: 'templates.changed', workspaceId, channelId });
    return { known: rows.length > 0 };
  });
}

/** The WhatsApp channels of a workspace that belong to one WABA (a template webhook names the WABA in entry.id). */
export async function channelsOfWaba(db: TDbOrTx, workspaceId: string, wabaId: string) {
  return db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.type, 'whatsapp'), sql`${channels.config}->>'wabaId' = ${wabaId}`));
}
