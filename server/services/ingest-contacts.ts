import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contactIdentities, contacts } from '@/db/schema';
import { AppError } from '@/server/errors';
import type { TInboundMessage } from './ingest';
import { anyOf, jsonRows } from './ingest-sql';

type TIdentity = { id: string | null; contactId: string; channelId: string; externalId: string | null; bsuid: string | null };

/**
 * The customer behind each message. WhatsApp users are known by phone id (wa_id), by BSUID, or both, and a customer
 * first seen by one may later arrive with both: either key finds them (BSUID first), and a newly learnt key is
 * recorded. New customers are created together; one created by a concurrent transaction at the same moment wins.
 */
export async function resolveContacts(
  tx: TDbOrTx,
  batch: TInboundMessage[],
  channelOf: Map<string, { workspaceId: string }>,
): Promise<string[]> {
  const keys = batch.map((m) => ({ channel_id: m.channelId, external_id: m.externalId || null, bsuid: m.bsuid || null }));
  const lookup = async (rows: typeof keys) => {
    const found: TIdentity[] = [];
    for (const channelId of new Set(rows.map((k) => k.channel_id))) {
      const mine = rows.filter((k) => k.channel_id === channelId);
      const externalIds = JSON.stringify([...new Set(mine.map((k) => k.external_id).filter(Boolean))]);
      const bsuids = JSON.stringify([...new Set(mine.map((k) => k.bsuid).filter(Boolean))]);
      const rowsFound = await tx.execute<{ id: string; contact_id: string; external_id: string | null; bsuid: string | null }>(sql`
        select id, contact_id, external_id, bsuid from contact_identities
        where channel_id = ${channelId} and (external_id = ${anyOf(externalIds, 'text')} or bsuid = ${anyOf(bsuids, 'text')})`);
      found.push(...rowsFound.map((r) => ({ id: r.id, contactId: r.contact_id, channelId, externalId: r.external_id, bsuid: r.bsuid })));
    }
    return found;
  };

  const identities = await lookup(keys);
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

  for (const identity of learnt) {
    await tx
      .update(contactIdentities)
      .set({ bsuid: identity.bsuid, externalId: identity.externalId })
      .where(eq(contactIdentities.id, identity.id!));
  }
  if (created.length === 0) return contactIds;

  // Sorted by key, so two transactions creating the same customers wait for each other instead of deadlocking.
  created.sort((a, b) => (`${a.channelId}|${a.bsuid}|${a.externalId}` < `${b.channelId}|${b.bsuid}|${b.externalId}` ? -1 : 1));
  await tx.execute(sql`
    insert into contacts (id, workspace_id, first_name, last_name, phone)
    select x.id, x.workspace_id, x.first_name, x.last_name, x.phone
    from json_to_recordset(${jsonRows(
      created.map((c) => {
        const [first, ...rest] = (c.profileName ?? '').trim().split(/\s+/);
        return {
          id: c.contactId,
          workspace_id: c.workspaceId,
          first_name: first || null,
          last_name: rest.join(' ') || null,
          phone: c.phone,
        };
      }),
    )}) as x(id uuid, workspace_id uuid, first_name text, last_name text, phone text)`);
  const claimed = await tx.execute<{ contact_id: string }>(sql`
    insert into contact_identities (workspace_id, contact_id, channel_id, external_id, bsuid, profile_name)
    select x.workspace_id, x.contact_id, x.channel_id, x.external_id, x.bsuid, x.profile_name
    from json_to_recordset(${jsonRows(
      created.map((c, n) => ({
        n,
        workspace_id: c.workspaceId,
        contact_id: c.contactId,
        channel_id: c.channelId,
        external_id: c.externalId,
        bsuid: c.bsuid,
        profile_name: c.profileName,
      })),
    )}) as x(workspace_id uuid, contact_id uuid, channel_id uuid, external_id text, bsuid text, profile_name text, n int)
    order by x.n
    on conflict do nothing
    returning contact_id`);
  if (claimed.length === created.length) return contactIds;

  // Another transaction created some of these customers at the same moment: use theirs, drop ours.
  const ours = new Set(claimed.map((c) => c.contact_id));
  const lost = created.filter((c) => !ours.has(c.contactId));
  await tx.delete(contacts).where(
    inArray(
      contacts.id,
      lost.map((c) => c.contactId),
    ),
  );
  const winners = await lookup(lost.map((c) => ({ channel_id: c.channelId, external_id: c.externalId, bsuid: c.bsuid })));
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
