import type postgres from 'postgres';
import { send } from '@/db/client';
import type { TInboundMessage } from '@/server/channels/inbound';
import { MEDIA_DOWNLOAD_QUEUE } from '@/server/services/media/queue';

/**
 * The files of a batch's new media messages: one pending message_media row each (found by channel and provider id,
 * inserted earlier in the same transaction) and its download job, in one statement pipelined before the COMMIT. The
 * job row is pg-boss's own (pgboss.job, with the queue's retry policy, as pg-boss's insert does), so it exists
 * exactly when the message does, and the webhook's 200 never waits for a download. Without the queue (a database on
 * which pg-boss never ran, as in tests that call the download themselves) no job is written and the row stays pending.
 * A message without a usable media id is unavailable at once.
 */
const INSERT_MEDIA = `
  with x as (
    select * from json_to_recordset($1::json) as x(channel_id uuid, provider_message_id text, provider_media_id text,
      mime_type text, sha256 text, file_name text, voice boolean, animated boolean)
  ), rows as (
    insert into message_media (message_id, workspace_id, provider_media_id, mime_type, sha256, file_name, voice, animated,
      state, unavailable_reason)
    select m.id, m.workspace_id, x.provider_media_id, x.mime_type, x.sha256, x.file_name, x.voice, x.animated,
      case when x.provider_media_id is null then 'unavailable' else 'pending' end::media_state,
      case when x.provider_media_id is null then 'expired' end::media_unavailable_reason
    from x join messages m on m.channel_id = x.channel_id and m.provider_message_id = x.provider_message_id
    on conflict (message_id) do nothing
    returning message_id, state
  )
  insert into pgboss.job (name, data, retry_limit, retry_delay, retry_backoff, expire_in, keep_until, policy)
  select q.name, json_build_object('messageId', r.message_id)::jsonb, coalesce(q.retry_limit, 2), coalesce(q.retry_delay, 0),
    coalesce(q.retry_backoff, false),
    coalesce(q.expire_seconds, 900) * interval '1s', now() + coalesce(q.retention_minutes, 20160) * interval '1 minute', q.policy
  from rows r cross join pgboss.queue q
  where q.name = '${MEDIA_DOWNLOAD_QUEUE}' and r.state = 'pending'`;

export function insertMedia(q: postgres.Sql, batch: TInboundMessage[], fresh: number[]): Promise<unknown> | null {
  const rows = fresh.flatMap((i) => {
    const m = batch[i]!;
    if (!m.media) return [];
    return [
      {
        channel_id: m.channelId,
        provider_message_id: m.providerMessageId,
        provider_media_id: m.media.providerMediaId,
        mime_type: m.media.mimeType,
        sha256: m.media.sha256,
        file_name: m.media.fileName,
        voice: m.media.voice,
        animated: m.media.animated,
      },
    ];
  });
  return rows.length ? send(q, INSERT_MEDIA, [JSON.stringify(rows)]) : null;
}
