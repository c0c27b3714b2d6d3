import type * as s from '@/db/schema';
import { hasWindow } from '@/server/domain/window';
import { DAY, HOUR, MINUTE, type TConversationPlan } from './demo-plans';
import * as text from './demo-texts';
import type { TRandom } from './random';

export type TMessageRow = typeof s.messages.$inferInsert;

export function buildHistory(
  random: TRandom,
  plan: TConversationPlan,
  now: Date,
  agentIds: string[],
  assigneeId: string | null,
): TMessageRow[] {
  const lastInbound = now.getTime() - plan.lastInboundAgo;
  const exchanges = random.int(1, 5);
  let t = lastInbound - exchanges * random.int(20, 240) * MINUTE - random.int(0, 2) * DAY;
  const author = assigneeId ?? random.pick(agentIds);
  const inbound = plan.arabic ? text.ARABIC_INBOUND : text.ENGLISH_INBOUND;
  const outbound = plan.arabic ? text.ARABIC_OUTBOUND : text.ENGLISH_OUTBOUND;
  const rows: TMessageRow[] = [];
  const push = (row: Omit<TMessageRow, 'workspaceId' | 'conversationId' | 'channelId'>) => rows.push(row as TMessageRow);
  let providerSeq = 0;
  const providerId = () => `seed.${plan.contactId.slice(0, 8)}.${plan.channel.key}.${providerSeq++}`;

  for (let i = 0; i < exchanges; i++) {
    const sentAt = new Date(Math.min(t, lastInbound));
    push({
      direction: 'in',
      kind: 'text',
      body: random.pick(inbound),
      sentAt,
      createdAt: new Date(sentAt.getTime() + 900),
      providerMessageId: providerId(),
    });
    t = sentAt.getTime() + random.int(2, 40) * MINUTE;
    // Earlier exchanges stay before the customer's final message (which fixes the window), never after it.
    if (i < exchanges - 1 && t >= lastInbound - MINUTE) break;
    if (i === 1 && i < exchanges - 1 && random.chance(0.15)) {
      push({ direction: 'note', kind: 'text', body: random.pick(text.NOTES), authorId: author, createdAt: new Date(t) });
      t += MINUTE;
    }
    if (i < exchanges - 1) {
      push({
        direction: 'out',
        kind: 'text',
        body: random.pick(outbound),
        authorId: author,
        status: random.pick(['delivered', 'read', 'read'] as const),
        createdAt: new Date(t),
        providerMessageId: providerId(),
        sentAt: new Date(t),
      });
      t += random.int(10, 300) * MINUTE;
    }
  }
  // The customer's final message lands exactly at the planned time, which fixes the window.
  const final = rows.filter((m) => m.direction === 'in').at(-1)!;
  final.sentAt = new Date(lastInbound);
  final.createdAt = new Date(lastInbound + 900);

  // Often an agent has already answered the last message; closed conversations always were.
  const replyAt = lastInbound + random.int(1, 50) * MINUTE;
  if ((plan.status === 'closed' || random.chance(0.45)) && replyAt < now.getTime()) {
    const failed = random.chance(0.04);
    push({
      direction: 'out',
      kind: 'text',
      body: random.pick(outbound),
      authorId: author,
      status: failed ? 'failed' : random.pick(['sent', 'delivered', 'read', 'read'] as const),
      errorCode: failed ? '131026' : null,
      errorReason: failed ? 'Message undeliverable: the number may not be on WhatsApp.' : null,
      failureKind: failed ? 'permanent' : null,
      createdAt: new Date(replyAt),
      sentAt: new Date(replyAt),
      providerMessageId: providerId(),
    });
  }
  if (hasWindow(plan.channel.type) && plan.channel.type === 'whatsapp' && plan.lastInboundAgo > 2 * DAY && random.chance(0.3)) {
    const templateAt = now.getTime() - random.int(1, 20) * HOUR;
    if (templateAt > replyAt) {
      push({
        direction: 'out',
        kind: 'template',
        body: plan.arabic
          ? 'أهلاً، نتابع معك طلبك. ردّ على هذه الرسالة لمتابعة المحادثة.'
          : 'Hi! We are here if you still need help with your request. Just reply to this message.',
        templateName: plan.arabic ? 'follow_up' : 'still_there',
        templateLanguage: plan.arabic ? 'ar' : 'en',
        authorId: author,
        status: 'delivered',
        createdAt: new Date(templateAt),
        sentAt: new Date(templateAt),
        providerMessageId: providerId(),
      });
    }
  }
  return rows.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
}
