import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels, templates } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/server/domain/cursor';
import type { TTemplateCategory } from '@/server/domain/templates';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TTemplateListInput } from './schemas';

/** [name, language, id] of the last row shown: the list's order, read by templates_workspace_list_idx. */
const ZTemplateCursor = z.tuple([z.string().max(1000), z.string().max(100), z.uuid()]);

/** The WhatsApp numbers the templates page can filter by (and sync), in name order. */
export async function templateNumbers(db: TDbOrTx, workspace: TWorkspaceContext) {
  return db
    .select({ id: channels.id, name: channels.name, status: channels.status })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspace.id), eq(channels.type, 'whatsapp')))
    .orderBy(asc(channels.name), asc(channels.id));
}

/**
 * One page of the workspace's synced templates, by name then language (a number's copies side by side), with the
 * number each belongs to. A number of another workspace is refused, not silently answered with nothing.
 */
export async function listTemplates(db: TDbOrTx, workspace: TWorkspaceContext, input: TTemplateListInput) {
  const after = input.cursor ? decodeCursor(input.cursor, ZTemplateCursor) : null;
  if (input.cursor && !after) throw new AppError('INVALID_INPUT', 'cursorInvalid');
  if (input.channelId) {
    const [channel] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, workspace.id), eq(channels.type, 'whatsapp')));
    if (!channel) throw new AppError('NOT_FOUND', 'channelNotInWorkspace');
  }
  const rows = await db
    .select({
      id: templates.id,
      channelId: templates.channelId,
      channelName: channels.name,
      name: templates.name,
      language: templates.language,
      category: templates.category,
      status: templates.status,
      parameterFormat: templates.parameterFormat,
      components: templates.components,
      quality: templates.quality,
      rejectedReason: templates.rejectedReason,
      updatedAt: templates.updatedAt,
      syncedAt: templates.syncedAt,
    })
    .from(templates)
    .innerJoin(channels, eq(channels.id, templates.channelId))
    .where(
      and(
        eq(templates.workspaceId, workspace.id),
        input.channelId ? eq(templates.channelId, input.channelId) : undefined,
        input.status ? eq(templates.status, input.status) : undefined,
        input.category ? eq(templates.category, input.category) : undefined,
        after ? sql`(${templates.name}, ${templates.language}, ${templates.id}) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(templates.name), asc(templates.language), asc(templates.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...row, category: row.category as TTemplateCategory })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.language, last.id]) : null,
  };
}
