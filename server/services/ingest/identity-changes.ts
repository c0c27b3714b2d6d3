import type postgres from 'postgres';
import { send } from '@/db/client';
import type { TInboundMessage } from '@/server/channels/inbound';
import { logger } from '@/server/logger';

type TMoved = { contact_id: string; channel_id: string; moved: boolean };

/**
 * The sender's identity on the channel takes the new keys; the contact's phone follows a new number unless an agent
 * had set another one. Nothing moves when another identity of the channel already holds a new key (the customer
 * wrote from the new number before the notice arrived): two identities are never merged behind anyone's back, and
 * the notice stays in the timeline either way.
 */
const APPLY_IDENTITY_CHANGES = `
  with x as (
    select * from json_to_recordset($1::json) as x(channel_id uuid, contact_id uuid, external_id text, bsuid text, old_phone text)),
  moved as (
    update contact_identities i
    set external_id = coalesce(x.external_id, i.external_id), bsuid = coalesce(x.bsuid, i.bsuid)
    from x
    where i.channel_id = x.channel_id and i.contact_id = x.contact_id
      and not exists (
        select 1 from contact_identities j
        where j.channel_id = x.channel_id and j.id <> i.id and (j.external_id = x.external_id or j.bsuid = x.bsuid))
    returning i.contact_id, i.channel_id, x.external_id, x.old_phone),
  phoned as (
    update contacts c set phone = '+' || m.external_id, updated_at = now(), version = c.version + 1
    from moved m
    where c.id = m.contact_id and m.external_id is not null and (c.phone is null or c.phone = m.old_phone)
    returning c.id)
  select x.contact_id, x.channel_id,
    exists (select 1 from moved m where m.contact_id = x.contact_id and m.channel_id = x.channel_id) as moved
  from x`;

/**
 * Applies the identity changes among a batch's new messages (sent now, pipelined before the commit). `contactOf`
 * gives the contact each message was stored for.
 */
export function applyIdentityChanges(q: postgres.Sql, batch: TInboundMessage[], indexes: number[], contactOf: (i: number) => string) {
  const rows = indexes.flatMap((i) => {
    const m = batch[i]!;
    if (!m.identity) return [];
    return [
      {
        channel_id: m.channelId,
        contact_id: contactOf(i),
        external_id: m.identity.externalId,
        bsuid: m.identity.bsuid,
        old_phone: m.phone ?? null,
      },
    ];
  });
  if (rows.length === 0) return null;
  return send<TMoved>(q, APPLY_IDENTITY_CHANGES, [JSON.stringify(rows)]).then((result) => {
    for (const row of result)
      if (!row.moved)
        logger.warn(
          { contactId: row.contact_id, channelId: row.channel_id },
          'an identity change names keys another customer holds: left as it was',
        );
    return result;
  });
}
