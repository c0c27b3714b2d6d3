import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, channels, conversations } from '@/db/schema';
import { callerFor, createConversation } from '@/server/testing/factories';
import { admin, auditOf, database, form, other, rowOf, SECRET, signedMessage, TOKEN, setUpChannelsTestbed, ws } from './channels-testbed';

/**
 * Settings → Channels through its procedures: a channel's default team, simulator channels, and another workspace's
 * channels refused everywhere.
 */
setUpChannelsTestbed();

describe('the default team, simulator channels and other workspaces', () => {
  it('puts NEW conversations of the channel in its default team, never moving existing ones', async () => {
    const input = form();
    const { channelId } = await admin().channel.connectWhatsApp(input);
    const existing = await createConversation(database.db, {
      workspaceId: ws.id,
      channel: { id: channelId, type: 'whatsapp' },
      externalId: '966511111111',
      phone: '+966511111111',
    });
    await admin().channel.setDefaultTeam({ channelId, teamId: ws.team });
    expect((await rowOf(channelId)).defaultTeamId).toBe(ws.team);

    expect((await signedMessage(input.phoneNumberId, SECRET, '966511111111')).status).toBe(200);
    expect((await signedMessage(input.phoneNumberId, SECRET, '966522222222')).status).toBe(200);
    const rows = await database.db.select().from(conversations).where(eq(conversations.channelId, channelId));
    expect(rows.find((r) => r.id === existing.conversation.id)!.teamId).toBeNull();
    expect(rows.filter((r) => r.id !== existing.conversation.id).map((r) => r.teamId)).toEqual([ws.team]);

    await expect(admin().channel.setDefaultTeam({ channelId, teamId: other.team })).rejects.toMatchObject({
      cause: { code: 'INVALID_INPUT', detail: 'teamNotInWorkspace' },
    });
    await expect(admin().channel.setDefaultTeam({ channelId, teamId: null, from: null })).rejects.toMatchObject({ cause: { code: 'CONFLICT' } });
    await admin().channel.setDefaultTeam({ channelId, teamId: null, from: ws.team });
    expect((await rowOf(channelId)).defaultTeamId).toBeNull();
    const audit = (await auditOf(channelId)).filter((a) => a.action === 'channel.defaultTeamChanged').map((a) => a.data);
    expect(audit).toEqual([{ defaultTeamId: [null, ws.team] }, { defaultTeamId: [ws.team, null] }]);
  });

  it('never keeps an archived team as a default: refused, not offered, cleared (audited) on archiving, not routed to', async () => {
    const input = form();
    const { channelId } = await admin().channel.connectWhatsApp(input);
    const night = await admin().team.create({ name: 'Night desk' });
    const spare = await admin().team.create({ name: 'Spare desk' });
    await admin().channel.setDefaultTeam({ channelId, teamId: night.id });
    await admin().team.archive({ teamId: spare.id });

    await expect(admin().channel.setDefaultTeam({ channelId, teamId: spare.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'INVALID_INPUT', detail: 'defaultTeamArchived' },
    });
    const offered = (await admin().channel.list()).teams.map((t) => t.id);
    expect(offered).toContain(night.id);
    expect(offered).not.toContain(spare.id);

    await admin().team.archive({ teamId: night.id });
    expect((await rowOf(channelId)).defaultTeamId).toBeNull();
    const changes = (await auditOf(channelId)).filter((a) => a.action === 'channel.defaultTeamChanged');
    expect(changes.map((a) => [a.actorId, a.data])).toEqual([
      [ws.admin, { defaultTeamId: [null, night.id] }],
      [ws.admin, { defaultTeamId: [night.id, null] }],
    ]);

    // A default left pointing at an archived team (written behind the app's back) routes nowhere.
    await database.db.update(channels).set({ defaultTeamId: night.id }).where(eq(channels.id, channelId));
    expect((await signedMessage(input.phoneNumberId, SECRET, '966533333333')).status).toBe(200);
    const [created] = await database.db.select().from(conversations).where(eq(conversations.channelId, channelId));
    expect(created!.teamId).toBeNull();
  });

  it('adds simulator channels of other types (never WhatsApp), offered to the simulator', async () => {
    const { channelId } = await admin().channel.addSimulator({ type: 'telegram', name: 'Telegram trial' });
    expect(await rowOf(channelId)).toMatchObject({ type: 'telegram', name: 'Telegram trial', workspaceId: ws.id });
    expect((await admin().simulator.channels()).map((c) => c.id)).toContain(channelId);
    expect((await auditOf(channelId)).map((a) => [a.action, a.data])).toEqual([['channel.simulatorAdded', { name: 'Telegram trial', type: 'telegram' }]]);
    await expect(admin().channel.addSimulator({ type: 'whatsapp' as never, name: 'x' })).rejects.toMatchObject({ cause: { name: 'ZodError' } });
    await expect(callerFor(database.db, ws.supervisor).channel.addSimulator({ type: 'sms', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses another workspace’s channel in every procedure, and changes nothing of it', async () => {
    const theirs = await callerFor(database.db, other.admin).channel.connectWhatsApp(form());
    const before = await rowOf(theirs.channelId);
    const me = admin();
    const channelId = theirs.channelId;
    for (const call of [
      () => me.channel.rename({ channelId, name: 'Mine now' }),
      () => me.channel.rotateToken({ channelId, accessToken: `${TOKEN}zz` }),
      () => me.channel.disconnect({ channelId }),
      () => me.channel.reconnect({ channelId }),
      () => me.channel.setDefaultTeam({ channelId, teamId: ws.team }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await rowOf(channelId)).toEqual(before);
    expect((await me.channel.list()).channels.map((c) => c.id)).not.toContain(channelId);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, channelId), eq(auditEvents.workspaceId, ws.id)))).toEqual([]);
  });
});
