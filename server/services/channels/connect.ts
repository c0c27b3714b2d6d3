import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import { sealWhatsAppConfig, type TWhatsAppConfig } from '@/server/channels/whatsapp/config';
import type { TConnectWhatsAppInput } from '@/server/domain/channel-settings';
import { phoneDigits } from '@/server/domain/phone';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import { syncWhatsAppChannel } from '@/server/services/whatsapp/sync';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { checkWhatsAppCredentials } from './graph-check';
import { syncSummary } from './sync-summary';

const API_VERSION = 'v24.0';

/** Meta asks for this when it subscribes a callback URL (hub.verify_token): ours to invent, shown to the admin. */
function newVerifyToken(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * "Test and connect": the credentials are tried against the Graph API first (a refusal changes nothing), then the
 * number is stored with its secrets sealed and a new verify token, and its templates and health are synced at once.
 * A number already connected (here or in another workspace) is refused; one this workspace disconnected is
 * reconnected on its own row (its history stays with it), with the credentials typed now.
 */
export async function connectWhatsApp(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TConnectWhatsAppInput) {
  await refuseConnected(db, workspace, input.phoneNumberId);
  const config: TWhatsAppConfig = {
    phoneNumberId: input.phoneNumberId,
    wabaId: input.wabaId,
    accessToken: input.accessToken,
    appSecret: input.appSecret,
    verifyToken: newVerifyToken(),
    apiVersion: API_VERSION,
    graphBaseUrl: null,
  };
  const number = await checkWhatsAppCredentials(config);
  const displayPhoneNumber = number.displayPhoneNumber ? phoneDigits(number.displayPhoneNumber) : undefined;
  const stored = sealWhatsAppConfig({ ...config, ...(displayPhoneNumber ? { displayPhoneNumber } : {}) });
  const name = input.name ?? number.verifiedName ?? (displayPhoneNumber ? `+${displayPhoneNumber}` : input.phoneNumberId);

  const { channelId, reconnected } = await db.transaction(async (tx) => {
    // Locked: two admins connecting the same number at once are told apart here (or by the unique index below).
    const [existing] = await tx
      .select({ id: channels.id, workspaceId: channels.workspaceId, status: channels.status })
      .from(channels)
      .where(and(eq(channels.type, 'whatsapp'), eq(channels.externalId, input.phoneNumberId)))
      .for('update');
    if (existing && (existing.workspaceId !== workspace.id || existing.status !== 'disconnected')) throwConnected(existing.workspaceId, workspace.id);
    if (existing) {
      await tx
        .update(channels)
        .set({ config: stored, status: 'active', statusReason: null, statusCode: null, statusData: null })
        .where(eq(channels.id, existing.id));
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId,
        action: 'channel.reconnected',
        subject: { type: 'channel', id: existing.id },
        data: { phoneNumberId: input.phoneNumberId, wabaId: input.wabaId, credentials: 'replaced' },
      });
      return { channelId: existing.id, reconnected: true };
    }
    const [row] = await tx
      .insert(channels)
      .values({ workspaceId: workspace.id, type: 'whatsapp', name, externalId: input.phoneNumberId, config: stored })
      .onConflictDoNothing()
      .returning({ id: channels.id });
    if (!row) throw new AppError('CHANNEL_ALREADY_CONNECTED', 'channelConnectedElsewhere');
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'channel.connected',
      subject: { type: 'channel', id: row.id },
      data: { name, phoneNumberId: input.phoneNumberId, wabaId: input.wabaId },
    });
    return { channelId: row.id, reconnected: false };
  });

  const synced = await syncWhatsAppChannel(db, channelId);
  return { channelId, reconnected, sync: syncSummary(synced) };
}

async function refuseConnected(db: TDbOrTx, workspace: TWorkspaceContext, phoneNumberId: string) {
  const [existing] = await db
    .select({ workspaceId: channels.workspaceId, status: channels.status })
    .from(channels)
    .where(and(eq(channels.type, 'whatsapp'), eq(channels.externalId, phoneNumberId)));
  if (existing && (existing.workspaceId !== workspace.id || existing.status !== 'disconnected')) throwConnected(existing.workspaceId, workspace.id);
}

function throwConnected(ownerId: string, workspaceId: string): never {
  throw new AppError('CHANNEL_ALREADY_CONNECTED', ownerId === workspaceId ? 'channelAlreadyConnected' : 'channelConnectedElsewhere');
}
