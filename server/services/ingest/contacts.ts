import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { send } from '@/db/client';
import { AppError } from '@/server/errors';
import type { TInboundMessage } from '@/server/channels/inbound';

type TIdentity = { id: string | null; contactId: string; channelId: string; externalId: string | null; bsuid: string | null };
export type TIdentityRow = { id: string; contact_id: string; channel_id: string; external_id: string | null; bsuid: string | null };
type TKey = { channel_id: string; external_id: string | null; bsuid: string | null };
type TNewContact = TIdentity & { workspaceId: string; profileName: string | null; phone: string | null; username: string | null };
type TUsername = { channel_id: string; external_id: string | null; bsuid: string | null; username: string };

/**
 * Who each message is from, as far as the database knew, and what must be written for the rest (new customers, keys
 * learnt, and the WhatsApp usernames known customers arrived with).
 */
export type TContactPlan = { contactIds: string[]; created: TNewContact[]; learnt: TIdentity[]; usernames: TUsername[] };

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
  insert into contact_identities (workspace_id, contact_id, channel_id, external_id, bsuid, profile_name, username)
  select x.workspace_id, x.contact_id, x.channel_id, x.external_id, x.bsuid, x.profile_name, x.username
  from json_to_recordset($1::json) as x(workspace_id uuid, contact_id uuid, channel_id uuid, external_id text, bsuid text,
    profile_name text, username text, n int)
  order by x.n
  on conflict do nothing
  returning contact_id`;

// A known customer's username, adopted or changed since: written only when it differs (each key through its index).
const SET_USERNAMES = `
  update contact_identities i set username = x.username
  from json_to_recordset($1::json) as x(channel_id uuid, external_id text, bsuid text, username text)
  where i.channel_id = x.channel_id and (i.bsuid = x.bsuid or i.external_id = x.external_id)
    and i.username is distinct from x.username`;

// Cascades to anything made for them in the same transaction (their conversations).
const DROP_CONTACTS = `delete from contacts where id = any(array(select json_array_elements_text($1::json)::uuid))`;

/** The senders' keys, one per message. */
export const identityKeys = (batch: TInboundMessage[]): TKey[] =>
  batch.map((m) => ({ channel_id: m.channelId, external_id: m.externalId || null, bsuid: m.bsuid || null }));

/** The distinct keys of a batch as the JSON parameter of FIND_IDENTITIES (and of statements shaped like it). */
export const distinctKeys = (keys: TKey[]) =>
  JSON.stringify([...new Map(keys.map((k) => [`${k.channel_id}|${k.external_id}|${k.bsuid}`, k])).values()]);

/** The identities behind a batch's senders (distinctKeys), sent now (the caller pipelines it with its own statements). */
export function findIdentities(q: postgres.Sql, senders: string): Promise<TIdentityRow[]> {
  return send<TIdentityRow>(q, FIND_IDENTITIES, [senders]);
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
 * first seen by one may later arrive with both: either key finds them (BSUID first), and a newly learnt key is to be
 * recorded. Customers nobody knows get a new contact id here; writeContacts creates them.
 */
export function planContacts(
  batch: TInboundMessage[],
  channelOf: Map<string, { workspaceId: string }>,
  found: TIdentityRow[],
): TContactPlan {
  const keys = identityKeys(batch);
  const identities = found.map(toIdentity);
  const find = (channelId: string, bsuid: string | null, externalId: string | null) =>
    (bsuid && identities.find((x) => x.channelId === channelId && x.bsuid === bsuid)) ||
    (externalId && identities.find((x) => x.channelId === channelId && x.externalId === externalId)) ||
    undefined;
  const created: TNewContact[] = [];
  const learnt = new Set<TIdentity>();
  const usernames = new Map<string, TUsername>();
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
        username: m.username ?? null,
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
    // The last username of the batch is the customer's current one.
    if (m.username && identity.id)
      usernames.set(identity.id, { channel_id: m.channelId, external_id: externalId, bsuid, username: m.username });
    return identity.contactId;
  });
  // Sorted by key, so two transactions creating the same customers wait for each other instead of deadlocking.
  created.sort((a, b) => (`${a.channelId}|${a.bsuid}|${a.externalId}` < `${b.channelId}|${b.bsuid}|${b.externalId}` ? -1 : 1));
  return { contactIds, created, learnt: [...learnt], usernames: [...usernames.values()] };
}

/**
 * Writes the plan: learnt keys, new contacts and their identities, sent now. Answers the contact ids of the new
 * customers whose identity this transaction claimed; one a concurrent transaction claimed first is not among them.
 */
export function writeContacts(q: postgres.Sql, plan: TContactPlan): Promise<Set<string>> {
  const writes: Promise<unknown>[] = [];
  if (plan.learnt.length > 0) {
    const rows = plan.learnt.map((i) => ({ id: i.id, external_id: i.externalId, bsuid: i.bsuid }));
    writes.push(send(q, LEARN_IDENTITIES, [JSON.stringify(rows)]));
  }
  if (plan.usernames.length > 0) writes.push(send(q, SET_USERNAMES, [JSON.stringify(plan.usernames)]));
  if (plan.created.length === 0) return Promise.all(writes).then(() => new Set());
  const contactRows = plan.created.map((c) => {
    const [first, ...rest] = (c.profileName ?? '').trim().split(/\s+/);
    return { id: c.contactId, workspace_id: c.workspaceId, first_name: first || null, last_name: rest.join(' ') || null, phone: c.phone };
  });
  const identityRows = plan.created.map((c, n) => ({
    n,
    workspace_id: c.workspaceId,
    contact_id: c.contactId,
    channel_id: c.channelId,
    external_id: c.externalId,
    bsuid: c.bsuid,
    profile_name: c.profileName,
    username: c.username,
  }));
  writes.push(send(q, CREATE_CONTACTS, [JSON.stringify(contactRows)]));
  const claiming = send<{ contact_id: string }>(q, CLAIM_IDENTITIES, [JSON.stringify(identityRows)]);
  return Promise.all([claiming, ...writes]).then(([claimed]) => new Set(claimed.map((c) => c.contact_id)));
}

/**
 * Another transaction created some of these customers at the same moment: drop ours (with anything made for them
 * meanwhile) and answer the winners' contact ids in their place. Rare; two more round trips.
 */
export async function yieldLostContacts(q: postgres.Sql, plan: TContactPlan, claimed: Set<string>): Promise<Map<string, string>> {
  const lost = plan.created.filter((c) => !claimed.has(c.contactId));
  if (lost.length === 0) return new Map();
  const [, winnerRows] = await Promise.all([
    send(q, DROP_CONTACTS, [JSON.stringify(lost.map((c) => c.contactId))]),
    findIdentities(q, distinctKeys(lost.map((c) => ({ channel_id: c.channelId, external_id: c.externalId, bsuid: c.bsuid })))),
  ]);
  const winners = winnerRows.map(toIdentity);
  return new Map(
    lost.map((c) => {
      const winner =
        (c.bsuid && winners.find((w) => w.channelId === c.channelId && w.bsuid === c.bsuid)) ||
        winners.find((w) => w.channelId === c.channelId && w.externalId === c.externalId);
      if (!winner) throw new AppError('CONFLICT');
      return [c.contactId, winner.contactId];
    }),
  );
}
