import { describe, expect, it } from 'vitest';
import { ACCOUNT_UPDATES, accountUpdateEnvelope } from '@/server/channels/whatsapp/account-update-fixtures';
import { mayHear, REALTIME_CHANNEL, type TRealtimeEvent } from '@/server/realtime/events';
import { setUpMeaningsTestbed } from '@/server/services/ingest/meanings-testbed';
import { callerFor, createUser } from '@/server/testing/factories';
import { liftExpiredRestrictions } from './account-updates';

// account_update shapes from Meta's reference page, as cited in server/channels/whatsapp/account-update-fixtures.ts,
// posted signed through the real webhook handler.
const bed = setUpMeaningsTestbed();
const { A, B, postEnvelope } = bed;
const WABA = '410000000000777';

const channelOf = async (channelId: string) =>
  (
    await bed.database.sql<{ status: string; status_code: string | null }[]>`
      select status, status_code from channels where id = ${channelId}`
  )[0]!;
const updatesOf = (workspaceId: string, event: string) =>
  bed.database.sql<{ entity_id: string; severity: string; status: string | null; expires_at: Date | null; details: unknown }[]>`
    select entity_id, severity, status, expires_at, details from account_alerts
    where workspace_id = ${workspaceId} and source = 'account_update' and alert_type = ${event}`;
const setWaba = (channelId: string, wabaId: string) =>
  bed.database.sql`update channels set config = config || ${JSON.stringify({ wabaId })}::jsonb where id = ${channelId}`;
const numbersOf = async (userId: string) => callerFor(bed.database.db, userId, A.workspaceId).number.list();

async function listening<T>(run: () => Promise<T>) {
  const heard: TRealtimeEvent[] = [];
  const listener = await bed.database.sql.listen(REALTIME_CHANNEL, (payload) => heard.push(JSON.parse(payload) as TRealtimeEvent));
  try {
    await run();
    // number.changed always follows a stored update: wait for it, so what was (not) sent is known.
    await expect.poll(() => heard.some((e) => e.type === 'number.changed' && e.workspaceId === A.workspaceId)).toBe(true);
    return heard.filter((e) => e.workspaceId === A.workspaceId);
  } finally {
    await listener.unlisten();
  }
}

describe('account_update', () => {
  it('a restriction is stored once (Meta retries), puts the WABA’s numbers in needs attention with its expiry, and alerts admins only', async () => {
    await setWaba(A.channelId, WABA);
    // Another workspace's number under the same WABA id is not this workspace's business.
    await setWaba(B.channelId, WABA);
    const at = new Date('2026-11-30T10:00:00Z');
    const envelope = accountUpdateEnvelope(ACCOUNT_UPDATES.restrictionSeconds, at, WABA);
    const heard = await listening(async () => {
      await postEnvelope(A, envelope);
      await postEnvelope(A, envelope);
    });
    const stored = await updatesOf(A.workspaceId, 'ACCOUNT_RESTRICTION');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ entity_id: WABA, severity: 'CRITICAL', status: 'ACTIVE' });
    expect(new Date(stored[0]!.expires_at!)).toEqual(new Date(1_798_800_000 * 1000));
    expect(await channelOf(A.channelId)).toEqual({ status: 'needs_attention', status_code: 'account_update' });
    expect((await channelOf(B.channelId)).status).toBe('active');

    const alerts = heard.filter((e) => e.type === 'account.updated');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({
      event: 'ACCOUNT_RESTRICTION',
      reason: 'restricted',
      expiresAt: new Date(1_798_800_000 * 1000).toISOString(),
    });
    for (const [role, hears] of [
      ['admin', true],
      ['supervisor', false],
      ['agent', false],
    ] as const)
      expect(mayHear({ userId: 'u', role, agentsSeeAll: true }, alert), role).toBe(hears);

    const [number] = await numbersOf(bed.adminId);
    expect(number!.accountUpdate).toMatchObject({
      event: 'ACCOUNT_RESTRICTION',
      reason: 'restricted',
      expiresAt: new Date(1_798_800_000 * 1000),
    });
    const listed = await callerFor(bed.database.db, bed.adminId, A.workspaceId).number.alerts();
    expect(listed.find((a) => a.alertType === 'ACCOUNT_RESTRICTION')).toMatchObject({
      source: 'account_update',
      details: { restrictions: expect.any(Array) },
    });
    // The other workspace sees none of it; agents may not read the list at all.
    const bAdmin = await createUser(bed.database.db, B.workspaceId, 'admin');
    expect(await callerFor(bed.database.db, bAdmin.id, B.workspaceId).number.alerts()).toEqual([]);
    await expect(callerFor(bed.database.db, bed.agentId, A.workspaceId).number.alerts()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a restriction whose term has run out is lifted by the periodic pass, unless a later update set another state', async () => {
    await setWaba(A.channelId, WABA);
    const expiry = new Date(1_798_800_000 * 1000);
    await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.restrictionSeconds, new Date('2026-11-30T11:00:00Z'), WABA));
    expect(await channelOf(A.channelId)).toEqual({ status: 'needs_attention', status_code: 'account_update' });
    expect(await liftExpiredRestrictions(bed.database.db, new Date(expiry.getTime() - 60_000))).toBe(0);
    expect(await channelOf(A.channelId)).toEqual({ status: 'needs_attention', status_code: 'account_update' });
    expect(await liftExpiredRestrictions(bed.database.db, new Date(expiry.getTime() + 60_000))).toBe(1);
    expect(await channelOf(A.channelId)).toEqual({ status: 'active', status_code: null });
    expect((await numbersOf(bed.adminId))[0]!.accountUpdate).toBeNull();

    // A ban after the restriction has no term: the restriction's end lifts nothing.
    await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.restrictionSeconds, new Date('2026-11-30T12:00:00Z'), WABA));
    await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.disabled, new Date('2026-11-30T13:00:00Z'), WABA));
    expect(await liftExpiredRestrictions(bed.database.db, new Date(expiry.getTime() + 60_000))).toBe(0);
    expect((await channelOf(A.channelId)).status).toBe('needs_attention');
    await bed.database.sql`update channels set status = 'active', status_code = null where id = ${A.channelId}`;
  });

  it('a reinstatement lifts what an update set, never a refused token; informational updates are listed without alarm', async () => {
    await setWaba(A.channelId, WABA);
    const heard = await listening(async () => {
      await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.reinstated, new Date('2026-12-01T10:00:00Z'), WABA));
      await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.partnerAdded, new Date('2026-12-01T11:00:00Z'), '420000000000002'));
    });
    expect(await channelOf(A.channelId)).toEqual({ status: 'active', status_code: null });
    expect(heard.filter((e) => e.type === 'account.updated')).toEqual([]);
    expect(await updatesOf(A.workspaceId, 'PARTNER_ADDED')).toMatchObject([{ severity: 'INFORMATIONAL', status: null }]);
    expect((await numbersOf(bed.adminId))[0]!.accountUpdate).toBeNull();

    await bed.database.sql`update channels set status = 'needs_attention', status_code = '190' where id = ${A.channelId}`;
    await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.reconnected, new Date('2026-12-01T12:00:00Z'), WABA));
    expect(await channelOf(A.channelId)).toEqual({ status: 'needs_attention', status_code: '190' });
    await bed.database.sql`update channels set status = 'active', status_code = null where id = ${A.channelId}`;
  });

  it('an update in a shape we do not know is acknowledged and changes nothing; an unknown event is listed with its name', async () => {
    await postEnvelope(A, accountUpdateEnvelope({ restriction_info: 'junk' }, new Date('2026-12-01T13:00:00Z'), WABA));
    await postEnvelope(A, accountUpdateEnvelope(ACCOUNT_UPDATES.unknown, new Date('2026-12-01T14:00:00Z'), WABA));
    expect(await updatesOf(A.workspaceId, 'SOMETHING_META_ADDS_LATER')).toHaveLength(1);
    expect((await channelOf(A.channelId)).status).toBe('active');
  });
});
