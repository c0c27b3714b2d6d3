import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, numberHealth, teams } from '@/db/schema';
import { openWhatsAppConfig, secretHint } from '@/server/channels/whatsapp/config';
import { whatsappWebhookPath } from '@/server/domain/channel-settings';
import { formatPhone } from '@/server/domain/phone';
import { env } from '@/server/env';
import { logger } from '@/server/logger';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * Settings → Channels: every channel of the workspace, disconnected ones included (their history stays). What a
 * WhatsApp number needs for Meta's dashboard (its webhook URL and verify token) is here; its secrets never are:
 * the access token as its last four characters at most, the app secret only as "set".
 */
export async function listChannels(db: TDbOrTx, workspace: TWorkspaceContext) {
  const rows = await db
    .select({
      id: channels.id,
      type: channels.type,
      name: channels.name,
      externalId: channels.externalId,
      status: channels.status,
      statusCode: channels.statusCode,
      defaultTeamId: channels.defaultTeamId,
      config: channels.config,
      createdAt: channels.createdAt,
      displayPhoneNumber: numberHealth.displayPhoneNumber,
      verifiedName: numberHealth.verifiedName,
      qualityRating: numberHealth.qualityRating,
      lastSyncedAt: numberHealth.lastSyncedAt,
    })
    .from(channels)
    .leftJoin(numberHealth, eq(numberHealth.channelId, channels.id))
    .where(eq(channels.workspaceId, workspace.id))
    .orderBy(asc(channels.type), asc(channels.name), asc(channels.id));
  const teamRows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    // The teams a channel may default to: active ones only (archiving a team clears it as a default).
    .where(and(eq(teams.workspaceId, workspace.id), isNull(teams.archivedAt)))
    .orderBy(asc(teams.name));
  return { channels: rows.map(channelView), teams: teamRows, publicBaseUrl: publicBaseUrl() };
}

/** The app's public URL when configured (NEXTAUTH_URL); null: the browser uses the origin it reached the app on. */
export function publicBaseUrl(): string | null {
  return env().NEXTAUTH_URL?.replace(/\/$/, '') ?? null;
}

type TRow = {
  id: string;
  type: (typeof channels.$inferSelect)['type'];
  name: string;
  externalId: string;
  status: (typeof channels.$inferSelect)['status'];
  statusCode: string | null;
  defaultTeamId: string | null;
  config: unknown;
  createdAt: Date;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  lastSyncedAt: Date | null;
};

export function channelView(row: TRow) {
  const { config: stored, ...rest } = row;
  return { ...rest, whatsapp: row.type === 'whatsapp' ? whatsappView(row.id, stored, row.displayPhoneNumber) : null };
}

function whatsappView(channelId: string, stored: unknown, displayDigits: string | null) {
  let config: ReturnType<typeof openWhatsAppConfig> = null;
  try {
    config = openWhatsAppConfig(stored);
  } catch {
    // Sealed under another key: the page still lists the number, and says its secrets need replacing.
    logger.warn({ channelId }, 'listed a channel whose secrets do not open');
  }
  const plain = (stored ?? {}) as Record<string, unknown>;
  return {
    phoneNumberId: typeof plain.phoneNumberId === 'string' ? plain.phoneNumberId : null,
    wabaId: typeof plain.wabaId === 'string' ? plain.wabaId : null,
    displayPhone: displayDigits ? formatPhone(`+${displayDigits}`) : null,
    webhookPath: typeof plain.phoneNumberId === 'string' ? whatsappWebhookPath(plain.phoneNumberId) : null,
    verifyToken: typeof plain.verifyToken === 'string' ? plain.verifyToken : null,
    /** The access token's last four characters ("" when it is too short to show any), or null when none opens. */
    accessTokenHint: config ? secretHint(config.accessToken) : null,
    appSecretSet: !!config?.appSecret,
    secretsReadable: config !== null,
  };
}
