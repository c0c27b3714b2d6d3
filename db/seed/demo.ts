import { eq } from 'drizzle-orm';
import { connect, type TDb } from '@/db/client';
import * as s from '@/db/schema';
import { sealWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { windowDeadlines } from '@/server/domain/window';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { DEMO_CHANNELS } from './demo-channels';
import { seedBusinessInitiatedSends, seedNumberHealth } from './demo-numbers';
import { DEMO_TEMPLATES, demoTemplateId } from './demo-templates';
import { DEMO_SAVED_REPLIES } from './demo-saved-replies';
import * as text from './demo-texts';
import { DEMO_PASSWORD, DEMO_USERS, type TDemoUserKey } from './demo-users';
import { createRandom } from './random';

import { buildHistory, type TMessageRow } from './demo-history';
import { fromAd } from './demo-referral';
import {
  DAY,
  externalIdFor,
  generatedContact,
  generatedPlan,
  GENERATED_CONTACTS,
  HOUR,
  pickChannelKey,
  STORIES,
  type TConversationPlan,
} from './demo-plans';

/** Loads the demo workspace, but only into a database that holds no users or workspaces yet. */
export async function seedDemoIfEmpty(url: string): Promise<{ seeded: boolean }> {
  const { db, sql } = connect(url, { max: 2 });
  try {
    const [row] = await sql<{ used: boolean }[]>`select exists(select 1 from users) or exists(select 1 from workspaces) as used`;
    if (row?.used) return { seeded: false };
    await seedDemo(db, new Date());
    return { seeded: true };
  } finally {
    await sql.end();
  }
}

export async function seedDemo(db: TDb, now: Date): Promise<void> {
  const random = createRandom(20261121);
  const at = (ago: number) => new Date(now.getTime() - ago);

  await db.transaction(async (tx) => {
    const [workspace] = await tx.insert(s.workspaces).values({ name: 'Demo' }).returning();
    const workspaceId = workspace!.id;
    await tx.insert(s.workspaceSettings).values({
      workspaceId,
      defaultCountry: 'SA',
      arabicIndicDigits: true,
      closingCategories: ['Resolved', 'No response', 'Sale completed', 'Spam'],
    });

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const userRows = await tx
      .insert(s.users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, locale: u.locale })))
      .returning({ id: s.users.id, email: s.users.email });
    const userId = Object.fromEntries(DEMO_USERS.map((u) => [u.key, userRows.find((r) => r.email === u.email)!.id])) as Record<
      TDemoUserKey,
      string
    >;
    await tx.insert(s.memberships).values(DEMO_USERS.map((u) => ({ workspaceId, userId: userId[u.key], role: u.role })));

    const teamRows = await tx
      .insert(s.teams)
      .values([
        { workspaceId, name: 'Support' },
        { workspaceId, name: 'Sales' },
      ])
      .returning();
    const teamId = { Support: teamRows.find((t) => t.name === 'Support')!.id, Sales: teamRows.find((t) => t.name === 'Sales')!.id };
    await tx.insert(s.teamMembers).values([
      { workspaceId, teamId: teamId.Support, userId: userId.agent1 },
      { workspaceId, teamId: teamId.Support, userId: userId.agent2 },
      { workspaceId, teamId: teamId.Support, userId: userId.supervisor },
      { workspaceId, teamId: teamId.Sales, userId: userId.agent2 },
      { workspaceId, teamId: teamId.Sales, userId: userId.agent3 },
      { workspaceId, teamId: teamId.Sales, userId: userId.supervisor },
    ]);

    const channelRows = await tx
      .insert(s.channels)
      .values(DEMO_CHANNELS.map((c) => ({ workspaceId, type: c.type, name: c.name, externalId: c.externalId, config: c.type === 'whatsapp' ? sealWhatsAppConfig(c.config) : c.config })))
      .returning({ id: s.channels.id, externalId: s.channels.externalId });
    const channelByKey = new Map(
      DEMO_CHANNELS.map((c) => [c.key, { ...c, id: channelRows.find((r) => r.externalId === c.externalId)!.id }]),
    );
    const whatsappChannels = DEMO_CHANNELS.filter((c) => c.type === 'whatsapp').map((c) => channelByKey.get(c.key)!);

    await seedNumberHealth(tx, workspaceId, whatsappChannels, at);
    await tx.insert(s.savedReplies).values(DEMO_SAVED_REPLIES.map((r) => ({ workspaceId, ...r, createdBy: userId.supervisor })));
    await tx.insert(s.templates).values(
      whatsappChannels.flatMap((channel) =>
        DEMO_TEMPLATES.map((t, i) => ({
          workspaceId,
          channelId: channel.id,
          providerTemplateId: demoTemplateId(i),
          name: t.name,
          language: t.language,
          category: t.category,
          status: t.status,
          parameterFormat: t.parameterFormat,
          components: t.components,
          rejectedReason: t.rejectedReason ?? null,
          quality: t.status === 'APPROVED' ? 'GREEN' : null,
          syncedAt: at(2 * HOUR),
        })),
      ),
    );

    // Contacts: the stories first, then generated Arabic and English customers.
    const contactSpecs = [
      ...STORIES.map((story) => ({ ...story, email: story.email ?? null, tags: story.tags ?? [] })),
      ...Array.from({ length: GENERATED_CONTACTS }, () => generatedContact(random)),
    ];
    const contactRows = await tx
      .insert(s.contacts)
      .values(
        contactSpecs.map((c) => ({
          workspaceId,
          firstName: c.firstName,
          lastName: c.lastName,
          phone: c.phone,
          email: c.email,
          tags: c.tags,
          fields: random.chance(0.3) ? { company: random.pick(text.COMPANIES) } : {},
          createdAt: at(random.int(30, 400) * DAY),
        })),
      )
      .returning({ id: s.contacts.id, phone: s.contacts.phone });
    const contactIdByPhone = new Map(contactRows.map((r) => [r.phone!, r.id]));

    const plans: TConversationPlan[] = [];
    for (const story of STORIES) {
      plans.push({ ...story, contactId: contactIdByPhone.get(story.phone)!, channel: channelByKey.get(story.channel)! });
    }
    for (const spec of contactSpecs.slice(STORIES.length)) {
      const contactId = contactIdByPhone.get(spec.phone)!;
      const channelKeys = [pickChannelKey(random)];
      if (random.chance(0.12)) channelKeys.push(pickChannelKey(random));
      for (const key of new Set(channelKeys)) plans.push(generatedPlan(random, spec, contactId, channelByKey.get(key)!));
    }

    const identities = plans.map((plan) => ({
      workspaceId,
      contactId: plan.contactId,
      channelId: plan.channel.id,
      externalId: externalIdFor(plan.channel.type, plan.phone, plan.contactId),
      profileName: `${plan.firstName} ${plan.lastName}`,
    }));
    await tx.insert(s.contactIdentities).values(identities);

    const conversationRows = await tx
      .insert(s.conversations)
      .values(
        plans.map((plan) => ({
          workspaceId,
          contactId: plan.contactId,
          channelId: plan.channel.id,
          channelType: plan.channel.type,
          status: plan.status,
          assigneeId: plan.assignee ? userId[plan.assignee] : null,
          teamId: plan.team ? teamId[plan.team] : null,
          createdAt: at(plan.lastInboundAgo + 30 * DAY),
        })),
      )
      .returning({ id: s.conversations.id, contactId: s.conversations.contactId, channelId: s.conversations.channelId });

    const messageRows: TMessageRow[] = [];
    const eventRows: (typeof s.conversationEvents.$inferInsert)[] = [];
    const agentIds = [userId.agent1, userId.agent2, userId.agent3, userId.supervisor];
    const summaries = plans.map((plan, index) => {
      const conversationId = conversationRows[index]!.id;
      const history = buildHistory(random, plan, now, agentIds, plan.assignee ? userId[plan.assignee] : null);
      const referral = plan.fromAd ? fromAd(plan.fromAd, history) : {};
      for (const m of history) messageRows.push({ ...m, workspaceId, conversationId, channelId: plan.channel.id });
      const assignedAt = history[0]!.createdAt!;
      if (plan.assignee) {
        eventRows.push({
          workspaceId,
          conversationId,
          type: 'assigned',
          actorId: userId.supervisor,
          assigneeId: userId[plan.assignee],
          createdAt: assignedAt,
        });
      }
      if (plan.status === 'closed') {
        eventRows.push({
          workspaceId,
          conversationId,
          type: 'closed',
          actorId: plan.assignee ? userId[plan.assignee] : userId.supervisor,
          details: { category: 'Resolved' },
          createdAt: history.at(-1)!.createdAt,
        });
      }
      return { conversationId, plan, history, referral };
    });

    for (let i = 0; i < messageRows.length; i += 1000) await tx.insert(s.messages).values(messageRows.slice(i, i + 1000));
    for (let i = 0; i < eventRows.length; i += 1000) await tx.insert(s.conversationEvents).values(eventRows.slice(i, i + 1000));

    // The list's denormalized fields, computed from each history exactly as the services keep them.
    for (const { conversationId, plan, history, referral } of summaries) {
      const visible = history.filter((m) => m.direction === 'in' || m.direction === 'out');
      const last = visible.at(-1)!;
      const lastInbound = [...visible].reverse().find((m) => m.direction === 'in');
      const lastOutboundIndex = visible.map((m) => m.direction).lastIndexOf('out');
      const unanswered = visible.slice(lastOutboundIndex + 1).filter((m) => m.direction === 'in');
      const lastInboundAt = lastInbound?.sentAt ?? null;
      await tx
        .update(s.conversations)
        .set({
          lastMessageAt: last.createdAt!,
          lastInboundAt,
          waitingSince: plan.status === 'open' && unanswered.length > 0 ? unanswered[0]!.sentAt! : null,
          ...windowDeadlines(plan.channel.type, lastInboundAt),
          previewText: last.body ?? `[${last.kind}]`,
          previewDirection: last.direction,
          unreadCount: plan.status === 'open' ? unanswered.length : 0,
          closedAt: plan.status === 'closed' ? last.createdAt! : null,
          updatedAt: last.createdAt!,
          ...referral,
        })
        .where(eq(s.conversations.id, conversationId));
    }

    await seedBusinessInitiatedSends(
      tx,
      workspaceId,
      whatsappChannels,
      contactRows.map((c) => c.id),
      random,
      at,
    );
  });
}
