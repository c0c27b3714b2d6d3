import type postgres from 'postgres';
import { send } from '@/db/client';
import type { TInboundMessage, TMessageChange } from '@/server/channels/inbound';
import { logger } from '@/server/logger';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { APPLY_CHANGES } from './statements';

/** What became of a reaction, an edit or a revoke: the message it changed, or null when we do not have it. */
export type TChangeResult = {
  change: TMessageChange['kind'];
  conversationId: string | null;
  messageId: number | null;
  /** False for a replay, a change older than the one stored, or a target we do not have (or not the sender's). */
  applied: boolean;
};

type TChangeRow = { n: number; message_id: string; conversation_id: string; workspace_id: string; assignee_id: string | null; changed: boolean };

const targetKey = (m: TInboundMessage & { change: TMessageChange }) => `${m.channelId}|${m.change.target}`;

/**
 * The batch's changes to other messages, merged per target (the newest reaction, the newest edit, a revoke: a batch
 * holds a few milliseconds of webhooks, so two edits of one message in one batch are all but impossible, and only
 * the newest counts then) and applied by one statement, sent now, after the batch's inserts (an edit may follow its
 * message in the same batch). Resolves to each change's result, in `indexes` order, and the realtime hints.
 */
export function applyChanges(
  q: postgres.Sql,
  batch: TInboundMessage[],
  indexes: number[],
): Promise<{ results: Map<number, TChangeResult>; events: TRealtimeEvent[] }> {
  const groups = new Map<string, number[]>();
  for (const i of indexes) {
    const key = targetKey(batch[i] as TInboundMessage & { change: TMessageChange });
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const members = [...groups.values()];
  const rows = members.map((group, n) => {
    const newest = (kind: TMessageChange['kind']) =>
      group
        .map((i) => batch[i]!)
        .filter((m) => m.change!.kind === kind)
        .reduce<TInboundMessage | null>((a, b) => (a === null || b.sentAt >= a.sentAt ? b : a), null);
    const reaction = newest('reaction');
    const edit = newest('edit');
    const revoke = newest('revoke');
    const first = batch[group[0]!]!;
    return {
      n,
      channel_id: first.channelId,
      external_id: first.externalId,
      bsuid: first.bsuid ?? null,
      target: first.change!.target,
      reacted: reaction !== null,
      emoji: reaction?.change?.kind === 'reaction' ? reaction.change.emoji : null,
      reaction_at: reaction?.sentAt.toISOString() ?? null,
      edit_id: edit?.providerMessageId ?? null,
      edit_body: edit?.change?.kind === 'edit' ? edit.change.body : null,
      edit_at: edit?.sentAt.toISOString() ?? null,
      revoke_at: revoke?.sentAt.toISOString() ?? null,
    };
  });
  return send<TChangeRow>(q, APPLY_CHANGES, [JSON.stringify(rows)]).then((found) => {
    const byGroup = new Map(found.map((row) => [Number(row.n), row]));
    const results = new Map<number, TChangeResult>();
    const events: TRealtimeEvent[] = [];
    members.forEach((group, n) => {
      const row = byGroup.get(n);
      if (!row) {
        // Meta sends reactions to messages older than our history, or to ones another system sent: acknowledged, kept in the log.
        const m = batch[group[0]!]!;
        logger.info({ channelId: m.channelId, providerMessageId: m.providerMessageId, change: m.change }, 'a change to a message we do not have');
      } else if (row.changed) {
        events.push({
          type: 'message.changed',
          workspaceId: row.workspace_id,
          conversationId: row.conversation_id,
          messageId: Number(row.message_id),
          assigneeId: row.assignee_id,
          actorId: null,
        });
      }
      for (const i of group)
        results.set(i, {
          change: batch[i]!.change!.kind,
          conversationId: row?.conversation_id ?? null,
          messageId: row ? Number(row.message_id) : null,
          applied: row?.changed ?? false,
        });
    });
    return { results, events };
  });
}
