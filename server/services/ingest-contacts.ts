import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { send } from '@/db/client';
import { AppError } from '@/server/errors';
import type { TInboundMessage } from './ingest';

type TIdentity = { id: string | null; contactId: string; channelId: string; externalId: string | null; bsuid: string | null };
type TIdentityRow = { id: string; contact_id: string; channel_id: string; external_id: string | null; bsuid: string | null };
type TKey = { channel_id: string; external_id: string | null; bsuid: string | null };

// Every channel of the batch in one statement; each key through its own index (OFFSET 0 keeps the planner from
// flattening the lateral subquery into a join it could hash). A key may find the same identity by both of its ids.
const FIND_IDENTITIES = `
  select distinct i.id, i.contact_id, i.channel_id, i.external_id, i.bsuid
  from json_to_recordset($1::json) as k(channel_id uuid, external_id text, bsuid text)
  cross join lateral (
    select id, contact_id, channel_id, external_id, bsuid from contact_identities i
    where i.channel_id = k.channel_id and (i.external_id = k.external_id or i.bsuid = k.bsuid) offset 0) i`;

const LEARN_IDENTITIES = `
  update contact_identities i set bsuid = x.bsuid, external_id = x.external_id
  from json_to_recordset($1::json) as x(id uuid, external_id text, bsuid text) where i.id = x.id`;

const CREATE_CONTACTS = `
  insert into contacts (id, workspace_id, first_name, last_name, phone)
  select x.id, x.workspace_id, x.first_name, x.last_name, x.phone
  from json_to_recordset($1::json) as x(id uuid, workspace_id uuid, first_name text, last_name text, phone text)`;

const CLAIM_IDENTITIES = `
  insert into contact_identities (workspace_id, contact_id, channel_id, external_id, bsuid, profile_name)
  select x.workspace_id, x.contact_id, x.channel_id, x.external_id, x.bsuid, x.profile_name
  from json_to_recordset($1::json) as x(workspace_id uuid, contact_id uuid, channel_id uuid, external_id text, bsuid text,
    profile_name text, n int)
  order by x.n
  on conflict do nothing
  returning contact_id`;

const DROP_CONTACTS = `delete from contacts where id = any(array(select json_array_elements_text($1::json)::uuid))`;

export const identityKeys = (batch: TInboundMessage[]): TKey[] =>
  batch.map((m) => ({ channel_id: m.channelId, external_id: m.externalId || null, bsuid: m.bsuid || null }));

/** The identities behind a batch's senders, sent now (the caller pipelines it with its own first statements). */
export function findIdentities(q: postgres.Sql, keys: TKey[]): Promise<TIdentityRow[]> {
  const distinct = [...new Map(keys.map((k) => [`${k.channel_id}|${k.external_id}|${k.bsuid}`, k])).values()];
  return send<TIdentityRow>(q, FIND_IDENTITIES, [JSON.stringify(distinct)]);
}

const toIdentity = (r: TIdentityRow): TIdentity => ({
  id: r.id,
  contactId: r.contact_id,
  channelId: r.channel_id,
  externalId: r.external_id,
  bsuid: r.bsuid,
});

/**
 * The customer behind each message. WhatsApp users are known by phone id (wa_id), by BSUID, or both, and a customer
 * first seen by one may later arrive with both: either key finds them (BSUID first), and a newly learnt key is
 * recorded. New customers are created together; one created by a concurrent transaction at the same moment wins.
 */
export async function resolveContacts(
  q: postgres.Sql,
  batch: TInboundMessage[],
  channelOf: Map<string, { workspaceId: string }>,
  found: TIdentityRow[],
): Promise<string[]> {
  const keys = identityKeys(batch);
  const identities = found.map(toIdentity);
  const find = (channelId: string, bsuid: string | null, externalId: string | null) =>
    (bsuid && identities.find((x) => x.channelId === channelId && x.bsuid === bsuid)) ||
    (externalId && identities.find((x) => x.channelId === channelId && x.externalId === externalId)) ||
    undefined;

  const created: (TIdentity & { workspaceId: string; profileName: string | null; phone: string | null })[] = [];
  const learnt = new Set<TIdentity>();
  const contactIds = batch.map((m, i) => {
    const { bsuid, external_id: externalId } = keys[i]!;
    const identity = find(m.channelId, bsuid, externalId);
    if (!identity) {
      const fresh = {
        id: null,
        contactId: randomUUID(),
        channelId: m.channelId,
        externalId,
        bsuid,
        workspaceId: channelOf.get(m.channelId)!.workspaceId,
        profileName: m.profileName ?? null,
        phone: m.phone ?? null,
      };
      created.push(fresh);
      identities.push(fresh);
      return fresh.contactId;
    }
    if ((bsuid && !identity.bsuid) || (externalId && !identity.externalId)) {
      identity.bsuid ??= bsuid;
      identity.externalId ??= externalId;
      if (identity.id) learnt.add(identity);
    }
    return identity.contactId;
  });

  const writes: Promise<unknown>[] = [];
  if (learnt.size > 0) {
    const rows = [...learnt].map((i) => ({ id: i.id, external_id: i.externalId, bsuid: i.bsuid }));
    writes.push(send(q, LEARN_IDENTITIES, [JSON.stringify(rows)]));
  }
  if (created.length === 0) {
    await Promise.all(writes);
    return contactIds;
  }

  // Sorted by key, so two transactions creating the same customers wait for each other instead of deadlocking.
  created.sort((a, b) => (`${a.channelId}|${a.bsuid}|${a.externalId}` < `${b.channelId}|${b.bsuid}|${b.externalId}` ? -1 : 1));
  const contactRows = created.map((c) => {
    const [first, ...rest] = (c.profileName ?? '').trim().split(/\s+/);
    return { id: c.contactId, workspace_id: c.workspaceId, first_name: first || null, last_name: rest.join(' ') || null, phone: c.phone };
  });
  const identityRows = created.map((c, n) => ({
    n,
    workspace_id: c.workspaceId,
    contact_id: c.contactId,
    channel_id: c.channelId,
    external_id: c.externalId,
    bsuid: c.bsuid,
    profile_name: c.profileName,
  }));
  writes.push(send(q, CREATE_CONTACTS, [JSON.stringify(contactRows)]));
  const claiming = send<{ contact_id: string }>(q, CLAIM_IDENTITIES, [JSON.stringify(identityRows)]);
  const [claimed] = await Promise.all([claiming, ...writes]);
  if (claimed.length === created.length) return contactIds;

  // Another transaction created some of these customers at the same moment: use theirs, drop ours.
  const ours = new Set(claimed.map((c) => c.contact_id));
  const lost = created.filter((c) => !ours.has(c.contactId));
  const [, winnerRows] = await Promise.all([
    send(q, DROP_CONTACTS, [JSON.stringify(lost.map((c) => c.contactId))]),
    findIdentities(
      q,
      lost.map((c) => ({ channel_id: c.channelId, external_id: c.externalId, bsuid: c.bsuid })),
    ),
  ]);
  const winners = winnerRows.map(toIdentity);
  const replacement = new Map(
    lost.map((c) => {
      const winner =
        (c.bsuid && winners.find((w) => w.channelId === c.channelId && w.bsuid === c.bsuid)) ||
        winners.find((w) => w.channelId === c.channelId && w.externalId === c.externalId);
      if (!winner) throw new AppError('CONFLICT');
      return [c.contactId, winner.contactId];
    }),
  );
  return contactIds.map((id) => replacement.get(id) ?? id);
}
