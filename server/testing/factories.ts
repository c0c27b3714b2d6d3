import { randomUUID } from 'node:crypto';
import type { TDb } from '@/db/client';
import * as s from '@/db/schema';
import type { TChannelType } from '@/server/domain/channel-types';
import { windowDeadlines } from '@/server/domain/window';
import { createCaller } from '@/server/api/root';
import type { TRole } from '@/server/domain/permissions';

/** Small builders for integration tests: real rows in a real database, nothing mocked. */
export async function createWorkspace(db: TDb, name = 'Acme', settings: Partial<typeof s.workspaceSettings.$inferInsert> = {}) {
  const [workspace] = await db.insert(s.workspaces).values({ name }).returning();
  await db.insert(s.workspaceSettings).values({ workspaceId: workspace!.id, ...settings });
  return workspace!;
}

let userSeq = 0;
/** A member of the workspace. Give a `passwordHash` (and an email) for someone who signs in through the real form. */
export async function createUser(
  db: TDb,
  workspaceId: string,
  role: TRole,
  name?: string,
  options: { email?: string; passwordHash?: string; locale?: 'en' | 'ar' | null } = {},
) {
  userSeq += 1;
  const [user] = await db
    .insert(s.users)
    .values({
      // Unique across processes too: the end-to-end workers seed one database at the same time.
      email: options.email ?? `user${userSeq}-${randomUUID().slice(0, 8)}@test.nafidha`,
      name: name ?? `${role} ${userSeq}`,
      passwordHash: options.passwordHash ?? 'not-a-real-hash',
      locale: options.locale ?? null,
    })
    .returning();
  await db.insert(s.memberships).values({ workspaceId, userId: user!.id, role });
  return user!;
}

export async function addToTeam(db: TDb, workspaceId: string, userId: string, name: string) {
  const [team] = await db.insert(s.teams).values({ workspaceId, name }).onConflictDoNothing().returning();
  const teamId =
    team?.id ?? (await db.query.teams.findFirst({ where: (t, { and, eq }) => and(eq(t.workspaceId, workspaceId), eq(t.name, name)) }))!.id;
  await db.insert(s.teamMembers).values({ workspaceId, teamId, userId }).onConflictDoNothing();
  return teamId;
}

export async function createChannel(
  db: TDb,
  workspaceId: string,
  type: TChannelType = 'whatsapp',
  options: { name?: string; externalId?: string; config?: Record<string, unknown> } = {},
) {
  const [channel] = await db
    .insert(s.channels)
    .values({
      workspaceId,
      type,
      name: options.name ?? `${type} test`,
      externalId: options.externalId ?? `${type}-${Math.random().toString(36).slice(2)}`,
      ...(options.config ? { config: options.config } : {}),
    })
    .returning();
  return channel!;
}

/** A WhatsApp Cloud API number whose Graph API is `graphBaseUrl` (the tests' local fake). */
export async function createWhatsAppChannel(
  db: TDb,
  input: {
    workspaceId: string;
    phoneNumberId: string;
    appSecret: string;
    /** Unset: the app's own Graph API fake (for tests that never send). */
    graphBaseUrl?: string;
    requestTimeoutMs?: number;
    name?: string;
    verifyToken?: string;
  },
) {
  const { workspaceId, phoneNumberId, appSecret, graphBaseUrl, requestTimeoutMs } = input;
  const [channel] = await db
    .insert(s.channels)
    .values({
      workspaceId,
      type: 'whatsapp',
      name: input.name ?? `WA ${phoneNumberId}`,
      externalId: phoneNumberId,
      config: {
        phoneNumberId,
        accessToken: 'token',
        appSecret,
        verifyToken: input.verifyToken ?? 'v',
        ...(graphBaseUrl ? { graphBaseUrl } : {}),
        ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
      },
    })
    .returning();
  return channel!;
}

let phoneSeq = 100000;
export async function createConversation(
  db: TDb,
  input: {
    workspaceId: string;
    channel: { id: string; type: TChannelType };
    status?: 'open' | 'closed';
    assigneeId?: string | null;
    teamId?: string | null;
    lastMessageAt?: Date;
    lastInboundAt?: Date | null;
    firstName?: string;
    lastName?: string;
    phone?: string;
    email?: string | null;
    tags?: string[];
    waitingSince?: Date | null;
    /** The customer's address on the channel: with it, their next message (webhook, simulator) finds this conversation. */
    externalId?: string;
    previewText?: string;
    unreadCount?: number;
    closedAt?: Date | null;
  },
) {
  phoneSeq += 1;
  const [contact] = await db
    .insert(s.contacts)
    .values({
      workspaceId: input.workspaceId,
      firstName: input.firstName ?? 'Test',
      lastName: input.lastName ?? `Customer ${phoneSeq}`,
      phone: input.phone ?? `+9665000${phoneSeq}`,
      email: input.email ?? null,
      tags: input.tags ?? [],
    })
    .returning();
  const lastInboundAt = input.lastInboundAt === undefined ? (input.lastMessageAt ?? new Date()) : input.lastInboundAt;
  const [conversation] = await db
    .insert(s.conversations)
    .values({
      workspaceId: input.workspaceId,
      contactId: contact!.id,
      channelId: input.channel.id,
      channelType: input.channel.type,
      status: input.status ?? 'open',
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      lastMessageAt: input.lastMessageAt ?? new Date(),
      lastInboundAt,
      waitingSince: input.waitingSince ?? null,
      ...windowDeadlines(input.channel.type, lastInboundAt),
      previewText: input.previewText ?? 'Hello',
      previewDirection: 'in',
      unreadCount: input.unreadCount ?? 0,
      closedAt: input.closedAt ?? null,
    })
    .returning();
  if (input.externalId) {
    await db.insert(s.contactIdentities).values({
      workspaceId: input.workspaceId,
      contactId: contact!.id,
      channelId: input.channel.id,
      externalId: input.externalId,
      profileName: `${contact!.firstName} ${contact!.lastName}`,
    });
  }
  return { contact: contact!, conversation: conversation! };
}

/** A message in a conversation's history (a customer's, an agent's, or a note), at the time given. */
export async function createMessage(
  db: TDb,
  conversation: { id: string; workspaceId: string; channelId: string },
  input: { direction: 'in' | 'out' | 'note'; body: string; at: Date; authorId?: string | null; status?: 'sent' | 'delivered' | 'read' },
) {
  const [message] = await db
    .insert(s.messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      direction: input.direction,
      kind: 'text',
      body: input.body,
      authorId: input.authorId ?? null,
      status: input.direction === 'out' ? (input.status ?? 'read') : null,
      sentAt: input.at,
      createdAt: input.at,
      ...(input.direction === 'in' ? { providerMessageId: `seeded.${randomUUID()}` } : {}),
    })
    .returning();
  return message!;
}

/** A WhatsApp template as a template sync stores it. */
export async function createTemplate(
  db: TDb,
  input: {
    workspaceId: string;
    channelId: string;
    name: string;
    language: string;
    category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
    status?: string;
    parameterFormat?: 'POSITIONAL' | 'NAMED';
    components: Record<string, unknown>[];
    providerTemplateId?: string;
    rejectedReason?: string | null;
  },
) {
  const status = input.status ?? 'APPROVED';
  const [template] = await db
    .insert(s.templates)
    .values({
      workspaceId: input.workspaceId,
      channelId: input.channelId,
      providerTemplateId: input.providerTemplateId ?? null,
      name: input.name,
      language: input.language,
      category: input.category,
      status,
      parameterFormat: input.parameterFormat ?? 'POSITIONAL',
      components: input.components,
      rejectedReason: input.rejectedReason ?? null,
      quality: status === 'APPROVED' ? 'GREEN' : null,
      syncedAt: new Date(),
    })
    .returning();
  return template!;
}

/** What the number page shows for a WhatsApp number: its last known health (as a sync stores it). */
export async function createNumberHealth(
  db: TDb,
  input: {
    workspaceId: string;
    channelId: string;
    displayPhoneNumber: string;
    verifiedName?: string;
    qualityRating: string;
    status: string;
    tier: string;
    limit: number | null;
  },
) {
  await db.insert(s.numberHealth).values({
    workspaceId: input.workspaceId,
    channelId: input.channelId,
    displayPhoneNumber: input.displayPhoneNumber,
    verifiedName: input.verifiedName ?? null,
    qualityRating: input.qualityRating,
    status: input.status,
    nameStatus: 'APPROVED',
    messagingLimitTier: input.tier,
    messagingLimit: input.limit,
    throughputLevel: 'STANDARD',
    lastSyncedAt: new Date(),
  });
}

/**
 * A tRPC caller acting as a user, exactly as the HTTP handler would build it after reading the session: a session
 * issued at the user's first session version (pass another to act with an older or newer token).
 */
export function callerFor(db: TDb, userId: string | null, workspaceId: string | null = null, sessionVersion = 1) {
  return createCaller({ db, session: userId ? { userId, sessionVersion } : null, requestedWorkspaceId: workspaceId });
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * A customer waiting for an answer whose 24-hour window closes `closesInMs` from now (negative: lapsed already): their
 * last message is the newest activity, unanswered. For the closing-soon alerts and view.
 */
export function createWaitingConversation(
  db: TDb,
  input: Parameters<typeof createConversation>[1] & { closesInMs: number },
) {
  const { closesInMs, ...rest } = input;
  const at = new Date(Date.now() - DAY_MS + closesInMs);
  return createConversation(db, { lastMessageAt: at, lastInboundAt: at, waitingSince: at, ...rest });
}
