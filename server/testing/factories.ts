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
export async function createUser(db: TDb, workspaceId: string, role: TRole, name?: string) {
  userSeq += 1;
  const [user] = await db
    .insert(s.users)
    .values({ email: `user${userSeq}-${Date.now()}@test.nafidha`, name: name ?? `${role} ${userSeq}`, passwordHash: 'not-a-real-hash' })
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

export async function createChannel(db: TDb, workspaceId: string, type: TChannelType = 'whatsapp') {
  const [channel] = await db
    .insert(s.channels)
    .values({ workspaceId, type, name: `${type} test`, externalId: `${type}-${Math.random().toString(36).slice(2)}` })
    .returning();
  return channel!;
}

/** A WhatsApp Cloud API number whose Graph API is `graphBaseUrl` (the tests' local fake). */
export async function createWhatsAppChannel(
  db: TDb,
  input: { workspaceId: string; phoneNumberId: string; appSecret: string; graphBaseUrl: string; requestTimeoutMs?: number; name?: string },
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
        verifyToken: 'v',
        graphBaseUrl,
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
      previewText: 'Hello',
      previewDirection: 'in',
    })
    .returning();
  return { contact: contact!, conversation: conversation! };
}

/**
 * A tRPC caller acting as a user, exactly as the HTTP handler would build it after reading the session: a session
 * issued at the user's first session version (pass another to act with an older or newer token).
 */
export function callerFor(db: TDb, userId: string | null, workspaceId: string | null = null, sessionVersion = 1) {
  return createCaller({ db, session: userId ? { userId, sessionVersion } : null, requestedWorkspaceId: workspaceId });
}
