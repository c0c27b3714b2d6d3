import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TDbOrTx, TTx } from '@/db/client';
import { channels, teams } from '@/db/schema';
import { openWhatsAppConfig, sealWhatsAppConfig, type TWhatsAppConfig } from '@/server/channels/whatsapp/config';
import type {
  TAddSimulatorChannelInput,
  TDefaultTeamInput,
  TRenameChannelInput,
  TRotateTokenInput,
} from '@/server/domain/channel-settings';
import { AppError } from '@/server/errors';
import { SealError } from '@/server/secrets/seal';
import { recordAudit } from '@/server/services/audit/record';
import { syncWhatsAppChannel } from '@/server/services/whatsapp/sync';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { checkWhatsAppCredentials } from './graph-check';
import { syncSummary } from './sync-summary';
import { unsubscribeDisconnectedWaba } from './unsubscribe';

/** One channel of the workspace, locked for the change (another workspace's id is not found). */
async function lockChannel(tx: TTx, workspace: TWorkspaceContext, channelId: string) {
  const [channel] = await tx
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspace.id)))
    .for('update');
  if (!channel) throw new AppError('NOT_FOUND', 'channelNotInWorkspace');
  return channel;
}

async function readChannel(db: TDbOrTx, workspace: TWorkspaceContext, channelId: string) {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspace.id)));
  if (!channel) throw new AppError('NOT_FOUND', 'channelNotInWorkspace');
  return channel;
}

export async function renameChannel(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TRenameChannelInput) {
  return db.transaction(async (tx) => {
    const channel = await lockChannel(tx, workspace, input.channelId);
    if (channel.name === input.name) return { changed: false };
    if (input.from !== undefined && input.from !== channel.name) throw new AppError('CONFLICT');
    await tx.update(channels).set({ name: input.name }).where(eq(channels.id, channel.id));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.renamed',
      subject: { type: 'channel', id: channel.id },
      data: { name: [channel.name, input.name] },
    });
    return { changed: true };
  });
}

/**
 * A number's stored credentials, opened; a channel whose secrets no longer open (sealed under another SECRETS_KEY)
 * is refused in words rather than as a 500: its way out is a rotation with both secrets.
 */
function openStoredConfig(stored: unknown): TWhatsAppConfig {
  let config: TWhatsAppConfig | null;
  try {
    config = openWhatsAppConfig(stored);
  } catch (error) {
    if (error instanceof SealError) throw new AppError('CHANNEL_NOT_CONNECTED', 'channelSecretsUnreadable');
    throw error;
  }
  if (!config) throw new AppError('CHANNEL_NOT_CONNECTED', 'numberHasNoCredentials');
  return config;
}

/**
 * The credentials a rotation would store. Secrets that no longer open are replaced whole: both a new access token
 * and a new app secret are needed (the old app secret cannot be kept), and then both are sealed afresh.
 */
function rotatedConfig(stored: unknown, input: TRotateTokenInput): TWhatsAppConfig {
  const replaced = { accessToken: input.accessToken, ...(input.appSecret ? { appSecret: input.appSecret } : {}) };
  try {
    const current = openWhatsAppConfig(stored);
    if (!current) throw new AppError('CHANNEL_NOT_CONNECTED', 'numberHasNoCredentials');
    return { ...current, ...replaced };
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    if (!input.appSecret) throw new AppError('INVALID_INPUT', 'secretsUnreadableNeedBoth');
    // Both secrets typed now, in plaintext: the unsealed rest of the stored config (ids, verify token) opens as it is.
    return openStoredConfig({ ...(stored as Record<string, unknown>), ...replaced });
  }
}

/**
 * A new access token (and, optionally, app secret) for a connected number: tried against the Graph API first, so a
 * wrong one changes nothing; a number flagged for a refused token (190) is active again once a good one is saved.
 * A disconnected number is not rotated, unless its secrets no longer open: new ones are what it needs to reconnect.
 */
export async function rotateToken(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TRotateTokenInput) {
  const channel = await readChannel(db, workspace, input.channelId);
  if (channel.type !== 'whatsapp') throw new AppError('INVALID_INPUT', 'channelNotWhatsApp');
  if (channel.status === 'disconnected' && secretsOpen(channel.config)) throw new AppError('CHANNEL_DISCONNECTED');
  const next = rotatedConfig(channel.config, input);
  await checkWhatsAppCredentials(next);
  await db.transaction(async (tx) => {
    const locked = await lockChannel(tx, workspace, channel.id);
    const stored = { ...(locked.config as Record<string, unknown>), accessToken: next.accessToken, appSecret: next.appSecret };
    const wasTokenRefused = locked.status === 'needs_attention' && locked.statusCode === '190';
    await tx
      .update(channels)
      .set({
        config: sealWhatsAppConfig(stored),
        ...(wasTokenRefused ? { status: 'active' as const, statusReason: null, statusCode: null, statusData: null } : {}),
      })
      .where(eq(channels.id, channel.id));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.tokenRotated',
      subject: { type: 'channel', id: channel.id },
      // Field names only: recordAudit stores secret-looking fields as "[changed]" whatever their value.
      data: { accessToken: true, ...(input.appSecret ? { appSecret: true } : {}) },
    });
  });
  return { rotated: true };
}

function secretsOpen(stored: unknown): boolean {
  try {
    openWhatsAppConfig(stored);
    return true;
  } catch (error) {
    if (error instanceof SealError) return false;
    throw error;
  }
}

/** Stops a channel: nothing is sent (send and queued deliveries are refused) and its webhooks are refused. History stays. */
export async function disconnectChannel(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, channelId: string) {
  const result = await db.transaction(async (tx) => {
    const channel = await lockChannel(tx, workspace, channelId);
    if (channel.status === 'disconnected') return { changed: false };
    await tx.update(channels).set({ status: 'disconnected' }).where(eq(channels.id, channel.id));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.disconnected',
      subject: { type: 'channel', id: channel.id },
      data: { name: channel.name, type: channel.type, status: [channel.status, 'disconnected'] },
    });
    return { changed: true };
  });
  // After the commit: Meta is slow at times, and the disconnect stands whatever it answers.
  if (result.changed) await unsubscribeDisconnectedWaba(db, channelId);
  return result;
}

/** A disconnected channel back on its own row; a WhatsApp number's stored credentials are tried against Meta first. */
export async function reconnectChannel(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, channelId: string) {
  const channel = await readChannel(db, workspace, channelId);
  if (channel.status !== 'disconnected') return { changed: false, sync: null };
  if (channel.type === 'whatsapp') {
    await checkWhatsAppCredentials(openStoredConfig(channel.config));
  }
  const changed = await db.transaction(async (tx) => {
    const locked = await lockChannel(tx, workspace, channelId);
    if (locked.status !== 'disconnected') return false;
    await tx.update(channels).set({ status: 'active', statusReason: null, statusCode: null, statusData: null }).where(eq(channels.id, channelId));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.reconnected',
      subject: { type: 'channel', id: channelId },
      data: { name: locked.name, type: locked.type },
    });
    return true;
  });
  const sync = changed && channel.type === 'whatsapp' ? syncSummary(await syncWhatsAppChannel(db, channelId)) : null;
  return { changed, sync };
}

/**
 * The team new conversations on this channel start in (null: none). Only an active team of the same workspace (an
 * archived one is offered for routing no more); the ingest reads it for conversations it creates, never for existing ones.
 */
export async function setDefaultTeam(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TDefaultTeamInput) {
  return db.transaction(async (tx) => {
    if (input.teamId) {
      // Shared lock, taken before the channel's (archiving locks the team, then its channels: one order, no deadlock):
      // the team cannot be archived between this check and the commit, and archiving clears defaults.
      const [team] = await tx
        .select({ id: teams.id, archivedAt: teams.archivedAt })
        .from(teams)
        .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, workspace.id)))
        .for('share');
      if (!team) throw new AppError('INVALID_INPUT', 'teamNotInWorkspace');
      if (team.archivedAt) throw new AppError('INVALID_INPUT', 'defaultTeamArchived');
    }
    const channel = await lockChannel(tx, workspace, input.channelId);
    if (channel.defaultTeamId === input.teamId) return { changed: false };
    if (input.from !== undefined && input.from !== channel.defaultTeamId) throw new AppError('CONFLICT');
    await tx.update(channels).set({ defaultTeamId: input.teamId }).where(eq(channels.id, channel.id));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.defaultTeamChanged',
      subject: { type: 'channel', id: channel.id },
      data: { defaultTeamId: [channel.defaultTeamId, input.teamId] },
    });
    return { changed: true };
  });
}

/** A channel of another type for trying its window rules: it sends and receives through the simulator only. */
export async function addSimulatorChannel(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TAddSimulatorChannelInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(channels)
      .values({ workspaceId: workspace.id, type: input.type, name: input.name, externalId: `simulator-${randomUUID()}`, config: {} })
      .returning({ id: channels.id });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.simulatorAdded',
      subject: { type: 'channel', id: row!.id },
      data: { name: input.name, type: input.type },
    });
    return { channelId: row!.id };
  });
}
