import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { workspaceSettings, workspaces } from '@/db/schema';
import { SETTINGS_FIELDS, type TWorkspaceSettingsFields } from '@/server/domain/workspace-settings';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TUpdateSettingsInput } from './schemas';

export type TWorkspaceSettings = TWorkspaceSettingsFields & { version: number };

async function readSettings(tx: TDbOrTx, workspaceId: string, lock: boolean): Promise<TWorkspaceSettings> {
  // Every workspace gets its settings row when it is made; one made without it (older data) gets its defaults here.
  await tx.insert(workspaceSettings).values({ workspaceId }).onConflictDoNothing();
  const query = tx
    .select({
      name: workspaces.name,
      defaultCountry: workspaceSettings.defaultCountry,
      timeZone: workspaceSettings.timeZone,
      arabicIndicDigits: workspaceSettings.arabicIndicDigits,
      unassignOnClose: workspaceSettings.unassignOnClose,
      closingNote: workspaceSettings.closingNote,
      closingCategories: workspaceSettings.closingCategories,
      agentsSeeAll: workspaceSettings.agentsSeeAll,
      autoCloseHours: workspaceSettings.autoCloseHours,
      closingAlertMinutes: workspaceSettings.closingAlertMinutes,
      version: workspaceSettings.version,
    })
    .from(workspaceSettings)
    .innerJoin(workspaces, eq(workspaces.id, workspaceSettings.workspaceId))
    .where(eq(workspaceSettings.workspaceId, workspaceId));
  const [row] = lock ? await query.for('update') : await query;
  return row!;
}

/** Settings → Workspace: the settings with the version the form must send back. */
export async function getWorkspaceSettings(db: TDbOrTx, workspace: TWorkspaceContext): Promise<TWorkspaceSettings> {
  return db.transaction((tx) => readSettings(tx, workspace.id, false));
}

/**
 * Saves the form as a whole, but only over the version it was read at: a stale version (another admin saved in
 * between) is a CONFLICT and changes nothing, so no one's change is silently overwritten. The audit line holds each
 * changed field as [before, after]; the realtime event lets open tabs pick up what their permissions depend on.
 */
export async function updateWorkspaceSettings(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TUpdateSettingsInput) {
  return db.transaction(async (tx) => {
    const current = await readSettings(tx, workspace.id, true);
    if (current.version !== input.version) throw new AppError('CONFLICT', 'settingsChanged');
    const changes: Record<string, [unknown, unknown]> = {};
    for (const field of SETTINGS_FIELDS) {
      if (JSON.stringify(current[field]) !== JSON.stringify(input[field])) changes[field] = [current[field], input[field]];
    }
    if (Object.keys(changes).length === 0) return current;
    if (changes.name) await tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, workspace.id));
    const { name: _name, version: _version, ...settings } = input;
    await tx
      .update(workspaceSettings)
      .set({ ...settings, version: sql`${workspaceSettings.version} + 1` })
      .where(eq(workspaceSettings.workspaceId, workspace.id));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: userId,
      action: 'workspace.settingsChanged',
      subject: { type: 'workspace', id: workspace.id },
      data: changes,
    });
    await notify(tx, { type: 'workspace.settingsChanged', workspaceId: workspace.id, agentsSeeAll: input.agentsSeeAll });
    return { ...input, version: current.version + 1 };
  });
}
